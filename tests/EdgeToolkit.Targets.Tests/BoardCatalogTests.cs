using EdgeToolkit.Graph;
using EdgeToolkit.Targets.Boards;

namespace EdgeToolkit.Targets.Tests;

public class BoardCatalogTests
{
    private static readonly BoardCatalog Catalog = BoardCatalog.FromRepository();

    [Fact]
    public void EveryBoardFileLoadsAndIsNamedAfterItsQemuMachine()
    {
        var names = Catalog.All.Select(b => b.Name).Order().ToList();
        Assert.Subset(names.ToHashSet(), new HashSet<string> { "microbit", "mps2-an385", "mps2-an386", "mps2-an386-watch", "mps2-an500", "mps2-an505", "netduinoplus2" });
        foreach (var b in Catalog.All)
        {
            // The machine's name, or machine-variant for another part's memory sizes on the same emulated machine.
            Assert.True(b.Name == b.QemuMachine || b.Name.StartsWith(b.QemuMachine + "-"), $"board {b.Name} emulated by {b.QemuMachine}");
            Assert.Contains("-mcpu=" + b.Core, b.GccFlags);
            Assert.Equal(b.HasFpu, b.GccFlags.Contains("-mfloat-abi=hard"));
            Assert.True(b.CyclesPerInstruction.Min < b.CyclesPerInstruction.Max);
            Assert.False(string.IsNullOrWhiteSpace(b.Flasher));
        }
    }

    [Theory]
    [InlineData("cortex-m0", "microbit")]
    [InlineData("cortex-m3", "mps2-an385")]
    [InlineData("cortex-m4", "mps2-an386")]
    [InlineData("cortex-m7", "mps2-an500")]
    [InlineData("cortex-m33", "mps2-an505")]
    public void DefaultBoardFollowsTheConventions(string target, string board)
    {
        var b = Catalog.Default(target)!;
        Assert.Equal(board, b.Name);
        Assert.Equal(target, b.Core);
    }

    [Fact]
    public void TheWatchBoardIsAnNrf52832SizedM4WithItsPower()
    {
        var b = Catalog.Get("mps2-an386-watch");
        Assert.Equal(("cortex-m4", 512 * 1024L, 64 * 1024L, 64_000_000L), (b.Core, b.Flash.Bytes, b.Ram.Bytes, b.ClockHz));
        // 58 uA/MHz x 64 MHz x 3 V = 11.1 mW; 64,000 instructions at 1.2-2 cycles each take 1.2-2 ms, so 13.3-22.2 uJ.
        var (min, max) = b.EstimateEnergy(64_000)!.Value;
        Assert.Equal(13.32e-6, min, 1e-9);
        Assert.Equal(22.2e-6, max, 1e-9);
    }

    [Fact]
    public void HostedTargetsHaveNoBoard()
    {
        Assert.Null(Catalog.Default("host"));
        Assert.Null(Catalog.Default("aarch64"));
        Assert.Equal(ErrorKind.BadInput, Assert.Throws<EdgeToolkitException>(() => Catalog.Default("cortex-m99")).Kind);
    }

    [Fact]
    public void RealPartSizesAreThoseOfTheParts()
    {
        var microbit = Catalog.Get("microbit");
        Assert.Equal((0x0UL, 256L * 1024), (microbit.Flash.Origin, microbit.Flash.Bytes));
        Assert.Equal(16L * 1024, microbit.Ram.Bytes);
        var stm32 = Catalog.Get("netduinoplus2");
        Assert.Equal((0x08000000UL, 1024L * 1024), (stm32.Flash.Origin, stm32.Flash.Bytes));
        Assert.Equal((0x20000000UL, 128L * 1024), (stm32.Ram.Origin, stm32.Ram.Bytes));
        Assert.Equal(168_000_000, stm32.ClockHz);
        var an505 = Catalog.Get("mps2-an505");
        Assert.Equal((0x10000000UL, 0x38000000UL), (an505.Flash.Origin, an505.Ram.Origin));
        Assert.Equal((2L << 20, 1L << 20), (Catalog.Get("mps2-an500").Flash.Bytes, Catalog.Get("mps2-an500").Ram.Bytes));
    }

    [Fact]
    public void ABoardOfAnotherCoreIsRefused()
    {
        var e = Assert.Throws<EdgeToolkitException>(() => Catalog.Resolve("cortex-m0", "netduinoplus2"));
        Assert.Equal(ErrorKind.BadInput, e.Kind);
        Assert.Equal("netduinoplus2", Catalog.Resolve("cortex-m4", "netduinoplus2")!.Name);
    }

    [Fact]
    public void RootOverrideMustBeARepository()
    {
        var root = RepoPaths.Root;
        Assert.Equal(root, RepoPaths.FindRoot(root, "/"));
        Assert.Equal(root, RepoPaths.FindRoot(null, Path.Combine(root, "src", "EdgeToolkit.Targets")));
        Assert.Equal(ErrorKind.BadInput, Assert.Throws<EdgeToolkitException>(() => RepoPaths.FindRoot("/nonexistent-edgetk", "/")).Kind);
        Assert.True(File.Exists(Path.Combine(root, "hardware", "README.md")));
    }

    [Fact]
    public void LatencyAndEnergyEstimatesFollowClockAndCyclesPerInstruction()
    {
        var microbit = Catalog.Get("microbit");
        var (min, max) = microbit.EstimateLatency(16_000_000);
        Assert.Equal(1.2, min, 9);   // 16 M instructions at 16 MHz, 1.2-2 cycles each
        Assert.Equal(2.0, max, 9);
        var energy = microbit.EstimateEnergy(16_000_000)!.Value;
        Assert.Equal(1.2 * 0.0132, energy.MinJoules, 9);
        var (m7min, m7max) = Catalog.Get("mps2-an500").EstimateLatency(25_000_000);
        Assert.Equal((0.6, 1.0), (Math.Round(m7min, 9), Math.Round(m7max, 9)));
        Assert.Null(Catalog.Get("mps2-an386").EstimateEnergy(1000));
    }

    [Fact]
    public void LinkerScriptUsesTheBoardRegions()
    {
        var script = LinkerScript.For(Catalog.Get("netduinoplus2"));
        Assert.Contains("ORIGIN = 0x08000000, LENGTH = 1048576", script);
        Assert.Contains("ORIGIN = 0x20000000, LENGTH = 131072", script);
    }
}
