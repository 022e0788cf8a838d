using EdgeToolkit.Graph.Analysis;

namespace EdgeToolkit.CodeGen.Jacobian;

/// <summary>
/// The backward pass through one dense layer z = b + W u, for all m outputs of the model at once.
/// g holds dy[o]/dz[j], stored [j][o] (the m values of one unit side by side); the layer maps it
/// to dy[o]/dz'[i], z' the pre-activations of its input u = act(z'):
///   (sum_j g[j][o] w[j][i]) * act'(u[i]), with no act' at the model input (u = x: dy/dx).
/// A block of inputs keeps m sums per input in registers, so each weight is loaded once and used
/// for every output. The result goes to the next g ([i][o]) or, at the model input, to jac ([o][i]).
/// </summary>
internal static class BackwardLayerWriter
{
    /// <param name="inputActivation">The activation that produced this layer's input, null at the model input (then the result is jac).</param>
    /// <param name="inputName">What the input h is, for the comment (e.g. "fc1's output").</param>
    public static WrittenFunction Write(string function, JacobianLayer layer, JacobianLayerWeights weights, int m, MlpActivation? inputActivation,
        string inputName, TargetProfile target, string description)
    {
        var d = layer.Dense;
        int columns = JacobianBlocking.BackwardColumns(target, d.Inputs, m);
        bool toJac = inputActivation == null;
        var act = inputActivation ?? MlpActivation.Identity;
        bool readsH = act != MlpActivation.Identity;
        var pars = new List<string> { "g" };
        if (readsH) pars.Add("h");
        pars.Add(toJac ? "jac" : "g_in");

        var c = new CWriter();
        var factor = readsH ? $" * {ActivationCode.Name(act)}'(h[i]), h = {inputName}" : "";
        c.Line($"/* {description}, backward, the {m} output{(m > 1 ? "s" : "")} together, {columns} input{(columns > 1 ? "s" : "")} ({columns * m} sums) at a time:");
        c.Line($"   {(toJac ? "jac[o][i]" : "g_in[i][o]")} = (sum_j g[j][o] w[j][i]){factor} */");
        var decl = string.Join(", ", pars.Select(p => p is "g" or "h" ? $"const float *{p}" : $"float *{p}"));
        c.Line($"static void {function}({decl})");
        using (c.Scope())
        {
            c.Line($"const float *w = {weights.W};");
            c.Line(d.Inputs / columns > 1 ? "int j, block;" : "int j;");
            BlockLoop.Write(c, d.Inputs, columns, "block", width => WriteBlock(c, d, m, width, act, toJac),
                width => $"w += {width};{(readsH ? $" h += {width};" : "")} {(toJac ? "jac" : "g_in")} += {(toJac ? width : width * m)};");
        }
        return new WrittenFunction(c.ToString(), pars);
    }

    private static void WriteBlock(CWriter c, MlpLayer d, int m, int width, MlpActivation act, bool toJac)
    {
        string Sum(int o, int col) => $"s{o}_{col}";
        c.Line("const float *wj = w, *gj = g;");
        for (int o = 0; o < m; o++)
            c.Line("float " + string.Join(", ", Enumerable.Range(0, width).Select(col => $"{Sum(o, col)} = 0.0f")) + ";");
        using (c.Block($"for (j = 0; j < {d.Outputs}; j++)"))
        {
            c.Line("const float " + string.Join(", ", Enumerable.Range(0, m).Select(o => $"g{o} = gj[{o}]")) + ";");
            c.Line("const float " + string.Join(", ", Enumerable.Range(0, width).Select(col => $"w{col} = wj[{col}]")) + ";");
            for (int o = 0; o < m; o++)
                c.Line(string.Join(" ", Enumerable.Range(0, width).Select(col => $"{Sum(o, col)} += g{o} * w{col};")));
            c.Line($"gj += {m};");
            c.Line($"wj += {d.Inputs};");
        }
        for (int col = 0; col < width; col++)
        {
            if (toJac)
            {
                for (int o = 0; o < m; o++) c.Line($"jac[{o * d.Inputs + col}] = {Sum(o, col)};");
                continue;
            }
            var derivative = ActivationCode.Derivative(act, "t");
            var scope = act != MlpActivation.Identity ? c.Scope() : null;
            if (act != MlpActivation.Identity) c.Line($"const float t = h[{col}]{(derivative != null ? $", d = {derivative}" : "")};");
            for (int o = 0; o < m; o++) c.Line($"g_in[{col * m + o}] = {ActivationCode.Scale(act, Sum(o, col), "t", "d")};");
            scope?.Dispose();
        }
    }
}
