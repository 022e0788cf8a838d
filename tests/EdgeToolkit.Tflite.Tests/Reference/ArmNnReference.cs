using System.Runtime.InteropServices;
using EdgeToolkit.Graph;
using EdgeToolkit.Targets.Tools;

namespace EdgeToolkit.Tflite.Tests.Reference;

/// <summary>
/// Arm NN's TFLite parser on its reference CPU backend (Debian's python3-pyarmnn,
/// libarmnntfliteparser22, libarmnn-cpuref-backend22), run by armnn_run.py: an implementation
/// of TFLite's ops that shares no code with the importer. Null with a reason when it is not installed.
/// </summary>
public static class ArmNnReference
{
    private const string Python = "/usr/bin/python3";   // Debian's, where python3-pyarmnn installs

    public static string? Unavailable =>
        File.Exists(Python) && Directory.Exists("/usr/lib/python3/dist-packages/pyarmnn") && File.Exists(CpuRefBackend) ? null
            : "Arm NN is not installed: apt-get install python3-pyarmnn libarmnntfliteparser22 libarmnn-cpuref-backend22 (scripts/setup.sh --with-test-extras does)";

    private static string CpuRefBackend =>
        $"/usr/lib/{(RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "aarch64" : "x86_64")}-linux-gnu/armnn22/Arm_CpuRef_backend.so";

    /// <summary>The model's outputs (subgraph order) for its inputs (subgraph order), shaped and typed like `outputs`.</summary>
    public static Tensor[] Run(byte[] model, IReadOnlyList<Tensor> inputs, IReadOnlyList<ValueInfo> outputs)
    {
        var dir = Path.Combine(Path.GetTempPath(), "edgetk-armnn-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var modelPath = Path.Combine(dir, "model.tflite");
            File.WriteAllBytes(modelPath, model);
            var args = new List<string> { Path.Combine(AppContext.BaseDirectory, "Reference", "armnn_run.py"), modelPath };
            for (int i = 0; i < inputs.Count; i++)
            {
                var path = Path.Combine(dir, $"in{i}.bin");
                File.WriteAllBytes(path, RawBytes(inputs[i]));
                args.AddRange(new[] { "--in", path });
            }
            for (int i = 0; i < outputs.Count; i++) args.AddRange(new[] { "--out", Path.Combine(dir, $"out{i}.bin") });
            var run = ProcessRunner.Run(Python, args, dir, TimeSpan.FromMinutes(2));
            if (run.ExitCode != 0) throw new InvalidOperationException($"Arm NN failed (exit {run.ExitCode}): {run.CombinedOutput}");
            return outputs.Select((o, i) => FromRawBytes(File.ReadAllBytes(Path.Combine(dir, $"out{i}.bin")), o)).ToArray();
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    private static byte[] RawBytes(Tensor t)
    {
        var bytes = new byte[t.Length * t.Type.SizeOf()];
        Buffer.BlockCopy(t.Data, 0, bytes, 0, bytes.Length);
        return bytes;
    }

    private static Tensor FromRawBytes(byte[] bytes, ValueInfo info)
    {
        var shape = info.Shape.ToConcrete();
        var data = Array.CreateInstance(Tensor.ElementClrType(info.Type), Tensor.ElementCountOf(shape));
        if (bytes.Length != data.Length * info.Type.SizeOf())
            throw new InvalidOperationException($"Arm NN wrote {bytes.Length} bytes for output '{info.Name}' {info.Shape}");
        Buffer.BlockCopy(bytes, 0, data, 0, bytes.Length);
        return new Tensor(info.Type, shape, data);
    }
}
