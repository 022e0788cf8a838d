namespace EdgeToolkit.Text;

/// <summary>
/// 50 fixed English sentences, 3 to about 60 words (written for this project), ordered from the
/// shortest to the longest: the inputs of benchmark --minilm and its tests. At 128 tokens none is
/// truncated; a shorter --seq cuts the longest ones, the same for ONNX Runtime and the C.
/// </summary>
public static class BenchmarkSentences
{
    private static readonly Lazy<IReadOnlyList<string>> Lines = new(() =>
    {
        using var s = typeof(BenchmarkSentences).Assembly.GetManifestResourceStream("EdgeToolkit.Text.benchmark-sentences.txt")
            ?? throw new InvalidOperationException("EdgeToolkit.Text was built without Data/benchmark-sentences.txt");
        using var reader = new StreamReader(s);
        return reader.ReadToEnd().Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
    });

    public static IReadOnlyList<string> All => Lines.Value;
}
