using EdgeToolkit.Cli.Audio;
using EdgeToolkit.Cli.Pipeline;
using EdgeToolkit.Graph;
using EdgeToolkit.Onnx;
using EdgeToolkit.Quantization.Qdq;
using EdgeToolkit.Quantization.Sources;

namespace EdgeToolkit.Cli.Silero;

/// <summary>
/// Silero VAD in int8 for a 1 MB-flash Cortex-M4: the folded 16 kHz graph quantized statically,
/// calibrated on chunks of generated audio (another seed than the one it is verified on) with the
/// recurrent state that ONNX Runtime carried through them, so the state input is calibrated on the
/// values it takes while streaming rather than on zeros.
/// </summary>
public static class SileroInt8
{
    public const int CalibrationChunks = 200;

    public static ModelSource Quantize(ModelSource silero, Reporter? reporter = null)
    {
        var folded = silero.Specialized(SileroVad.Options("cortex-m4"));
        var (audio, _) = SpeechLikeSignal.Generate(CalibrationChunks * SileroVad.ChunkSamples / (double)SpeechLikeSignal.SampleRate + 0.1, seed: 2);
        var chunks = SileroVad.Windows(audio, CalibrationChunks);
        using var ort = new OrtSession(folded.OnnxBytes);
        var outputs = StreamFeed.Run(chunks, new[] { SileroVad.State }, ort.Run);
        var samples = chunks.Select((c, k) =>
        {
            var sample = new Dictionary<string, Tensor>(c);
            if (k > 0) sample[SileroVad.State.Input] = outputs[k - 1][SileroVad.State.Output];
            return (IReadOnlyDictionary<string, Tensor>)sample;
        }).ToList();
        var quantizer = StaticQuantizer.Calibrate(folded.Graph, new SampleListSource($"{samples.Count} streamed chunks of generated audio (seed 2)", samples),
            new StaticQuantizationOptions { CalibrationSamples = samples.Count, Progress = reporter == null ? null : reporter.Progress });
        var model = quantizer.Build(new HashSet<string>());
        return new ModelSource { Display = "silero_vad_16k int8", Graph = model.Graph, OnnxBytes = OnnxExporter.ToBytes(model.Graph) };
    }

    public static VerifyResult Stream(ModelSource int8, string target, List<Dictionary<string, Tensor>> chunks, Reporter? reporter = null) =>
        Verification.Run(int8, new ModelOptions { Target = target }, new Verification.Options(
            StatePairs: new[] { SileroVad.State }, Cases: chunks), reporter);
}
