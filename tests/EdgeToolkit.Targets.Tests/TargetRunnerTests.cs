using EdgeToolkit.Graph;
using EdgeToolkit.Targets.Boards;
using EdgeToolkit.Targets.Running;

namespace EdgeToolkit.Targets.Tests;

public class TargetRunnerTests : IClassFixture<TinyRuns>
{
    private readonly TinyRuns _runs;

    public TargetRunnerTests(TinyRuns runs) => _runs = runs;

    public static TheoryData<string, string?> AllTargets => new()
    {
        { "host", null }, { "aarch64", null }, { "cortex-m0", null }, { "cortex-m3", null }, { "cortex-m4", null },
        { "cortex-m7", null }, { "cortex-m33", null }, { "cortex-m4", "netduinoplus2" },
    };

    public static TheoryData<string, string?> McuTargets => new()
    {
        { "cortex-m0", null }, { "cortex-m3", null }, { "cortex-m4", null }, { "cortex-m7", null }, { "cortex-m33", null },
        { "cortex-m4", "netduinoplus2" },
    };

    [Theory]
    [MemberData(nameof(AllTargets))]
    public void OutputsAreBitExactAgainstCSharp(string target, string? board)
    {
        var result = _runs.Get(target, board);
        var cases = TestInputs.TinyCases();
        Assert.Equal(cases.Count, result.Outputs.Count);
        for (int k = 0; k < cases.Count; k++)
        {
            var (y, z) = HandMadeModels.TinyReference(cases[k]["x"].Floats);
            Assert.Equal(new[] { 1, 8 }, result.Outputs[k]["y"].Shape);
            Assert.Equal(y.Select(BitConverter.SingleToUInt32Bits), result.Outputs[k]["y"].Floats.Select(BitConverter.SingleToUInt32Bits));
            Assert.Equal(z.Select(BitConverter.SingleToUInt32Bits), result.Outputs[k]["z"].Floats.Select(BitConverter.SingleToUInt32Bits));
        }
    }

    [Theory]
    [MemberData(nameof(AllTargets))]
    public void FootprintIsTheModelsShare(string target, string? board)
    {
        var result = _runs.Get(target, board);
        Assert.InRange(result.FlashBytes, 1, result.ImageFlashBytes - 1);
        // The built-in arena (32 bytes) is the model's only static RAM.
        Assert.InRange(result.RamBytes, 32, 64);
        Assert.Contains("-ffp-contract=off", result.CompilerFlags);
        Assert.Contains("-ffp-contract=off", result.CompileCommand);
        Assert.False(Directory.Exists(result.BuildDirectory));
    }

    [Theory]
    [MemberData(nameof(McuTargets))]
    public void McuFiguresAreMeasured(string target, string? board)
    {
        var result = _runs.Get(target, board);
        var ram = (board == null ? BoardCatalog.FromRepository().Default(target)! : BoardCatalog.FromRepository().Get(board)).Ram.Bytes;
        Assert.True(result.InstructionsPerInference > 0);
        // Same code on every case (no data-dependent branches on FPU cores): the counts agree.
        Assert.Equal(3, result.InstructionsPerCase!.Count);
        Assert.InRange(result.StackBytes!.Value, 1, ram - 1);
        Assert.Null(result.NsPerInference);
        Assert.Contains("-icount shift=7", result.RunCommand);
    }

    [Fact]
    public void HostReportsNanosecondsAndNoInstructions()
    {
        var result = _runs.Get("host", null);
        Assert.True(result.NsPerInference > 0);
        Assert.Null(result.InstructionsPerInference);
        Assert.Null(result.StackBytes);
        var aarch64 = _runs.Get("aarch64", null);
        Assert.Null(aarch64.NsPerInference);
        Assert.Null(aarch64.InstructionsPerInference);
    }

    [Fact]
    public void NativeHostBuildIsStillBitExact()
    {
        var result = TargetRunner.Run(HandMadeModels.Tiny(), "host", null, TestInputs.TinyCases(), TinyRuns.Options with { HostNative = true });
        Assert.Contains("-march=native", result.CompilerFlags);
        Assert.Contains("-O3", result.CompilerFlags);
        Assert.Equal(_runs.Get("host", null).Outputs.SelectMany(o => o["z"].Floats).Select(BitConverter.SingleToUInt32Bits),
            result.Outputs.SelectMany(o => o["z"].Floats).Select(BitConverter.SingleToUInt32Bits));
    }

