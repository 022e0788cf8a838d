using System.Diagnostics;
using System.Text.Json.Nodes;
using EdgeToolkit.Targets;

namespace EdgeToolkit.Quantization.Tests.Foreign;

/// <summary>
/// Runs ./edgetk as a user does, in its own process (this test project does not reference the
/// CLI): the launcher rebuilds the CLI when a source changed. Setup is skipped: the toolchains are
/// there when these tests can run at all.
/// </summary>
public static class EdgetkProcess
{
    public static (int Exit, JsonObject Json, string Err) RunJson(params string[] args)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(RepoPaths.Root, "edgetk"));
        foreach (var a in args.Append("--json")) psi.ArgumentList.Add(a);
        psi.Environment["EDGETK_SKIP_SETUP"] = "1";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        var json = (string.IsNullOrWhiteSpace(stdout.Result) ? null : JsonNode.Parse(stdout.Result) as JsonObject)
            ?? throw new Xunit.Sdk.XunitException($"edgetk {string.Join(" ", args)} wrote no JSON object; stderr: {stderr}");
        return (p.ExitCode, json, stderr);
    }
}
