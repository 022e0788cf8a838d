using EdgeToolkit.Graph;

namespace EdgeToolkit.Onnx;

/// <summary>Reading and writing whole files with the toolkit's errors and its write-then-rename rule.</summary>
internal static class FileBytes
{
    public static byte[] Read(string path, string what)
    {
        if (Directory.Exists(path))
            throw new EdgeToolkitException(ErrorKind.BadInput, $"expected the {what} file but this is a folder", file: path,
                hint: "pass the file inside it (e.g. model.onnx)");
        try { return File.ReadAllBytes(path); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new EdgeToolkitException(ErrorKind.BadInput, $"{what} not found", file: path, hint: "check the path", inner: e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new EdgeToolkitException(ErrorKind.BadInput, $"cannot read the {what}: {e.Message}", file: path, inner: e);
        }
    }

    public static void WriteAtomically(string path, byte[] bytes)
    {
        var tmp = path + ".tmp";
        try
        {
            File.WriteAllBytes(tmp, bytes);
            File.Move(tmp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(tmp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw new EdgeToolkitException(ErrorKind.BadInput, $"cannot write the file: {e.Message}", file: path, inner: e);
        }
    }
}