    [Fact]
    public void KeepBuildLeavesTheSourcesAndImage()
    {
        var result = TargetRunner.Run(HandMadeModels.Tiny(), "cortex-m3", null, TestInputs.TinyCases(), TinyRuns.Options with { KeepBuild = true });
        try
        {
            foreach (var f in new[] { "main.c", "model.c", "model.h", "link.ld", "model.elf" })
                Assert.True(File.Exists(Path.Combine(result.BuildDirectory, f)), f);
        }
        finally { Directory.Delete(result.BuildDirectory, recursive: true); }
    }

    [Theory]
    [InlineData("cortex-m0")]
    [InlineData("cortex-m4")]
    public void InstructionCountsRepeatExactly(string target)
    {
        var again = TargetRunner.Run(HandMadeModels.Tiny(), target, null, TestInputs.TinyCases(), TinyRuns.Options);
        var first = _runs.Get(target, null);
        Assert.Equal(first.InstructionsPerCase, again.InstructionsPerCase);
        Assert.Equal(first.StackBytes, again.StackBytes);
    }

    [Theory]
    [InlineData("cortex-m0", null)]      // SysTick
    [InlineData("cortex-m3", null)]      // CMSDK timer
    [InlineData("cortex-m4", "netduinoplus2")]  // SysTick at 168 MHz, with wraps
    public void InstructionCountGrowsLinearlyWithTheLoopCount(string target, string? board)
    {
        var x = new[] { 0.5f, -1.25f, 3f, 0.1f };
        int[] counts = { 1000, 2000, 4000, 40000 };
        var cases = counts.Select(n => (IReadOnlyDictionary<string, Tensor>)new Dictionary<string, Tensor>
        {
            ["n"] = Tensor.FromInt32s(new[] { 1 }, new[] { n }),
            ["x"] = Tensor.FromFloats(new[] { 4 }, x),
        }).ToList();
        var result = TargetRunner.Run(HandMadeModels.Loop(), target, board == null ? null : BoardCatalog.FromRepository().Get(board), cases, TinyRuns.Options);
        for (int k = 0; k < counts.Length; k++)
            Assert.Equal(BitConverter.SingleToUInt32Bits(HandMadeModels.LoopReference(counts[k], x)),
                BitConverter.SingleToUInt32Bits(result.Outputs[k]["y"].Floats[0]));
        var c = result.InstructionsPerCase!;
        long perThousand = c[1] - c[0];
        Assert.True(perThousand >= 2000, $"a loop iteration is at least 2 instructions, got {perThousand} per 1000");
        Assert.Equal(2 * perThousand, c[2] - c[1]);
        // A long region: on SysTick boards the 24-bit counter wraps, and each wrap's interrupt handler
        // (5 instructions per 2^24 ticks) is inside the measured region; the CMSDK timer has no wraps.
        var timer = BoardCatalog.FromRepository().Resolve(target, board)!.Timer;
        long expected = 36 * perThousand, wrapsAtMost = (long)(c[3] * 128e-9 * timer.Hz / (1 << 24)) + 1;
        if (timer.Kind == "cmsdk") Assert.Equal(expected, c[3] - c[2]);
        else Assert.InRange(c[3] - c[2] - expected, 0, 5 * wrapsAtMost);
    }

    [Fact]
    public void PerLayerCostsAddUpToLessThanTheWhole()
    {
        var options = TinyRuns.Options with { PerLayer = true };
        var result = TargetRunner.Run(HandMadeModels.Tiny(), "cortex-m4", null, TestInputs.TinyCases(), options);
        Assert.Equal(2, result.Layers!.Count);
        Assert.All(result.Layers, l => Assert.True(l.Instructions > 0));
        Assert.True(result.Layers.Sum(l => l.Instructions!.Value) <= result.InstructionsPerInference);
        var host = TargetRunner.Run(HandMadeModels.Tiny(), "host", null, TestInputs.TinyCases(), options);
        Assert.Equal(2, host.Layers!.Count);
        Assert.All(host.Layers, l => Assert.True(l.Ns >= 0 && l.Instructions == null));
    }

