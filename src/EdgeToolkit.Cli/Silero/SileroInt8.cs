using EdgeToolkit.Cli.Audio;
using EdgeToolkit.Cli.Pipeline;
using EdgeToolkit.Graph;
using EdgeToolkit.Onnx;
using EdgeToolkit.Quantization.Calibration;
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
        var keepFloat = FloatNodes(folded.Graph);
        var quantizer = StaticQuantizer.Calibrate(folded.Graph, new SampleListSource($"{samples.Count} streamed chunks of generated audio (seed 2)", samples),
            new StaticQuantizationOptions
            {
                CalibrationSamples = samples.Count, Exclude = keepFloat, Calibration = new CalibrationOptions { Method = CalibrationMethod.Percentile },
                Progress = reporter == null ? null : reporter.Progress,
            });
        var model = quantizer.Build(keepFloat.ToHashSet());
        return new ModelSource { Display = "silero_vad_16k int8", Graph = model.Graph, OnnxBytes = OnnxExporter.ToBytes(model.Graph) };
    }

    /// <summary>
    /// Nodes kept float, measured on 4 s of audio against the float model (mean |p_int8 - p_float|, percentile calibration):
    /// the power spectrum re^2 + im^2 (the Add before the STFT's Sqrt) spans about 8 decades, which 256 levels crush
    /// (0.075 with it in int8, 0.025 without); and the state carried between chunks (its producer, an Add of zero),
    /// because one int8 scale over h (in [-1, 1]) and c (up to about 10) is fed back every chunk (0.123 in int8).
    /// </summary>
    public static string[] FloatNodes(ModelGraph folded)
    {
        var producers = folded.Producers();
        var spectrum = folded.Nodes.Where(n => n.OpType == "Sqrt" && producers.TryGetValue(n.Inputs[0], out var p) && p.OpType == "Add")
            .Select(n => producers[n.Inputs[0]].Name);
        return spectrum.Append(producers[SileroVad.State.Output].Name).ToArray();
    }

    /// <summary>
    /// What int8 costs: the speech probability of the int8 model against the float model's, both in
    /// ONNX Runtime streaming the same chunks, and how often the decision at 0.5 agrees.
    /// </summary>
    public static (double MaxProbabilityDifference, double MeanProbabilityDifference, double DecisionAgreement) AgainstFloat(
        ModelSource silero, ModelSource int8, List<Dictionary<string, Tensor>> chunks)
    {
        var folded = silero.Specialized(SileroVad.Options("cortex-m4"));
        using var f = new OrtSession(folded.OnnxBytes);
        using var q = new OrtSession(int8.OnnxBytes);
        var pf = StreamFeed.Run(chunks, new[] { SileroVad.State }, f.Run).Select(o => o["output"].Floats[0]).ToList();
        var pq = StreamFeed.Run(chunks, new[] { SileroVad.State }, q.Run).Select(o => o["output"].Floats[0]).ToList();
        var diff = pf.Zip(pq, (a, b) => (double)Math.Abs(a - b)).ToList();
        return (diff.Max(), diff.Average(), pf.Zip(pq, (a, b) => a >= 0.5f == b >= 0.5f).Count(x => x) / (double)pf.Count);
    }

    public static VerifyResult Stream(ModelSource int8, string target, List<Dictionary<string, Tensor>> chunks, Reporter? reporter = null) =>
        Verification.Run(int8, new ModelOptions { Target = target }, new Verification.Options(
            StatePairs: new[] { SileroVad.State }, Cases: chunks), reporter);
}
