using EdgeToolkit.CodeGen;
using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Passes;
using EdgeToolkit.Onnx;
using EdgeToolkit.Training.Evaluation;
using EdgeToolkit.Training.Reasoning;
using TorchSharp;

namespace EdgeToolkit.Training.Tests.Reasoning;

public class DecoderExportParityTests
{
    /// <summary>A small decoder with weights large enough that its logits differ clearly between tokens and positions.</summary>
    private static TinyDecoder RandomDecoder(int seed)
    {
        TorchRuntime.Initialize(seed);
        var model = new TinyDecoder(new DecoderConfig(ArithmeticVocabulary.Size, ArithmeticData.MaxContext, Layers: 2, DModel: 16, Heads: 4, FeedForward: 32));
        using (torch.no_grad())
            foreach (var (name, p) in model.named_parameters())
                if (!name.Contains("ln", StringComparison.Ordinal)) p.normal_(0, 0.4);
                else p.normal_(name.EndsWith("weight", StringComparison.Ordinal) ? 1.0 : 0.0, 0.2);
        model.eval();
        return model;
    }

    [Fact]
    public void StepLogitsMatchTheFullForwardInOnnxRuntime()
    {
        var model = RandomDecoder(11);
        var graph = DecoderStepExporter.Export(model);
        var sig = DecoderStepExporter.Signature(model.Config);
        using var session = new OrtSession(graph);
        foreach (var text in new[] { "47*38=673+0141=6871$", "0012-0345=333-$" })
        {
            var tokens = ArithmeticVocabulary.Encode(text);
            var steps = DecoderParity.StepLogits(graph, sig, tokens, inputs => session.Run(inputs));
            var full = DecoderParity.FullLogits(model, tokens);
            double spread = 0;
            for (int t = 0; t < tokens.Length; t++)
            {
                spread = Math.Max(spread, full[t].Max() - full[t].Min());
                for (int v = 0; v < full[t].Length; v++)
                    Assert.True(Math.Abs(full[t][v] - steps[t][v]) <= 1e-5, $"'{text}' position {t} token {v}: torch {full[t][v]} vs ORT {steps[t][v]}");
            }
            Assert.True(spread > 1, "logits of the random model are too flat for the comparison to mean anything");
        }
    }

    [Fact]
    public void CachedGreedyDecodingEqualsFullSequenceDecoding()
    {
        var model = RandomDecoder(12);
        var graph = DecoderStepExporter.Export(model);
        var sig = DecoderStepExporter.Signature(model.Config);
        var prompts = ArithmeticData.Ops.SelectMany(op => ArithmeticData.HeldOut(op).Take(8)).Select(p => ArithmeticVocabulary.Encode(p.Prompt)).ToList();
        var reference = TorchGreedyDecoder.Decode(model, prompts, 18);
        using var ort = new OrtBackend(graph);
        var cached = ort.Generate(sig, prompts, 18);
        for (int i = 0; i < prompts.Count; i++)
            Assert.Equal(ArithmeticVocabulary.Decode(reference[i]), ArithmeticVocabulary.Decode(cached[i]));
        Assert.True(reference.Select(r => ArithmeticVocabulary.Decode(r)).Distinct().Count() > 1, "every prompt decoded the same: the check is vacuous");
    }

    [Fact]
    public void StepGraphRoundTripsThroughOnnxAndCompilesToC()
    {
        var model = RandomDecoder(13);
        var graph = OnnxImporter.Load(OnnxExporter.ToBytes(DecoderStepExporter.Export(model)), "decoder.onnx");
        Assert.Equal(new[] { "token", "position", "past_keys", "past_values" }, graph.Inputs.Select(i => i.Name));
        Assert.Equal(new[] { "logits", "present_keys", "present_values" }, graph.Outputs.Select(o => o.Name));
        PassPipeline.Standard(new PipelineOptions()).Run(graph);
        Assert.Equal(new[] { 1, ArithmeticVocabulary.Size }, graph.GetInfo("logits").Shape.ToConcrete());
        Assert.Equal(new[] { 2, ArithmeticData.MaxContext, 16 }, graph.GetInfo("present_keys").Shape.ToConcrete());
        var code = CCodeGenerator.Generate(graph, new CodeGenOptions { Name = "arith", Target = TargetProfile.ForTarget("cortex-m4") });
        Assert.True(code.Macs > 0);
    }
}
