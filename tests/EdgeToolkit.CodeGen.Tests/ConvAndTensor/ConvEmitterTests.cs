using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;

namespace EdgeToolkit.CodeGen.Tests.ConvAndTensor;

/// <summary>
/// Conv kernels compiled with gcc and run on the host, against the reference evaluator on the
/// unfused graph (Conv, then Relu, then MaxPool as separate nodes). Every case runs with the
/// host profile (the vector variant, for groups of 6+ output channels) and the cortex-m4
/// profile (the portable register-blocked kernel, plain C that the host gcc runs as well).
/// </summary>
public class ConvEmitterTests
{
    /// <summary>One conv case: input shape, out channels, kernel, and the attributes that vary.</summary>
    public sealed record Case(string Name, int[] Input, int OutChannels, int[] Kernel, long[]? Strides = null, long[]? Pads = null,
        long[]? Dilations = null, int Group = 1, bool Bias = true, string? AutoPad = null)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Case> Cases() => new()
    {
        new Case("2d-valid", new[] { 1, 3, 9, 10 }, 8, new[] { 3, 3 }),
        new Case("2d-pad1", new[] { 1, 3, 8, 8 }, 8, new[] { 3, 3 }, Pads: new long[] { 1, 1, 1, 1 }),
        new Case("2d-asym-pads-stride2", new[] { 2, 2, 11, 9 }, 6, new[] { 3, 2 }, Strides: new long[] { 2, 2 }, Pads: new long[] { 2, 0, 1, 1 }),
        new Case("2d-dilation2", new[] { 1, 2, 12, 12 }, 4, new[] { 3, 3 }, Dilations: new long[] { 2, 2 }, Pads: new long[] { 2, 1, 2, 1 }),
        new Case("2d-groups", new[] { 1, 6, 9, 9 }, 9, new[] { 3, 3 }, Group: 3, Pads: new long[] { 1, 1, 1, 1 }),
        new Case("2d-depthwise", new[] { 1, 5, 10, 10 }, 5, new[] { 3, 3 }, Group: 5, Pads: new long[] { 1, 1, 1, 1 }, Strides: new long[] { 1, 2 }),
        new Case("2d-no-bias-same-upper", new[] { 1, 4, 7, 7 }, 7, new[] { 4, 4 }, Bias: false, AutoPad: "SAME_UPPER"),
        new Case("2d-same-lower-stride2", new[] { 1, 3, 10, 10 }, 4, new[] { 3, 3 }, Strides: new long[] { 2, 2 }, AutoPad: "SAME_LOWER"),
        new Case("2d-1x1", new[] { 1, 16, 5, 5 }, 12, new[] { 1, 1 }),
        new Case("1d-pad-stride", new[] { 1, 3, 20 }, 8, new[] { 5 }, Strides: new long[] { 2 }, Pads: new long[] { 2, 2 }),
        new Case("1d-dilation-groups", new[] { 1, 4, 17 }, 4, new[] { 3 }, Dilations: new long[] { 3 }, Group: 2),
        new Case("2d-5x5-pad2", new[] { 1, 2, 12, 11 }, 4, new[] { 5, 5 }, Pads: new long[] { 2, 2, 2, 2 }),
        new Case("1d-long-kernel", new[] { 1, 2, 40 }, 3, new[] { 17 }, Pads: new long[] { 8, 8 }),
        new Case("1d-depthwise", new[] { 1, 6, 16 }, 6, new[] { 3 }, Group: 6, Pads: new long[] { 1, 1 }),
        // wide enough for the host variant's other shapes: five 8-channel blocks, padded 16-channel
        // blocks in groups, a 5x5 window (taps looped, not unrolled), 1-D with stride
        new Case("2d-40-channels", new[] { 1, 3, 7, 9 }, 40, new[] { 3, 3 }, Pads: new long[] { 1, 1, 1, 1 }),
        new Case("2d-groups-12-per-group", new[] { 1, 4, 8, 8 }, 24, new[] { 3, 3 }, Group: 2, Pads: new long[] { 1, 0, 1, 2 }),
        new Case("2d-5x5-16-channels", new[] { 1, 2, 10, 11 }, 16, new[] { 5, 5 }, Pads: new long[] { 2, 2, 2, 2 }, Dilations: new long[] { 1, 2 }),
        new Case("1d-16-channels-stride2", new[] { 1, 3, 30 }, 16, new[] { 7 }, Strides: new long[] { 2 }, Pads: new long[] { 3, 3 }),
    };

    public static readonly string[] Profiles = { "host", "cortex-m4" };

    public static TheoryData<Case, string> CasesOnProfiles()
    {
        var data = new TheoryData<Case, string>();
        foreach (var c in Cases())
            foreach (var p in Profiles) data.Add(c, p);
        return data;
    }

    /// <summary>The host profile takes the vector variant exactly when a group has 6 or more output channels.</summary>
    private static void AssertKernelVariant(KernelProgram program, Case c, string profile)
    {
        bool vector = profile == "host" && c.OutChannels / c.Group >= 6;
        Assert.Equal(vector, program.ModelC.Contains("host/aarch64 variant"));
    }

