using System.IO.Compression;
using EdgeToolkit.Graph;
using EdgeToolkit.Training.Vision;

namespace EdgeToolkit.Training.Tests.Vision;

public class IdxReaderTests
{
    [Fact]
    public void ReadsAHandWrittenGzipIdxFile()
    {
        var path = WriteGz(new byte[] { 0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 3, 10, 20, 30, 40, 50, 255 });
        var (pixels, count, rows, cols) = IdxReader.ReadImages(path);
        Assert.Equal((2, 1, 3), (count, rows, cols));
        Assert.Equal(new byte[] { 10, 20, 30, 40, 50, 255 }, pixels);
    }

    [Fact]
    public void RejectsAWrongHeaderAndAShortBody()
    {
        var labels = WriteGz(new byte[] { 0, 0, 8, 1, 0, 0, 0, 4, 1, 2, 3 });
        var e = Assert.Throws<EdgeToolkitException>(() => IdxReader.ReadLabels(labels));
        Assert.Equal(ErrorKind.BadInput, e.Kind);
        Assert.Equal(labels, e.File);
        Assert.Contains("header says 4", e.Message);

        var floats = WriteGz(new byte[] { 0, 0, 0x0D, 1, 0, 0, 0, 1, 0, 0, 0, 0 });
        Assert.Throws<EdgeToolkitException>(() => IdxReader.ReadLabels(floats));
        var notGzip = Path.Combine(Path.GetTempPath(), $"idx-{Guid.NewGuid():N}.gz");
        File.WriteAllBytes(notGzip, new byte[] { 1, 2, 3, 4 });
        Assert.Equal(ErrorKind.BadInput, Assert.Throws<EdgeToolkitException>(() => IdxReader.ReadLabels(notGzip)).Kind);
    }

    [Fact]
    public void FashionMnistMatchesItsPublishedFacts()
    {
        var train = FashionMnist.Load("train");
        var test = FashionMnist.Load("t10k");
        Assert.Equal(60_000, train.Count);
        Assert.Equal(10_000, test.Count);
        Assert.Equal(new byte[] { 9, 0, 0, 3, 0, 2, 7, 2, 5, 5 }, train.Labels[..10]);
        Assert.Equal(new byte[] { 9, 2, 1, 1, 6, 1, 4, 6, 5, 7 }, test.Labels[..10]);
        // Both splits are balanced: 6,000 and 1,000 images per class.
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(6_000, train.Labels.Count(l => l == c)));
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(1_000, test.Labels.Count(l => l == c)));
        // The first training image (an ankle boot): pixel sum from an independent reader (Python's gzip).
        Assert.Equal(76_247, train.Pixels[..784].Sum(p => (int)p));
        Assert.Equal(255f / 255, train.Image(0).Max());
    }

    [Fact]
    public void MissingDataSetSaysHowToInstallIt()
    {
        var empty = Directory.CreateTempSubdirectory("no-fashion").FullName;
        var e = Assert.Throws<EdgeToolkitException>(() => FashionMnist.Load("t10k", empty));
        Assert.Equal(ErrorKind.ToolMissing, e.Kind);
        Assert.Contains("sudo apt-get install dataset-fashion-mnist", e.Hint);
        Assert.StartsWith(empty, e.File);
    }

    private static string WriteGz(byte[] content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"idx-{Guid.NewGuid():N}.gz");
        using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest)) gz.Write(content);
        return path;
    }
}
