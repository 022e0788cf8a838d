using EdgeToolkit.Graph.Analysis;

namespace EdgeToolkit.CodeGen.Tests.Jacobian;

/// <summary>
/// The reference the generated Jacobian is checked against, in double: the MLP's forward pass
/// with exact tanh and sigmoid, and dy/dx in forward mode (the product D W ... D W built from the
/// input side, the opposite order of the generated reverse mode), itself checked against central
/// finite differences (JacobianReferenceTests).
/// </summary>
public sealed class JacobianReference(MlpChain chain)
{
    public int Inputs => chain.InputCount;
    public int Outputs => chain.OutputCount;

    public double[] Forward(IReadOnlyList<double> x) => Run(x, jacobian: false).Y;

    /// <summary>dy/dx as [outputs, inputs].</summary>
    public double[,] Jacobian(IReadOnlyList<double> x) => Run(x, jacobian: true).J!;

    /// <summary>The smallest |pre-activation| of any Relu unit: near 0, relu' jumps and float and double may disagree.</summary>
    public double ReluMargin(IReadOnlyList<double> x)
    {
        double margin = double.PositiveInfinity;
        var a = x.ToArray();
        foreach (var l in chain.Layers)
        {
            var s = Affine(l, a);
            if (l.Activation == MlpActivation.Relu) margin = Math.Min(margin, s.Min(Math.Abs));
            a = s.Select(v => Activate(l.Activation, v)).ToArray();
        }
        return margin;
    }

    /// <summary>Central differences of Forward, step h * max(1, |x_i|).</summary>
    public double[,] FiniteDifferences(IReadOnlyList<double> x, double h = 1e-6)
    {
        var j = new double[Outputs, Inputs];
        for (int i = 0; i < Inputs; i++)
        {
            double step = h * Math.Max(1, Math.Abs(x[i]));
            var plus = x.ToArray();
            var minus = x.ToArray();
            plus[i] += step;
            minus[i] -= step;
            var yp = Forward(plus);
            var ym = Forward(minus);
            for (int o = 0; o < Outputs; o++) j[o, i] = (yp[o] - ym[o]) / (2 * step);
        }
        return j;
    }

    private (double[] Y, double[,]? J) Run(IReadOnlyList<double> x, bool jacobian)
    {
        var a = x.ToArray();
        // da/dx, starting from the identity, multiplied by W then D at every layer.
        double[,]? da = null;
        if (jacobian)
        {
            da = new double[Inputs, Inputs];
            for (int i = 0; i < Inputs; i++) da[i, i] = 1;
        }
        foreach (var l in chain.Layers)
        {
            var s = Affine(l, a);
            var next = s.Select(v => Activate(l.Activation, v)).ToArray();
            if (da != null)
            {
                var dn = new double[l.Outputs, Inputs];
                for (int o = 0; o < l.Outputs; o++)
                {
                    double slope = Slope(l.Activation, s[o]);
                    for (int i = 0; i < Inputs; i++)
                    {
                        double sum = 0;
                        for (int k = 0; k < l.Inputs; k++) sum += l.Weights[o * l.Inputs + k] * da[k, i];
                        dn[o, i] = slope * sum;
                    }
                }
                da = dn;
            }
            a = next;
        }
        return (a, da);
    }

    private static double[] Affine(MlpLayer l, double[] a)
    {
        var s = new double[l.Outputs];
        for (int o = 0; o < l.Outputs; o++)
        {
            double sum = l.Bias[o];
            for (int i = 0; i < l.Inputs; i++) sum += l.Weights[o * l.Inputs + i] * a[i];
            s[o] = sum;
        }
        return s;
    }

    private static double Activate(MlpActivation act, double s) => act switch
    {
        MlpActivation.Tanh => Math.Tanh(s),
        MlpActivation.Sigmoid => 1 / (1 + Math.Exp(-s)),
        MlpActivation.Relu => Math.Max(0, s),
        _ => s,
    };

    /// <summary>The derivative at the pre-activation s, from its closed form (not from the output).</summary>
    private static double Slope(MlpActivation act, double s) => act switch
    {
        MlpActivation.Tanh => 1 / (Math.Cosh(s) * Math.Cosh(s)),
        MlpActivation.Sigmoid => Math.Exp(-Math.Abs(s)) / ((1 + Math.Exp(-Math.Abs(s))) * (1 + Math.Exp(-Math.Abs(s)))),
        MlpActivation.Relu => s > 0 ? 1 : 0,
        _ => 1,
    };
}
