using EdgeToolkit.Graph;

namespace EdgeToolkit.Cli.Pipeline;

/// <summary>
/// Finds ONNX backend test cases under a folder that is a libonnx-testdata data root (its suite
/// folders), one suite folder (its case folders) or a single case folder (model.onnx).
/// </summary>
public static class ConformanceCases
{
    public const string DataRoot = "/usr/share/libonnx-testdata/data";
    /// <summary>The backend suites; the data root also holds "real" (whole zoo models), run only when asked for.</summary>
    public static readonly string[] DefaultSuites = { "node", "simple", "pytorch-converted", "pytorch-operator" };

    /// <param name="suites">Suites to take from a data root (default: DefaultSuites); must be empty for a suite or case folder.</param>
    public static IReadOnlyList<string> Find(string dir, IReadOnlyCollection<string> suites, string? filter)
    {
        dir = Path.GetFullPath(dir).TrimEnd('/');
        if (!Directory.Exists(dir))
            throw new EdgeToolkitException(ErrorKind.BadInput, "no such folder", file: dir,
                hint: $"give a libonnx-testdata data root ({DataRoot}), a suite folder in it or one case folder");
        var cases = IsCase(dir) ? new List<string> { dir } : CasesIn(dir);
        bool isRoot = cases.Count == 0;
        if (isRoot) cases = (suites.Count > 0 ? suites : DefaultSuites).SelectMany(s => CasesIn(Path.Combine(dir, s))).ToList();
        else if (suites.Count > 0)
            throw new EdgeToolkitException(ErrorKind.BadInput, "--suite picks suites of a data root, but this is a suite or case folder", file: dir,
                hint: $"give the data root ({DataRoot}) with --suite, or the folder alone");
        return cases.Where(c => filter == null || Path.GetFileName(c).Contains(filter, StringComparison.Ordinal)).ToList();
    }

    /// <summary>The suite a case (a path from Find) belongs to: its parent folder's name.</summary>
    public static string SuiteOf(string caseDir) => Path.GetFileName(Path.GetDirectoryName(caseDir)) ?? "";

    private static bool IsCase(string dir) => File.Exists(Path.Combine(dir, "model.onnx"));

    private static List<string> CasesIn(string suiteDir) => Directory.Exists(suiteDir)
        ? Directory.GetDirectories(suiteDir).Where(IsCase).OrderBy(d => d, StringComparer.Ordinal).ToList()
        : new List<string>();
}
