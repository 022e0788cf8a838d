using EdgeToolkit.Graph;

namespace EdgeToolkit.Cli;

/// <summary>
/// Command-line arguments of one command: positionals, `--name value` options (repeatable), and
/// flags. Every option a command reads is declared, so an unknown or misspelt option is a usage
/// error (exit 2) rather than silently ignored.
/// </summary>
public sealed class Args
{
    private readonly Dictionary<string, List<string>> _options = new();
    private readonly HashSet<string> _flags = new();
    public List<string> Positionals { get; } = new();

    public static Args Parse(IEnumerable<string> argv, IReadOnlySet<string> valueOptions, IReadOnlySet<string> flagOptions)
    {
        var a = new Args();
        var list = argv.ToList();
        for (int i = 0; i < list.Count; i++)
        {
            var s = list[i];
            if (s.StartsWith("--") && s.Length > 2)
            {
                var name = s[2..];
                string? inline = null;
                int eq = name.IndexOf('=');
                if (eq > 0 && valueOptions.Contains(name[..eq])) { inline = name[(eq + 1)..]; name = name[..eq]; }
                if (flagOptions.Contains(name)) { a._flags.Add(name); continue; }
                if (!valueOptions.Contains(name))
                    throw Usage($"unknown option --{name}", $"options here: {string.Join(" ", valueOptions.Concat(flagOptions).OrderBy(x => x).Select(x => "--" + x))}");
                var value = inline ?? (i + 1 < list.Count ? list[++i] : throw Usage($"option --{name} needs a value"));
                if (!a._options.TryGetValue(name, out var l)) a._options[name] = l = new List<string>();
                l.Add(value);
            }
            else if (s == "-o") { var v = i + 1 < list.Count ? list[++i] : throw Usage("option -o needs a value"); a.AddOption("output", v); }
            else a.Positionals.Add(s);
        }
        return a;
    }

    private void AddOption(string name, string value)
    {
        if (!_options.TryGetValue(name, out var l)) _options[name] = l = new List<string>();
        l.Add(value);
    }

    public bool Flag(string name) => _flags.Contains(name);
    public string? Get(string name) => _options.TryGetValue(name, out var l) ? l[^1] : null;
    public IReadOnlyList<string> GetAll(string name) => _options.TryGetValue(name, out var l) ? l : Array.Empty<string>();

    public int GetInt(string name, int dflt)
    {
        var v = Get(name);
        if (v == null) return dflt;
        return int.TryParse(v, out var r) ? r : throw Usage($"--{name} takes a whole number, got '{v}'");
    }

    public double GetDouble(string name, double dflt)
    {
        var v = Get(name);
        if (v == null) return dflt;
        return double.TryParse(v, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var r)
            ? r : throw Usage($"--{name} takes a number, got '{v}'");
    }

    public string Positional(int i, string what) =>
        i < Positionals.Count ? Positionals[i] : throw Usage($"missing {what}");

    public static EdgeToolkitException Usage(string problem, string? hint = null) =>
        new(ErrorKind.BadInput, problem, hint: hint ?? "run ./edgetk help for usage");
}