    internal static ModelGraph Build(Case c, bool reluPool, out Dictionary<string, Tensor> inputs)
    {
        var b = new GraphBuilder("conv_" + c.Name.Replace('-', '_'));
        var x = b.Input("x", DataType.Float32, c.Input.Select(d => (long)d).ToArray());
        var wShape = new[] { c.OutChannels, c.Input[1] / c.Group }.Concat(c.Kernel).ToArray();
        var w = b.Constant("w", KernelCheck.Random(wShape, 2, 0.5f));
        var ins = c.Bias ? new[] { x, w, b.Constant("b", KernelCheck.Random(new[] { c.OutChannels }, 3, 0.3f)) } : new[] { x, w };
        var attrs = new List<NodeAttribute> { NodeAttribute.Of("kernel_shape", c.Kernel.Select(k => (long)k).ToArray()), NodeAttribute.Of("group", (long)c.Group) };
        if (c.Strides != null) attrs.Add(NodeAttribute.Of("strides", c.Strides));
        if (c.Pads != null) attrs.Add(NodeAttribute.Of("pads", c.Pads));
        if (c.Dilations != null) attrs.Add(NodeAttribute.Of("dilations", c.Dilations));
        if (c.AutoPad != null) attrs.Add(NodeAttribute.Of("auto_pad", c.AutoPad));
        var y = b.OpNamed("conv", "Conv", ins, attrs.ToArray());
        if (reluPool)
        {
            y = b.OpNamed("relu", "Relu", new[] { y });
            long[] pool = c.Input.Length == 3 ? new long[] { 2 } : new long[] { 2, 2 };
            y = b.OpNamed("pool", "MaxPool", new[] { y }, NodeAttribute.Of("kernel_shape", pool), NodeAttribute.Of("strides", pool));
        }
        b.Output(y);
        inputs = new Dictionary<string, Tensor> { ["x"] = KernelCheck.Random(c.Input, 1) };
        return b.Graph;
    }

    [Theory]
    [MemberData(nameof(CasesOnProfiles))]
    public void Conv_matches_reference(Case c, string profile)
    {
        var g = Build(c, reluPool: false, out var inputs);
        var program = KernelCheck.AssertMatchesReference(g, inputs, target: TargetProfile.ForTarget(profile));
        AssertKernelVariant(program, c, profile);
    }

    [Theory]
    [MemberData(nameof(CasesOnProfiles))]
    public void Conv_with_fused_relu_and_maxpool_matches_reference(Case c, string profile)
    {
        var g = Build(c, reluPool: true, out var inputs);
        var program = KernelCheck.AssertMatchesReference(g, inputs, fused => KernelCheck.Fuse(fused, "conv", "relu", "pool"), target: TargetProfile.ForTarget(profile));
        // One kernel writes the pooled values: no buffer holds the full-size conv output.
        Assert.Single(program.ModelC.Split('\n'), l => l.StartsWith("static void kernel_"));
        AssertKernelVariant(program, c, profile);
    }

    [Theory]
    [InlineData("host")]
    [InlineData("cortex-m4")]
    public void Fused_pool_with_overlapping_windows_and_odd_sizes_matches_reference(string profile)
    {
        // 3x3 windows, stride 2 (overlapping), on a conv output of 13x11 that floor-pooling trims.
        var b = new GraphBuilder("overlap");
        var x = b.Input("x", DataType.Float32, 1, 3, 15, 13);
        var w = b.Constant("w", KernelCheck.Random(new[] { 8, 3, 3, 3 }, 5, 0.5f));
        var bias = b.Constant("b", KernelCheck.Random(new[] { 8 }, 6, 0.3f));
        var y = b.OpNamed("conv", "Conv", new[] { x, w, bias }, NodeAttribute.Of("kernel_shape", new long[] { 3, 3 }));
        y = b.OpNamed("act", "LeakyRelu", new[] { y }, NodeAttribute.Of("alpha", 0.1f));
        y = b.OpNamed("pool", "MaxPool", new[] { y }, NodeAttribute.Of("kernel_shape", new long[] { 3, 3 }), NodeAttribute.Of("strides", new long[] { 2, 2 }));
        b.Output(y);
        var inputs = new Dictionary<string, Tensor> { ["x"] = KernelCheck.Random(new[] { 1, 3, 15, 13 }, 7) };
        KernelCheck.AssertMatchesReference(b.Graph, inputs, g => KernelCheck.Fuse(g, "conv", "act", "pool"), target: TargetProfile.ForTarget(profile));
    }

    [Theory]
    [InlineData("host")]
    [InlineData("cortex-m4")]
    public void Small_cnn_end_to_end_matches_reference(string profile)
    {
        var g = ExampleModels.SmallCnn(seed: 3);
        var inputs = new Dictionary<string, Tensor> { ["image"] = KernelCheck.Random(new[] { 1, 1, 28, 28 }, 11) };
        KernelCheck.AssertMatchesReference(g, inputs, fused =>
        {
            KernelCheck.Fuse(fused, "conv1", "conv1_relu", "conv1_pool");
            KernelCheck.Fuse(fused, "conv2", "conv2_relu", "conv2_pool");
        }, target: TargetProfile.ForTarget(profile));
    }

    [Theory]
    [InlineData("aarch64")]   // the vector variant, as on the host
    [InlineData("cortex-m7")] // portable: 16 accumulators, 4 positions with a remainder tile
    [InlineData("cortex-m0")] // portable: 8 accumulators
    public void Conv_blocking_for_other_register_files_matches_reference(string target)
    {
        var c = new Case("2d-pad1-wide", new[] { 1, 3, 9, 13 }, 8, new[] { 3, 3 }, Pads: new long[] { 1, 1, 1, 1 });
        var g = Build(c, reluPool: false, out var inputs);
        KernelCheck.AssertMatchesReference(g, inputs, target: TargetProfile.ForTarget(target));
        var pooled = Build(c, reluPool: true, out inputs);
        KernelCheck.AssertMatchesReference(pooled, inputs, f => KernelCheck.Fuse(f, "conv", "relu", "pool"), target: TargetProfile.ForTarget(target));
    }
}
