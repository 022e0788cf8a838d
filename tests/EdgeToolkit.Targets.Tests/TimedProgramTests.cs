using EdgeToolkit.Targets.Running;

namespace EdgeToolkit.Targets.Tests;

public class TimedProgramTests
{
    /// <summary>
    /// A loop of SUBS + BNE costs exactly 2 instructions per iteration; everything around it is the
    /// same for both counts (both fit MOVS's 8-bit immediate, so even loading them costs the same on M0).
    /// </summary>
    private const string Main = """
        #include <stdint.h>
        #include "edgetk_timed.h"

        static void spin(uint32_t n)
        {
        #ifdef EDGETK_HOSTED
            volatile uint32_t i;
            for (i = 0; i < n; i++) { }
        #else
            __asm__ volatile(".syntax unified\n1: subs %0, %0, #1\n bne 1b" : "+l"(n) : : "cc");
        #endif
        }

        int main(void)
        {
            EDGETK_TIMED("spin_100", spin(100));
            EDGETK_TIMED("spin_250", spin(250));
            edgetk_print("done\n");
            return 0;
        }
        """;

    [Theory]
    [InlineData("cortex-m4")]
    [InlineData("cortex-m0")]
    [InlineData("host")]
    public void A_timed_statement_costs_its_instructions(string target)
    {
        var dir = Directory.CreateTempSubdirectory("etk-timed-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "main.c"), Main);
            var run = TimedProgram.Run(target, null, dir, Array.Empty<string>());
            Assert.EndsWith("done\n", run.StdOut);
            if (target == "host")
            {
                Assert.Empty(run.Instructions);
                return;
            }
            long few = Assert.Single(run.Instructions["spin_100"]), more = Assert.Single(run.Instructions["spin_250"]);
            Assert.Equal(2 * 150, more - few);
            Assert.InRange(few, 2 * 100, 2 * 100 + 20);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