    [Fact]
    public void LargeInputsLiveInFlash()
    {
        const int length = 65536; // 256 KB of input, more than the board's RAM allows beside the stack
        var x = TestInputs.Uniform(7, length);
        var cases = new[] { (IReadOnlyDictionary<string, Tensor>)new Dictionary<string, Tensor> { ["x"] = Tensor.FromFloats(new[] { length }, x) } };
        var result = TargetRunner.Run(HandMadeModels.Sum(length), "cortex-m4", null, cases, TinyRuns.Options);
        float expected = 0f;
        foreach (var v in x) expected += v;
        Assert.Equal(BitConverter.SingleToUInt32Bits(expected), BitConverter.SingleToUInt32Bits(result.Outputs[0]["y"].Floats[0]));
        Assert.True(result.ImageFlashBytes > length * 4);
        Assert.True(result.InstructionsPerInference > length);
    }

    [Theory]
    [InlineData("cortex-m7")]
    [InlineData("host")]
    public void LargeOutputsComeBackExactly(string target)
    {
        const int length = 65536; // 256 KB in and 256 KB out
        var x = TestInputs.Uniform(11, length, 100f);
        var cases = new[] { (IReadOnlyDictionary<string, Tensor>)new Dictionary<string, Tensor> { ["x"] = Tensor.FromFloats(new[] { length }, x) } };
        var result = TargetRunner.Run(HandMadeModels.Negate(length), target, null, cases, TinyRuns.Options);
        Assert.Equal(x.Select(v => BitConverter.SingleToUInt32Bits(-v)), result.Outputs[0]["y"].Floats.Select(BitConverter.SingleToUInt32Bits));
    }

    [Theory]
    [InlineData("host")]
    [InlineData("cortex-m0")]
    public void IntegerAndBoolPortsRoundTrip(string target)
    {
        sbyte[] a = { -128, -1, 0, 1, 127, -77 };
        long[] b = { long.MinValue, -5, 0, 7, long.MaxValue / 2, 1L << 40 };
        var cases = new[] { (IReadOnlyDictionary<string, Tensor>)new Dictionary<string, Tensor>
        {
            ["a"] = new Tensor(DataType.Int8, new[] { 6 }, a),
            ["b"] = Tensor.FromInt64s(new[] { 6 }, b),
        } };
        var result = TargetRunner.Run(HandMadeModels.Ints(), target, null, cases, TinyRuns.Options);
        Assert.Equal(a.Select(v => unchecked((sbyte)-v)), result.Outputs[0]["c"].Int8s);
        Assert.Equal(b.Select(v => unchecked(v * 3)), result.Outputs[0]["d"].Int64s);
        Assert.Equal(a.Select(v => v < 0), result.Outputs[0]["e"].Bools);
    }

    [Fact]
    public void AModelTooBigForTheBoardFailsToLinkWithTheOverflow()
    {
        var cases = new[] { (IReadOnlyDictionary<string, Tensor>)new Dictionary<string, Tensor> { ["x"] = Tensor.FromFloats(new[] { 1 }, new[] { 0.5f }) } };
        var e = Assert.Throws<EdgeToolkitException>(() => TargetRunner.Run(HandMadeModels.Big(), "cortex-m4", null, cases, TinyRuns.Options));
        Assert.Equal(ErrorKind.CheckFailed, e.Kind);
        Assert.Matches(@"model does not fit board mps2-an386: flash overflowed by \d+ bytes \(needs \d+, has 1048576\)", e.Message);
        Assert.Contains("quantize to int8 or prune", e.Message);
        // The same model fits the M7 board's 2 MB? No: 2 MB of table plus code is over 2 MB, so it fails there too.
        var m7 = Assert.Throws<EdgeToolkitException>(() => TargetRunner.Run(HandMadeModels.Big(), "cortex-m7", null, cases, TinyRuns.Options));
        Assert.Contains("mps2-an500", m7.Message);
        // On the host it runs: x = 0 reads the table's first element, 1.
        var zero = new[] { (IReadOnlyDictionary<string, Tensor>)new Dictionary<string, Tensor> { ["x"] = Tensor.FromFloats(new[] { 1 }, new[] { 0f }) } };
        Assert.Equal(1f, TargetRunner.Run(HandMadeModels.Big(), "host", null, zero, TinyRuns.Options).Outputs[0]["y"].Floats[0]);
    }

