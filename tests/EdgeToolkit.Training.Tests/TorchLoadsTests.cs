using EdgeToolkit.Training;
using TorchSharp;

namespace EdgeToolkit.Training.Tests;

public class TorchLoadsTests
{
    [Fact]
    public void LibtorchLoadsAndComputes()
    {
        TorchRuntime.Initialize(1);
        var a = torch.tensor(new float[] { 1, 2, 3, 4 }).reshape(2, 2);
        var b = torch.tensor(new float[] { 5, 6, 7, 8 }).reshape(2, 2);
        var c = a.matmul(b).data<float>().ToArray();
        Assert.Equal(new float[] { 19, 22, 43, 50 }, c); // hand-computed 2x2 product
    }
}
