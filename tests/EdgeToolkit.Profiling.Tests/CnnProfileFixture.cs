using System.Text.Json.Nodes;

namespace EdgeToolkit.Profiling.Tests;

/// <summary>One profile of the built-in CNN on every kind of target, shared by the tests that read it (QEMU runs are the slow part).</summary>
public sealed class CnnProfileFixture : IDisposable
{
    public int Exit { get; }
    public JsonObject Json { get; }
    public string Err { get; }
    public string HtmlPath { get; }

    public CnnProfileFixture()
    {
        HtmlPath = Path.Combine(CliRunner.TempDir(), "report.html");
        (Exit, Json, Err) = CliRunner.RunJson("profile", "builtin:cnn", "--targets", "ort,host,aarch64,cortex-m4", "--per-layer",
            "--runs", "300", "--host-runs", "3", "--html", HtmlPath);
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(HtmlPath)!, recursive: true);

    public JsonObject Target(string name) =>
        Json["targets"]!.AsArray().Select(t => t!.AsObject()).Single(t => (string)t["target"]! == name);
}
