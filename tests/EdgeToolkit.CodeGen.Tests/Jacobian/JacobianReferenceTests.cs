namespace EdgeToolkit.CodeGen.Tests.Jacobian;

/// <summary>The double reference's analytic Jacobian against central finite differences, on every model and input the C is checked on.</summary>
public class JacobianReferenceTests
{
    [Fact]
    public void Reference_jacobian_matches_central_differences()
    {
        foreach (var c in JacobianCases.All())
            foreach (var input in c.Inputs)
            {
                var x = input.Select(v => (double)v).ToArray();
                var analytic = c.Reference.Jacobian(x);
                var numeric = c.Reference.FiniteDifferences(x);
                double largest = analytic.Cast<double>().Max(Math.Abs);
                Assert.True(largest > 0, $"{c.Name}: all-zero Jacobian");
                for (int o = 0; o < c.Reference.Outputs; o++)
                    for (int i = 0; i < c.Reference.Inputs; i++)
                        Assert.True(Math.Abs(analytic[o, i] - numeric[o, i]) <= 1e-7 * largest,
                            $"{c.Name}: d y{o} / d x{i} analytic {analytic[o, i]}, central differences {numeric[o, i]}");
            }
    }
}
