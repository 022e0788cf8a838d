using EdgeToolkit.Control.Runtime;

namespace EdgeToolkit.Control.Tests.Runtime;

public class LdlSolverTests
{
    // H = L D L^T by hand: D0 = 4; L10 = 2/4, L20 = -2/4; D1 = 10 - 0.5^2 4 = 9;
    // L21 = (4 - (-0.5)(0.5)(4)) / 9 = 5/9; D2 = 9 - 0.25 * 4 - (5/9)^2 * 9 = 8 - 25/9.
    private static readonly float[] H = [4, 2, -2, 2, 10, 4, -2, 4, 9];

    [Fact]
    public void FactorsAKnownMatrixAndSolvesIt()
    {
        float[] b = [2, -1, 3];
        var x = new float[3];
        var l = new float[9];
        var d = new float[3];
        Assert.True(LdlSolver.TrySolve(H, 3, b, x, l, d));
        Assert.Equal(4f, d[0], 6);
        Assert.Equal(9f, d[1], 6);
        Assert.Equal(8f - 25f / 9f, d[2], 5);
        Assert.Equal(0.5f, l[1 * 3 + 0], 6);
        Assert.Equal(-0.5f, l[2 * 3 + 0], 6);
        Assert.Equal(5f / 9f, l[2 * 3 + 1], 6);
        for (int i = 0; i < 3; i++)
        {
            double hx = 0;
            for (int k = 0; k < 3; k++) hx += H[i * 3 + k] * (double)x[k];
            Assert.Equal(b[i], hx, 5);
        }
    }

    [Theory]
    [InlineData(new float[] { 1, 1, 1, 1 })]                    // rank 1: the second pivot is 0
    [InlineData(new float[] { 1, 2, 2, 1 })]                    // indefinite: a negative pivot
    [InlineData(new float[] { float.NaN, 0, 0, 1 })]            // not finite
    [InlineData(new float[] { 1e6f, 0, 0, 1e-7f })]             // a pivot below 1e-12 of the largest diagonal
    public void RejectsMatricesWithoutAUsablePivot(float[] h)
    {
        var x = new float[] { 7, 7 };
        Assert.False(LdlSolver.TrySolve(h, 2, [1, 1], x, new float[4], new float[2]));
        Assert.Equal([7f, 7f], x);
    }
}
