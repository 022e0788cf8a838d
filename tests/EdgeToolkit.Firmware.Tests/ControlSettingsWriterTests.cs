using System.Text;
using EdgeToolkit.Firmware.Building;
using EdgeToolkit.Targets.Tools;

namespace EdgeToolkit.Firmware.Tests;

public class ControlSettingsWriterTests
{
    [Fact]
    public void FloatLiteralsReadBackBitForBitInC()
    {
        var rng = new Random(6);
        var values = new List<float> { 0f, -0f, 1f, 10f, -10f, 0.02f, 1e-4f, 3.4028235e38f, 1.17549435e-38f, 1e-45f, 1e-8f, 123456789f };
        while (values.Count < 212)
        {
            var bits = BitConverter.Int32BitsToSingle(rng.Next() ^ (rng.Next(2) << 31)); // any finite float, either sign
            if (float.IsFinite(bits)) values.Add(bits);
        }
        for (int i = 0; i < 50; i++) values.Add((float)(rng.NextDouble() * 20 - 10));
        using var temp = new TempFolder();
        var c = new StringBuilder("#include <stdio.h>\n#include <string.h>\nstatic const float v[] = {\n");
        foreach (var v in values) c.Append("    ").Append(ControlSettingsWriter.F(v)).Append(",\n");
        c.Append("};\nint main(void) {\n    for (unsigned i = 0; i < sizeof v / sizeof v[0]; i++) {\n        unsigned bits;\n");
        c.Append("        memcpy(&bits, &v[i], 4);\n        printf(\"%08x\\n\", bits);\n    }\n    return 0;\n}\n");
        File.WriteAllText(temp["literals.c"], c.ToString());
        var gcc = Toolchain.Default.Require("gcc");
        var build = ProcessRunner.Run(gcc, new[] { "-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic", "-o", "literals", "literals.c" }, temp.Path, TimeSpan.FromMinutes(1));
        Assert.True(build.ExitCode == 0, build.CombinedOutput);
        var run = ProcessRunner.Run(temp["literals"], Array.Empty<string>(), temp.Path, TimeSpan.FromSeconds(30));
        Assert.Equal(values.Select(v => BitConverter.SingleToUInt32Bits(v).ToString("x8")), run.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
