using EdgeToolkit.Targets.Boards;

namespace EdgeToolkit.Profiling.Tests;

public class BoardFitTests
{
    private static readonly BoardCatalog Catalog = BoardCatalog.FromRepository();

    [Fact]
    public void Need_is_flash_share_and_static_ram_plus_stack_and_margins_say_by_how_much()
    {
        var microbit = Catalog.Get("microbit");
        var m0 = new TargetProfile { Target = "cortex-m0", Board = "microbit", FlashBytes = 300_000, RamBytes = 15_000, StackBytes = 2_000 };
        var fit = BoardFit.For(new[] { microbit }, new[] { m0 }).Single();
        Assert.True(fit.Measured);
        Assert.Equal(17_000, fit.RamBytes);
        Assert.False(fit.Fits);
        Assert.Equal(microbit.Flash.Bytes - 300_000, fit.FlashMarginBytes);
        Assert.Equal(16_384 - 17_000, fit.RamMarginBytes);
    }

    [Fact]
    public void Every_board_gets_an_answer_and_unprofiled_cores_are_marked_as_estimates()
    {
        var m4 = new TargetProfile { Target = "cortex-m4", Board = "mps2-an386", FlashBytes = 20_000, RamBytes = 150_000, StackBytes = 200 };
        var fits = BoardFit.For(Catalog.All, new[] { m4 });
        Assert.Equal(Catalog.All.Count, fits.Count);
        Assert.True(fits.Single(f => f.Board == "mps2-an386").Fits);
        Assert.False(fits.Single(f => f.Board == "netduinoplus2").Fits);   // 128 KB of RAM in its linker region
        Assert.False(fits.Single(f => f.Board == "mps2-an500").Measured);
        Assert.Contains("estimated", fits.Single(f => f.Board == "mps2-an500").Basis);
        Assert.Empty(BoardFit.For(Catalog.All, new[] { new TargetProfile { Target = "ort" } }));
    }
}
