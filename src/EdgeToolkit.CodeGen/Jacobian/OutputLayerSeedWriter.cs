using EdgeToolkit.Graph.Analysis;

namespace EdgeToolkit.CodeGen.Jacobian;

/// <summary>
/// Where the backward pass starts: the output layer y = act(b + W u). Pulling the unit row e_o^T
/// back through it needs no sum: dy[o]/du[j] = act'(y[o]) w[o][j]; times act'(u[j]) of the
/// activation u = act(z') that produced u, it is dy[o]/dz'[j], the g the layer below takes
/// ([j][o]). Written straight to jac ([o][i]) when the output layer is the only one.
/// </summary>
internal static class OutputLayerSeedWriter
{
    /// <param name="inputActivation">The activation that produced the layer's input, null when that input is the model's (then the result is jac).</param>
    /// <param name="inputName">What the input h is, for the comment (e.g. "fc2's output").</param>
    public static WrittenFunction Write(string function, JacobianLayer layer, JacobianLayerWeights weights, MlpActivation? inputActivation,
        string inputName, string description)
    {
        var d = layer.Dense;
        int m = d.Outputs, n = d.Inputs;
        bool toJac = inputActivation == null;
        var act = inputActivation ?? MlpActivation.Identity;
        bool readsY = d.Activation != MlpActivation.Identity, readsH = act != MlpActivation.Identity;
        var pars = new List<string>();
        if (readsY) pars.Add("y");
        if (readsH) pars.Add("h");
        pars.Add(toJac ? "jac" : "g");

        var c = new CWriter();
        var outName = ActivationCode.Name(d.Activation);
        var factors = (readsY ? $"{outName}'(y[o]) * " : "") + "w[o][j]" + (readsH ? $" * {ActivationCode.Name(act)}'(h[j])" : "");
        c.Line($"/* {description}, the output layer, where the backward pass starts:");
        c.Line($"   {(toJac ? "jac[o][j] = dy[o]/dx[j]" : "g[j][o] = dy[o]/dz[j]")} = {factors}{(toJac ? "" : $", h = {inputName} = act(z)")} */");
        var decl = string.Join(", ", pars.Select(p => p is "y" or "h" ? $"const float *{p}" : $"float *{p}"));
        c.Line($"static void {function}({decl})");
        using (c.Scope())
        {
            c.Line($"const float *w = {weights.W};");
            var dy = Enumerable.Range(0, m).Select(o => ActivationCode.Derivative(d.Activation, $"y[{o}]")).ToList();
            if (dy[0] != null) c.Line("const float " + string.Join(", ", dy.Select((e, o) => $"dy{o} = {e}")) + ";");
            c.Line("int j;");
            using (c.Block($"for (j = 0; j < {n}; j++)"))
            {
                var derivative = ActivationCode.Derivative(act, "t");
                if (readsH) c.Line($"const float t = h[j]{(derivative != null ? $", d = {derivative}" : "")};");
                for (int o = 0; o < m; o++)
                {
                    var value = ActivationCode.Scale(act, ActivationCode.Scale(d.Activation, $"w[{(o == 0 ? "" : $"{o * n} + ")}j]", $"y[{o}]", $"dy{o}"), "t", "d");
                    c.Line(toJac ? $"jac[{(o == 0 ? "" : $"{o * n} + ")}j] = {value};" : $"g[{o}] = {value};");
                }
                if (!toJac) c.Line($"g += {m};");
            }
        }
        return new WrittenFunction(c.ToString(), pars);
    }
}
