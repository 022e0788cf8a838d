using EdgeToolkit.Targets.Tools;

namespace EdgeToolkit.Profiling.Tests;

public class PeakRssWrapperTests
{
    [Fact]
    public void Launcher_reports_the_peak_rss_of_a_program_that_touches_a_known_amount()
    {
        var launcher = PeakRssWrapper.Launcher();
        Assert.NotNull(launcher);
        var dir = CliRunner.TempDir();
        try
        {
            // Touches 24 MiB page by page, frees it, then exits 7: the peak must cover the 24 MiB, and the exit code passes through.
            File.WriteAllText(Path.Combine(dir, "touch.c"), """
                #include <stdlib.h>
                int main(void)
                {
                    size_t n = 24u << 20, i;
                    volatile char *p = malloc(n);
                    if (!p) return 1;
                    for (i = 0; i < n; i += 4096) p[i] = (char)i;
                    free((void *)p);
                    return 7;
                }
                """);
            var cc = ProcessRunner.Run(Toolchain.Default.Require("gcc"), new[] { "-O1", "-o", "touch", "touch.c" }, dir, TimeSpan.FromMinutes(1));
            Assert.True(cc.ExitCode == 0, cc.CombinedOutput);
            var r = ProcessRunner.Run(launcher!, new[] { Path.Combine(dir, "touch") }, dir, TimeSpan.FromMinutes(1));
            Assert.Equal(7, r.ExitCode);
            var peak = PeakRssWrapper.ParseBytes(r.StdErr);
            Assert.NotNull(peak);
            Assert.InRange(peak!.Value, 24L << 20, 40L << 20);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void Missing_report_is_null()
    {
        Assert.Null(PeakRssWrapper.ParseBytes("some other output\n"));
        Assert.Equal(2048, PeakRssWrapper.ParseBytes("x\nedgetk-maxrss-kb 2\n"));
    }
}
