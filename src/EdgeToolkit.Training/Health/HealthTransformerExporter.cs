using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;
using EdgeToolkit.Training.Export;
using TorchSharp;

namespace EdgeToolkit.Training.Health;

/// <summary>
/// Writes a HealthTransformer with the MLP's interface: input "features" [1, days·18 + 7] of raw
/// readings, outputs stress_logits, readiness_logits, sleep_quality_logits [1, 3]. Inside: Slice
/// and Reshape to [days, 18], the day embedding with the standardisation folded in (per token,
/// as HealthNet folds it per window: a group's mean term moves onto its flag column, so a group
/// not recorded, zeros with flag 0, embeds as the bias alone, exactly like a scaled-and-masked
/// one), the weekday token, position embedding, then attention with MatMul / Softmax /
/// LayerNormalization only (ops the C generator compiles). The last layer computes only the
/// target token's row: the heads read nothing else.
/// </summary>
public static class HealthTransformerExporter
{
    public const string GraphName = "health_transformer";

    public static ModelGraph Export(HealthTransformer model, FeatureScaling scaling)
    {
        var c = model.Config;
        int d = c.DModel, heads = c.Heads, dh = c.HeadDim, days = model.Days, tokens = model.Tokens, per = HealthFeatures.PerDay;
        var b = new GraphBuilder(GraphName, 17);
        var ctx = new ExportContext(b);
        var features = b.Input("features", DataType.Float32, 1, HealthFeatures.InputSize(days));

        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        string Ints(string name, params long[] v) => ctx.Constant(name, Tensor.Vector(v));
        string Op(string name, string op, params string[] inputs) => b.OpNamed(name, op, inputs);
        string Slice(string name, string x, long start, long end, long axis) =>
            Op(name, "Slice", x, Ints(name + ".starts", start), Ints(name + ".ends", end), Ints(name + ".axes", axis));
        string Linear(string name, Tensor weightT, Tensor bias, string x) =>
            Op(name + ".add", "Add", Op(name, "MatMul", x, ctx.Constant(name + ".weight_t", weightT)), ctx.Constant(name + ".bias", bias));
        string TorchLinear(string name, torch.Tensor weight, torch.Tensor bias, string x) =>
            Linear(name, ExportContext.ToGraphTensor(weight.t()), ExportContext.ToGraphTensor(bias), x);
        string LayerNorm(string name, TorchSharp.Modules.LayerNorm ln, string x) =>
            b.OpNamed(name, "LayerNormalization", new[] { x, ctx.Weight(name + ".weight", ln.weight!), ctx.Weight(name + ".bias", ln.bias!) },
                NodeAttribute.Of("axis", -1L), NodeAttribute.Of("epsilon", 1e-5f));
        string Transpose(string name, string x, params long[] perm) => b.OpNamed(name, "Transpose", new[] { x }, NodeAttribute.Of("perm", perm));

        // Tokens: [days, 18] raw days through the folded embedding, then the weekday token; + positions.
        var dayRows = Op("days", "Reshape", Slice("days_flat", features, 0, days * per, 1), Ints("days_shape", days, per));
        var weekday = Slice("weekday", features, days * per, days * per + 7, 1);
        var embedW = ExportContext.ToGraphTensor(model.dayEmbed.weight!);
        var folded = new FeatureScaling(1, scaling.Mean, scaling.Std).FoldInto(embedW.Floats, d);
        var dayTokens = Linear("day_embed", Transposed(folded, d, per), ExportContext.ToGraphTensor(model.dayEmbed.bias!), dayRows);
        var targetToken = Op("weekday_embed", "MatMul", weekday, ctx.Weight("weekday_embed.weight_t", model.weekdayEmbed.weight!.t()));
        var x = Op("embed", "Add", b.OpNamed("tokens", "Concat", new[] { dayTokens, targetToken }, NodeAttribute.Of("axis", 0L)),
            ctx.Weight("position", model.position));

        for (int l = 0; l < c.Layers; l++)
        {
            var layer = model.layers[l];
            string p = $"layer{l}";
            bool last = l == c.Layers - 1;
            int rows = last ? 1 : tokens;
            var h = LayerNorm($"{p}.ln1", layer.ln1, x);
            var w = layer.qkv.weight!; var bias = layer.qkv.bias!;
            // 1/sqrt(dh) folded into the query projection.
            double scale = 1.0 / Math.Sqrt(dh);
            var q = TorchLinear($"{p}.q", w.narrow(0, 0, d) * scale, bias.narrow(0, 0, d) * scale, last ? Slice($"{p}.h_target", h, days, tokens, 0) : h);
            var k = TorchLinear($"{p}.k", w.narrow(0, d, d), bias.narrow(0, d, d), h);
            var v = TorchLinear($"{p}.v", w.narrow(0, 2 * d, d), bias.narrow(0, 2 * d, d), h);
            // q [rows, d] -> [H, rows, dh]; k [T, d] -> [H, dh, T]; v [T, d] -> [H, T, dh].
            var qh = Transpose($"{p}.q_heads", Op($"{p}.q_split", "Reshape", q, Ints($"{p}.q_shape", rows, heads, dh)), 1, 0, 2);
            var kh = Transpose($"{p}.k_heads", Op($"{p}.k_split", "Reshape", k, Ints($"{p}.kv_shape", tokens, heads, dh)), 1, 2, 0);
            var vh = Transpose($"{p}.v_heads", Op($"{p}.v_split", "Reshape", v, $"{p}.kv_shape"), 1, 0, 2);
            var attention = b.OpNamed($"{p}.softmax", "Softmax", new[] { Op($"{p}.scores", "MatMul", qh, kh) }, NodeAttribute.Of("axis", -1L));
            var mixed = Op($"{p}.mixed", "Reshape", Transpose($"{p}.attend_rows", Op($"{p}.attend", "MatMul", attention, vh), 1, 0, 2),
                Ints($"{p}.row_shape", rows, d));
            var residual = last ? Slice($"{p}.x_target", x, days, tokens, 0) : x;
            x = Op($"{p}.residual1", "Add", residual, TorchLinear($"{p}.proj", layer.proj.weight!, layer.proj.bias!, mixed));
            var f = Op($"{p}.relu", "Relu", TorchLinear($"{p}.fc1", layer.fc1.weight!, layer.fc1.bias!, LayerNorm($"{p}.ln2", layer.ln2, x)));
            x = Op($"{p}.residual2", "Add", x, TorchLinear($"{p}.fc2", layer.fc2.weight!, layer.fc2.bias!, f));
        }

        var target = LayerNorm("ln_final", model.lnFinal, x); // [1, d]
        for (int t = 0; t < HealthLabels.Tasks; t++)
        {
            var name = HealthLabels.TaskNames[t];
            var head = model.heads[t];
            var y = b.OpNamed($"{name}_head", "Gemm", new[] { target, ctx.Weight($"{name}_head.weight", head.weight!), ctx.Weight($"{name}_head.bias", head.bias!) },
                NodeAttribute.Of("transB", 1L));
            b.Output(b.Rename(y, HealthLabels.OutputNames[t]));
        }
        return b.Graph;
    }

    /// <summary>[outputs, inputs] row-major -> [inputs, outputs], MatMul's weight layout.</summary>
    private static Tensor Transposed(float[] w, int outputs, int inputs)
    {
        var t = new float[w.Length];
        for (int o = 0; o < outputs; o++)
            for (int i = 0; i < inputs; i++) t[i * outputs + o] = w[o * inputs + i];
        return Tensor.FromFloats(new[] { inputs, outputs }, t);
    }
}
