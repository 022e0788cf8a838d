namespace EdgeToolkit.CodeGen.Jacobian;

/// <summary>
/// The forward pass of one dense layer, y = act(b + W x), as a static function (const float *x,
/// float *y). Each output is summed the way NAME_run's kernels sum it: from the bias (or from 0,
/// adding the bias after, for MatMul + Add), then + x[i] * w[o][i] in ascending i, then the same
/// activation; so y is NAME_run's output bit for bit. A block of outputs is summed side by side,
/// each x[i] loaded once for the block. The weights are row-major [outputs x inputs], the layout
/// the backward pass reads too (JacobianLayerWeights).
/// </summary>
internal static class ForwardLayerWriter
{
    public static string Write(string function, JacobianLayer layer, JacobianLayerWeights weights, TargetProfile target,
        Func<string, string> useHelper, string description)
    {
        var d = layer.Dense;
        int rows = JacobianBlocking.ForwardRows(target, d.Outputs, d.Inputs);
        var c = new CWriter();
        var act = ActivationCode.Name(d.Activation);
        var sum = layer.HasBias ? (layer.BiasAfterSum ? "(sum_i w[o][i] x[i]) + b[o]" : "b[o] + sum_i w[o][i] x[i]") : "sum_i w[o][i] x[i]";
        c.Line($"/* {description}, forward, {rows} output{(rows > 1 ? "s" : "")} at a time, each summed as the run kernels do:");
        c.Line($"   y[o] = {(act.Length > 0 ? $"{act}({sum})" : sum)}, i ascending */");
        c.Line($"static void {function}(const float *x, float *y)");
        using (c.Scope())
        {
            c.Line($"const float *w = {weights.W};");
            if (layer.HasBias) c.Line($"const float *b = {weights.B};");
            c.Line(d.Outputs / rows > 1 ? "int i, block;" : "int i;");
            BlockLoop.Write(c, d.Outputs, rows, "block", width => WriteBlock(c, layer, width, useHelper),
                width => $"w += {width * d.Inputs};{(layer.HasBias ? $" b += {width};" : "")} y += {width};");
        }
        return c.ToString();
    }

    private static void WriteBlock(CWriter c, JacobianLayer layer, int width, Func<string, string> useHelper)
    {
        var d = layer.Dense;
        var sums = Enumerable.Range(0, width).Select(r => $"s{r}").ToList();
        bool startAtBias = layer.HasBias && !layer.BiasAfterSum;
        c.Line("float " + string.Join(", ", sums.Select((s, r) => startAtBias ? $"{s} = b[{r}]" : $"{s} = 0.0f")) + ";");
        using (c.Block($"for (i = 0; i < {d.Inputs}; i++)"))
        {
            c.Line("const float xi = x[i];");
            for (int r = 0; r < width; r++) c.Line($"{sums[r]} += xi * w[{(r == 0 ? "" : $"{r * d.Inputs} + ")}i];");
        }
        if (layer.HasBias && layer.BiasAfterSum)
            for (int r = 0; r < width; r++) c.Line($"{sums[r]} += b[{r}];");
        for (int r = 0; r < width; r++) c.Line($"y[{r}] = {ActivationCode.Forward(d.Activation, sums[r], useHelper)};");
    }
}
