using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeToolkit.Graph;
using Spectre.Console;

namespace EdgeToolkit.Cli;

/// <summary>
/// Where a command's results go: tables and progress for people, or exactly one JSON object on
/// stdout for machines (progress and logs then go to stderr only).
/// </summary>
public sealed class Reporter
{
    public bool Json { get; }
    /// <summary>Console for people's output (stdout), unused with --json.</summary>
    public IAnsiConsole Out { get; }
    /// <summary>Console for progress and logs (stderr).</summary>
    public IAnsiConsole Err { get; }

    public Reporter(bool json)
    {
        Json = json;
        Out = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        Err = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        // Redirected output (a log, CI) has no terminal width; 80 columns would wrap every table.
        if (Console.IsOutputRedirected) Out.Profile.Width = 150;
        if (Console.IsErrorRedirected) Err.Profile.Width = 150;
    }

    /// <summary>A progress line on stderr (both modes).</summary>
    public void Progress(string message) => Err.MarkupLine($"[grey]{Markup.Escape(message)}[/]");

    /// <summary>A line for people on stdout (suppressed with --json).</summary>
    public void Line(string markup = "") { if (!Json) Out.MarkupLine(markup); }

    public void Table(Table table) { if (!Json) Out.Write(table); }

    // Relaxed escaping: the "how" strings are read by people too ('it''s', <, >); stdout is not HTML.
    public static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public void WriteJson(JsonObject obj) => Console.Out.WriteLine(obj.ToJsonString(JsonOptions));

    public void Fail(EdgeToolkitException e)
    {
        Console.Error.WriteLine($"error: {e.Message}");
        if (Json)
            WriteJson(new JsonObject
            {
                ["ok"] = false,
                ["error"] = new JsonObject
                {
                    ["kind"] = e.Kind.ToString(), ["exit_code"] = (int)e.Kind, ["message"] = e.Message, ["file"] = e.File,
                    ["node"] = e.NodeName, ["op"] = e.Op, ["hint"] = e.Hint,
                },
            });
    }
}
