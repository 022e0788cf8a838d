using EdgeToolkit.Graph;
using EdgeToolkit.Targets.Boards;
using EdgeToolkit.Targets.Running;

namespace EdgeToolkit.Targets.Tests;

public class FirmwareImageTests
{
    private const string App = """
        #include <stdint.h>
        #include "semihosting.h"
        #include "board_timer.h"

        static volatile uint32_t counter;

        int main(void)
        {
            uint32_t t0, t1;
            board_timer_start();
            t0 = board_timer_ticks();
            for (counter = 0; counter < 1000; counter++) { }
            t1 = board_timer_ticks();
            semihosting_write0(t1 > t0 ? "timer runs\n" : "timer stopped\n");
        #ifdef CRASH
            __asm__ volatile(".syntax unified\n udf #1");
        #endif
            return 42;
        }
        """;

    [Theory]
    [InlineData("microbit")]
    [InlineData("mps2-an500")]
    [InlineData("mps2-an505")]
    [InlineData("netduinoplus2")]
    public void AnApplicationRunsOnTheBoardSupport(string boardName)
    {
        var board = BoardCatalog.FromRepository().Get(boardName);
        var dir = Path.Combine(Path.GetTempPath(), "edgetk-fw-test-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "app.c"), App);
            var build = FirmwareImage.Build(board, new[] { Path.Combine(dir, "app.c") }, Path.Combine(dir, "out"));
            Assert.InRange(build.Size.Flash, 1, board.Flash.Bytes);
            var run = FirmwareImage.Run(build, TimeSpan.FromSeconds(60));
            Assert.Equal(42, run.ExitCode);
            Assert.Equal("timer runs\n", run.StdOut);
            Assert.Null(run.Fault);

            var crash = FirmwareImage.Build(board, new[] { Path.Combine(dir, "app.c") }, Path.Combine(dir, "crash"), new[] { "-DCRASH" });
            var crashed = FirmwareImage.Run(crash, TimeSpan.FromSeconds(60));
            Assert.Equal(103, crashed.ExitCode);
            Assert.Equal("exception 3 (HardFault)", crashed.Fault);
            var e = Assert.Throws<EdgeToolkitException>(() => ImageRunner.ThrowIfFailed(crashed, crash.Recipe, "the app", finished: true));
            Assert.Contains($"the app crashed on board {boardName}", e.Message);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
