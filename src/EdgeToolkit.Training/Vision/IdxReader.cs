using System.IO.Compression;
using EdgeToolkit.Graph;

namespace EdgeToolkit.Training.Vision;

/// <summary>
/// Reads the idx files of MNIST-style data sets (gzip-compressed or plain): a big-endian header
/// (two zero bytes, the element type 0x08 for unsigned bytes, the rank, then one int32 per
/// dimension) followed by the bytes themselves.
/// </summary>
public static class IdxReader
{
    /// <summary>Images as [count, rows, cols] bytes.</summary>
    public static (byte[] Pixels, int Count, int Rows, int Cols) ReadImages(string path)
    {
        var (dims, data) = Read(path, expectedRank: 3);
        return (data, dims[0], dims[1], dims[2]);
    }

    public static byte[] ReadLabels(string path) => Read(path, expectedRank: 1).Data;

    private static (int[] Dims, byte[] Data) Read(string path, int expectedRank)
    {
        byte[] bytes;
        try
        {
            using var file = File.OpenRead(path);
            using var stream = path.EndsWith(".gz", StringComparison.Ordinal) ? (Stream)new GZipStream(file, CompressionMode.Decompress) : file;
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            bytes = memory.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw Bad(path, $"is not a valid gzip file ({e.Message})");
        }
        if (bytes.Length < 4 || bytes[0] != 0 || bytes[1] != 0 || bytes[2] != 0x08)
            throw Bad(path, "does not start with an idx header of unsigned bytes (00 00 08 rank)");
        int rank = bytes[3];
        if (rank != expectedRank) throw Bad(path, $"has rank {rank}, expected {expectedRank}");
        int headerBytes = 4 + 4 * rank;
        if (bytes.Length < headerBytes) throw Bad(path, "is truncated inside its header");
        var dims = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++)
        {
            int o = 4 + 4 * i;
            dims[i] = (bytes[o] << 24) | (bytes[o + 1] << 16) | (bytes[o + 2] << 8) | bytes[o + 3];
            count *= dims[i];
        }
        if (bytes.Length - headerBytes != count)
            throw Bad(path, $"holds {bytes.Length - headerBytes} data bytes, but its header says {string.Join("x", dims)} = {count}");
        return (dims, bytes[headerBytes..]);
    }

    private static EdgeToolkitException Bad(string path, string problem) =>
        new(ErrorKind.BadInput, $"{Path.GetFileName(path)} {problem}", file: path,
            hint: "reinstall the data set (sudo apt-get install --reinstall dataset-fashion-mnist)");
}