    [Fact]
    public void AnArenaTooBigForTheBoardsRamFailsToLink()
    {
        var cases = new[] { (IReadOnlyDictionary<string, Tensor>)new Dictionary<string, Tensor> { ["x"] = Tensor.FromFloats(new[] { 1 }, new[] { 0.5f }) } };
        var e = Assert.Throws<EdgeToolkitException>(() => TargetRunner.Run(HandMadeModels.Hog(32 * 1024), "cortex-m0", null, cases, TinyRuns.Options));
        Assert.Equal(ErrorKind.CheckFailed, e.Kind);
        Assert.Matches(@"model does not fit board microbit: ram overflowed by \d+ bytes \(needs \d+, has 16384\)", e.Message);
        Assert.Contains("more RAM", e.Message);
        // 15 KB fits the region but leaves no room for a stack: refused at link time too.
        var tight = Assert.Throws<EdgeToolkitException>(() => TargetRunner.Run(HandMadeModels.Hog(15 * 1024), "cortex-m0", null, cases, TinyRuns.Options));
        Assert.Contains("less than 1 KB", tight.Message);
        // 8 KB fits, and the share is the arena.
        var fits = TargetRunner.Run(HandMadeModels.Hog(8 * 1024), "cortex-m0", null, cases, TinyRuns.Options);
        Assert.Equal(8 * 1024, fits.RamBytes);
        Assert.Equal(1.5f, fits.Outputs[0]["y"].Floats[0]);
    }

    [Theory]
    [InlineData("cortex-m0")]
    [InlineData("cortex-m4")]
    [InlineData("cortex-m33")]
    public void AFaultIsAClearError(string target)
    {
        var cases = new[] { (IReadOnlyDictionary<string, Tensor>)new Dictionary<string, Tensor> { ["x"] = Tensor.FromFloats(new[] { 1 }, new[] { 0.5f }) } };
        var e = Assert.Throws<EdgeToolkitException>(() => TargetRunner.Run(HandMadeModels.Fault(), target, null, cases, TinyRuns.Options));
        Assert.Equal(ErrorKind.CheckFailed, e.Kind);
        Assert.Contains("crashed", e.Message);
        Assert.Contains("CPU exception 3 (HardFault), exit code 103", e.Message);
    }

    [Fact]
    public void AHangIsStoppedWithAClearError()
    {
        var cases = new[] { (IReadOnlyDictionary<string, Tensor>)new Dictionary<string, Tensor> { ["x"] = Tensor.FromFloats(new[] { 1 }, new[] { 0.5f }) } };
        var e = Assert.Throws<EdgeToolkitException>(() => TargetRunner.Run(HandMadeModels.Hang(), "cortex-m3", null, cases,
            TinyRuns.Options with { RunTimeout = TimeSpan.FromSeconds(2) }));
        Assert.Equal(ErrorKind.CheckFailed, e.Kind);
        Assert.Contains("did not finish on board mps2-an385", e.Message);
        Assert.Contains("timeout 2 ", e.Message);
    }

    [Fact]
    public void AHostCrashIsAClearError()
    {
        var cases = new[] { (IReadOnlyDictionary<string, Tensor>)new Dictionary<string, Tensor> { ["x"] = Tensor.FromFloats(new[] { 1 }, new[] { 0.5f }) } };
        var e = Assert.Throws<EdgeToolkitException>(() => TargetRunner.Run(HandMadeModels.Fault(), "host", null, cases, TinyRuns.Options));
        Assert.Equal(ErrorKind.CheckFailed, e.Kind);
        Assert.Contains("killed by signal", e.Message);
    }
}
