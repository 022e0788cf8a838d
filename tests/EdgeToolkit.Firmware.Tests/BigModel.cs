using EdgeToolkit.Graph.Builders;
using EdgeToolkit.Onnx;

namespace EdgeToolkit.Firmware.Tests;

/// <summary>A control model folder like models/control-msd (same config.json, same 7 -> 2 window) with wider hidden layers.</summary>
public static class BigModel
{
    public static string Write(string folder, int hidden)
    {
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(TestFiles.MsdModel, "config.json"), Path.Combine(folder, "config.json"));
        OnnxExporter.Save(ExampleModels.Mlp("control_big", new[] { 7, hidden, hidden, 2 }, "Tanh", seed: 1), Path.Combine(folder, "model.onnx"));
        return folder;
    }
}
