using System.Text.Json.Nodes;

// Included by the Cli and Profiling test projects: both run the CLI in-process, one test at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace EdgeToolkit.Tests.Shared;

/// <summary>Runs the edgetk entry point in-process with captured stdout/stderr, as a user's shell would see it.</summary>
public static class CliRunner
{
    private static readonly object Gate = new();

    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        lock (Gate)
        {
            var (oldOut, oldErr) = (Console.Out, Console.Error);
            var (o, e) = (new StringWriter(), new StringWriter());
            Console.SetOut(o); Console.SetError(e);
            try
            {
                var entry = typeof(EdgeToolkit.Cli.Reporter).Assembly.EntryPoint!;
                var code = (int)entry.Invoke(null, new object[] { args })!;
                return (code, o.ToString(), e.ToString());
            }
            finally { Console.SetOut(oldOut); Console.SetError(oldErr); }
        }
    }

    /// <summary>Runs with --json and parses stdout, which must be exactly one JSON object.</summary>
    public static (int Exit, JsonObject Json, string Err) RunJson(params string[] args)
    {
        var (code, stdout, err) = Run(args.Append("--json").ToArray());
        var node = JsonNode.Parse(stdout) ?? throw new Xunit.Sdk.XunitException($"no JSON on stdout; stderr: {err}");
        return (code, node.AsObject(), err);
    }

    public static string TempDir()
    {
        var d = Path.Combine(Path.GetTempPath(), "edgetk-test-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(d);
        return d;
    }
}
