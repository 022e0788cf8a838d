using EdgeToolkit.Graph.Evaluation;
using EdgeToolkit.Onnx;

namespace EdgeToolkit.Graph.Tests.Recurrent;

/// <summary>
/// The evaluator against ONNX Runtime on random recurrent nodes covering the attributes and
/// optional inputs. ONNX Runtime refuses layout = 1; RecurrentLayoutTests covers it.
/// </summary>
public class RecurrentOrtTests
{
    private static readonly Dictionary<string, RecurrentCase> Cases = new()
    {
        ["lstm"] = new("LSTM"),
        ["lstm bidirectional, initial states, peepholes"] = new("LSTM") { Direction = "bidirectional", InitialStates = true, Peepholes = true },
        ["lstm reverse, clip, input_forget, no bias"] = new("LSTM") { Direction = "reverse", Clip = 0.7f, InputForget = true, Bias = false, InitialStates = true },
        ["lstm bidirectional, sequence_lens"] = new("LSTM", Batch: 3) { Direction = "bidirectional", SequenceLens = new[] { 3, 1, 2 }, InitialStates = true },
        ["lstm alternative activations"] = new("LSTM")
        {
            Activations = new[] { "HardSigmoid", "ScaledTanh", "Softsign" }, Alphas = new[] { 0.3f, 0.9f }, Betas = new[] { 0.4f, 1.2f },
        },
        ["gru linear_before_reset, bidirectional"] = new("GRU") { LinearBeforeReset = true, Direction = "bidirectional", InitialStates = true },
        ["gru reverse, sequence_lens, clip"] = new("GRU") { Direction = "reverse", SequenceLens = new[] { 2, 3 }, Clip = 0.5f },
        ["gru alternative activations"] = new("GRU") { Activations = new[] { "Affine", "Elu" }, Alphas = new[] { 0.25f, 0.8f }, Betas = new[] { 0.5f } },
        ["rnn bidirectional, per-direction activations"] = new("RNN")
        {
            Direction = "bidirectional", InitialStates = true, Activations = new[] { "Relu", "LeakyRelu" }, Alphas = new[] { 0.2f },
        },
        ["rnn thresholded relu, softplus"] = new("RNN") { Direction = "bidirectional", Activations = new[] { "ThresholdedRelu", "Softplus" }, Alphas = new[] { 0.1f } },
    };

    public static TheoryData<string> Names => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Evaluator_matches_onnx_runtime(string name)
    {
        var g = Cases[name].Build(seed: 7);
        var feeds = RecurrentCase.Feeds(g, seed: 7);
        var ours = Evaluator.Run(g, feeds);
        using var ort = new OrtSession(g);
        var reference = ort.Run(feeds);
        foreach (var o in g.Outputs)
        {
            Assert.Equal(reference[o.Name].Shape, ours[o.Name].Shape);
            var (want, got) = (reference[o.Name].Floats, ours[o.Name].Floats);
            for (int i = 0; i < want.Length; i++)
                Assert.True(Math.Abs(want[i] - got[i]) <= 1e-5, $"{name} {o.Name}[{i}]: ONNX Runtime {want[i]}, evaluator {got[i]}");
        }
    }
}
