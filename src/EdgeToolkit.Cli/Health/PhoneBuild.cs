using EdgeToolkit.Cli.Pipeline;
using EdgeToolkit.Training.Zoo;

namespace EdgeToolkit.Cli.Health;

/// <summary>What a phone app takes: the wearable model as ONNX for ONNX Runtime, and as C99 for an AArch64 build.</summary>
public sealed record PhoneArtefacts(string Onnx, string CFolder);

/// <summary>Writes the phone's two forms of the wearable model (the same int8 graph the watch runs) into OUTPUT/phone.</summary>
public static class PhoneBuild
{
    public static PhoneArtefacts Write(string wearableModel, string output, Reporter reporter)
    {
        var dir = Path.Combine(output, "phone");
        var cDir = Path.Combine(dir, "aarch64");
        var staging = dir + ".partial";
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(Path.Combine(staging, "aarch64"));
        File.Copy(Path.Combine(wearableModel, ModelFolder.ModelFile), Path.Combine(staging, "health.onnx"));
        var compiled = Compiler.Compile(ModelSource.Load(wearableModel), new ModelOptions { Target = "aarch64", Name = "health" }, reporter);
        compiled.Code.WriteTo(Path.Combine(staging, "aarch64"));
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        Directory.Move(staging, dir);
        return new PhoneArtefacts(Path.Combine(dir, "health.onnx"), cDir);
    }
}
