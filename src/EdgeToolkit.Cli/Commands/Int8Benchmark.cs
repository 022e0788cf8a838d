using EdgeToolkit.Cli.Pipeline;
using EdgeToolkit.Onnx;
using EdgeToolkit.Quantization.Qdq;

namespace EdgeToolkit.Cli.Commands;

/// <summary>
/// `benchmark --int8`: the same built-in model quantized (random:1 calibration, the verify inputs'
/// range, per-channel weights) and verified on the target, for the int8 rows of the benchmark:
/// instructions against the float build and against hand-optimised C with int8-stored weights.
/// </summary>
public static class Int8Benchmark
{
    /// <summary>Cortex-M4F, -O2, QEMU icount: hand-optimised C with int8 weights in flash (issue 5's anchors).</summary>
    public static readonly Dictionary<string, long> HandInt8 = new()
    {
        ["builtin:mlp-tanh"] = 2_098,
        ["builtin:mlp-relu"] = 8_044,
        ["builtin:cnn"] = 213_704,
    };

    public static VerifyResult Run(ModelSource floatSource, string target, Reporter reporter)
    {
        reporter.Progress($"benchmark: quantizing {floatSource.Display} (random:1 calibration, per-channel int8 weights)");
        var quantizer = StaticQuantizer.Calibrate(floatSource.Graph, QuantizeData.Calibration("random:1", null, 1), new StaticQuantizationOptions());
        var model = quantizer.Build(new HashSet<string>());
        var dir = Path.Combine(Path.GetTempPath(), "edgetk-bench-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, Compiler.DefaultName(floatSource) + ".int8.onnx");
        try
        {
            File.WriteAllBytes(path, OnnxExporter.ToBytes(model.Graph));
            reporter.Progress($"benchmark: {floatSource.Display} int8 on {target}");
            return Verification.Run(ModelSource.Load(path), new ModelOptions { Target = target, Name = Compiler.DefaultName(floatSource) + "_int8" },
                new Verification.Options(Inputs: 2));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
