using EdgeToolkit.Graph;

namespace EdgeToolkit.Training.Vision;

/// <summary>One split of Fashion-MNIST: 28x28 grey images as bytes, one label (0-9) each.</summary>
public sealed record ImageSet(byte[] Pixels, byte[] Labels, int Count)
{
    public const int Side = 28, PixelsPerImage = Side * Side;

    /// <summary>Images [start, start+count) as their own set (shares nothing with this one).</summary>
    public ImageSet Slice(int start, int count) =>
        new(Pixels[(start * PixelsPerImage)..((start + count) * PixelsPerImage)], Labels[start..(start + count)], count);

    /// <summary>Image i as floats in [0, 1] (pixel / 255): the model's input scaling.</summary>
    public float[] Image(int i)
    {
        var x = new float[PixelsPerImage];
        for (int p = 0; p < x.Length; p++) x[p] = Pixels[i * PixelsPerImage + p] / 255f;
        return x;
    }
}

/// <summary>
/// Fashion-MNIST from Debian's dataset-fashion-mnist package: 60,000 training and 10,000 test
/// images of clothing in ten classes.
/// </summary>
public static class FashionMnist
{
    public const string DefaultDirectory = "/usr/share/datasets/fashion-mnist";
    /// <summary>Overrides the data folder (same file names as the Debian package).</summary>
    public const string DirectoryVariable = "EDGETK_FASHION_MNIST";
    public const string InstallHint = "sudo apt-get install dataset-fashion-mnist";

    public static readonly string[] ClassNames =
        { "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot" };

    public static string Directory => Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } d ? d : DefaultDirectory;

    /// <summary>"train" (60,000 images) or "t10k" (10,000 test images).</summary>
    public static ImageSet Load(string split, string? directory = null)
    {
        var dir = directory ?? Directory;
        var imagesPath = Path.Combine(dir, $"{split}-images-idx3-ubyte.gz");
        var labelsPath = Path.Combine(dir, $"{split}-labels-idx1-ubyte.gz");
        foreach (var p in new[] { imagesPath, labelsPath })
            if (!File.Exists(p))
                throw new EdgeToolkitException(ErrorKind.ToolMissing, "the Fashion-MNIST data set is not installed", file: p,
                    hint: $"{InstallHint} (or point {DirectoryVariable} at a folder with the idx files)");
        var (pixels, count, rows, cols) = IdxReader.ReadImages(imagesPath);
        if (rows != ImageSet.Side || cols != ImageSet.Side)
            throw new EdgeToolkitException(ErrorKind.BadInput, $"images are {rows}x{cols}, expected 28x28", file: imagesPath);
        var labels = IdxReader.ReadLabels(labelsPath);
        if (labels.Length != count)
            throw new EdgeToolkitException(ErrorKind.BadInput, $"{labels.Length} labels for {count} images", file: labelsPath);
        if (labels.Any(l => l > 9))
            throw new EdgeToolkitException(ErrorKind.BadInput, "labels outside 0-9", file: labelsPath);
        return new ImageSet(pixels, labels, count);
    }
}
