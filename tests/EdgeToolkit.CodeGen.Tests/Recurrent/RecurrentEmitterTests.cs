using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Tests.Recurrent;
using EdgeToolkit.Onnx;

namespace EdgeToolkit.CodeGen.Tests.Recurrent;

/// <summary>
/// Generated RNN, GRU and LSTM kernels compiled and run on the host against the reference
/// evaluator, and against ONNX Runtime where it takes the node (not layout = 1).
/// </summary>
public class RecurrentEmitterTests
{
    private static readonly Dictionary<string, RecurrentCase> Cases = new()
    {
        ["lstm bidirectional, peepholes, sequence_lens"] = new("LSTM", Batch: 3)
        {
            Direction = "bidirectional", Peepholes = true, InitialStates = true, SequenceLens = new[] { 3, 0, 2 },
        },
        ["lstm layout 1, clip, input_forget, states only"] = new("LSTM") { Layout = 1, Clip = 0.6f, InputForget = true, SequenceOut = false },
        ["lstm reverse, Y only, alternative activations"] = new("LSTM")
        {
            Direction = "reverse", StatesOut = false, Bias = false,
            Activations = new[] { "HardSigmoid", "ScaledTanh", "Softsign" }, Alphas = new[] { 0.3f, 0.9f }, Betas = new[] { 0.4f, 1.2f },
        },
        ["gru linear_before_reset, layout 1, bidirectional"] = new("GRU") { LinearBeforeReset = true, Layout = 1, Direction = "bidirectional", InitialStates = true },
        ["gru reverse, sequence_lens, Y only"] = new("GRU", Hidden: 6) { Direction = "reverse", SequenceLens = new[] { 1, 3 }, StatesOut = false, Clip = 0.5f },
        ["gru affine and elu"] = new("GRU") { Activations = new[] { "Affine", "Elu" }, Alphas = new[] { 0.25f, 0.8f }, Betas = new[] { 0.5f } },
        ["rnn bidirectional relu, leaky relu"] = new("RNN")
        {
            Direction = "bidirectional", InitialStates = true, Activations = new[] { "Relu", "LeakyRelu" }, Alphas = new[] { 0.2f },
        },
        ["rnn thresholded relu, softplus, sigmoid"] = new("RNN", Hidden: 8)
        {
            Direction = "bidirectional", Activations = new[] { "ThresholdedRelu", "Softplus" }, Alphas = new[] { 0.1f },
        },
    };

    public static TheoryData<string> Names => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Generated_C_matches_the_evaluator_and_onnx_runtime(string name)
    {
        var options = Cases[name];
        var g = options.Build(seed: 11);
        var feeds = RecurrentCase.Feeds(g, seed: 11);
        var model = ModelCheck.AssertMatchesReference(g, feeds);
        if (options.Layout != 0) return;
        using var ort = new OrtSession(g);
        var reference = ort.Run(feeds);
        var c = HostC.Run(model, feeds);
        foreach (var o in g.Outputs) ModelCheck.AssertClose(reference[o.Name], c[o.Name], 1e-5, o.Name);
    }

    [Fact]
    public void Each_weight_matrix_is_read_in_one_place()
    {
        // A weight-only-quantized variant replaces these reads; a second read would be missed.
        var g = Cases["lstm bidirectional, peepholes, sequence_lens"].Build(seed: 1);
        var code = CCodeGenerator.Generate(g, new CodeGenOptions()).Files["model.c"];
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(code, @"w_dir\["));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(code, @"r_dir\["));
    }

    [Theory]
    [InlineData("arm-none-eabi-gcc", "cortex-m0", "-mcpu=cortex-m0 -mthumb -mfloat-abi=soft")]
    [InlineData("arm-none-eabi-gcc", "cortex-m7", "-mcpu=cortex-m7 -mthumb -mfpu=fpv5-d16 -mfloat-abi=hard")]
    public void Compiles_warning_free_for_microcontrollers(string compiler, string target, string flags)
    {
        if (!HostC.OnPath(compiler)) return;
        foreach (var name in new[] { "lstm bidirectional, peepholes, sequence_lens", "gru reverse, sequence_lens, Y only" })
        {
            var model = CCodeGenerator.Generate(Cases[name].Build(seed: 2), new CodeGenOptions { Target = TargetProfile.ForTarget(target) });
            HostC.CompileOnly(model, compiler, flags);
        }
    }
}
