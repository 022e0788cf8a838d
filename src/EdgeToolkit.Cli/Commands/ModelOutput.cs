using EdgeToolkit.Graph;
using EdgeToolkit.Training.Zoo;

namespace EdgeToolkit.Cli.Commands;

/// <summary>
/// Writes what `quantize -o` and `prune -o` name: an .onnx file, or a folder with model.onnx (plus,
/// when the input was a zoo folder, a copy of its config.json and its card.md with the command's
/// section appended). Everything is written beside the target first and moved into place, so a failure
/// never leaves a half-written model.
/// </summary>
public static class ModelOutput
{
    public static bool IsFolder(string output) => !output.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase);

    /// <param name="sourceFolder">The input's folder when it was a model folder (config.json, card.md are taken from it).</param>
    public static void Write(string output, byte[] onnx, string? sourceFolder, string cardSection)
    {
        var full = Path.GetFullPath(output);
        if (!IsFolder(output)) { WriteFile(full, onnx); return; }
        if (File.Exists(full))
            throw new EdgeToolkitException(ErrorKind.BadInput, "-o names an existing file, and a name without .onnx means a folder", file: output,
                hint: "give a folder, or a file name ending in .onnx");
        var staging = full.TrimEnd('/') + ".partial-" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(staging);
        try
        {
            var files = new List<string> { ModelFolder.ModelFile };
            File.WriteAllBytes(Path.Combine(staging, ModelFolder.ModelFile), onnx);
            var config = sourceFolder == null ? null : Path.Combine(sourceFolder, ModelFolder.ConfigFile);
            if (config != null && File.Exists(config)) { File.Copy(config, Path.Combine(staging, ModelFolder.ConfigFile)); files.Add(ModelFolder.ConfigFile); }
            var card = sourceFolder == null ? null : Path.Combine(sourceFolder, ModelFolder.CardFile);
            if (card != null && File.Exists(card))
            {
                File.WriteAllText(Path.Combine(staging, ModelFolder.CardFile), File.ReadAllText(card).TrimEnd() + "\n\n" + cardSection.TrimEnd() + "\n");
                files.Add(ModelFolder.CardFile);
            }
            if (Directory.Exists(full))
            {
                foreach (var f in files) File.Move(Path.Combine(staging, f), Path.Combine(full, f), overwrite: true);
                Directory.Delete(staging, recursive: true);
            }
            else
            {
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                Directory.Move(staging, full);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
            throw new EdgeToolkitException(ErrorKind.BadInput, $"cannot write the output: {e.Message}", file: output, inner: e);
        }
    }

    private static void WriteFile(string path, byte[] onnx)
    {
        var tmp = path + ".partial-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(tmp, onnx);
            File.Move(tmp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (File.Exists(tmp)) File.Delete(tmp);
            throw new EdgeToolkitException(ErrorKind.BadInput, $"cannot write the output: {e.Message}", file: path, inner: e);
        }
    }
}
