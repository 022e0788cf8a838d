using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;
using EdgeToolkit.Training.Export;
using TorchSharp;

namespace EdgeToolkit.Training.Reasoning;

/// <summary>
/// Writes a TinyDecoder as one decoding step with a key/value cache over a fixed context T:
/// inputs token int64 [1], position int64 [1], past_keys / past_values float32 [layers, T, d];
/// outputs logits float32 [1, vocab], present_keys / present_values (the caches with row
/// `position` written). Only ops the C generator compiles are used: the cache row is written with
/// Where(Equal(0..T-1, position), new row, cache), an exact copy, and positions after `position`
/// get a -1e9 additive score so the softmax over all T rows ignores them.
/// </summary>
public static class DecoderStepExporter
{
    public const string TokenInput = "token", PositionInput = "position", LogitsOutput = "logits";
    public const string PastKeys = "past_keys", PastValues = "past_values", PresentKeys = "present_keys", PresentValues = "present_values";
    private const float MaskedScore = -1e9f;

    public static DecoderSignature Signature(DecoderConfig c) => new(TokenInput, PositionInput, LogitsOutput,
        new[] { new StatePair(PastKeys, PresentKeys), new StatePair(PastValues, PresentValues) }, ArithmeticVocabulary.EndToken, c.MaxContext);

    public static ModelGraph Export(TinyDecoder model, string graphName = "reasoning_decoder")
    {
        var c = model.Config;
        int d = c.DModel, t = c.MaxContext, heads = c.Heads, dh = c.HeadDim;
        var b = new GraphBuilder(graphName, 17);
        var ctx = new ExportContext(b);
        b.Input(TokenInput, DataType.Int64, 1);
        b.Input(PositionInput, DataType.Int64, 1);
        b.Input(PastKeys, DataType.Float32, c.Layers, t, d);
        b.Input(PastValues, DataType.Float32, c.Layers, t, d);

        using var noGrad = torch.no_grad();
        string Const(string name, Tensor v) => ctx.Constant(name, v);
        string Shape(string name, params long[] dims) => Const(name, Tensor.Vector(dims));
        string Op(string name, string op, params string[] inputs) => b.OpNamed(name, op, inputs);
        string Linear(string name, torch.Tensor weight, torch.Tensor bias, string input) =>
            Op(name + ".add", "Add", Op(name, "MatMul", input, ctx.Weight(name + ".weight_t", weight.t())), ctx.Weight(name + ".bias", bias));
        string LayerNorm(string name, TorchSharp.Modules.LayerNorm ln, string input) =>
            b.OpNamed(name, "LayerNormalization", new[] { input, ctx.Weight(name + ".weight", ln.weight!), ctx.Weight(name + ".bias", ln.bias!) },
                NodeAttribute.Of("axis", -1L), NodeAttribute.Of("epsilon", 1e-5f));

        var x = Op("embed", "Add",
            b.OpNamed("tok_embed", "Gather", new[] { ctx.Weight("tok.weight", model.tok.weight!), TokenInput }, NodeAttribute.Of("axis", 0L)),
            b.OpNamed("pos_embed", "Gather", new[] { ctx.Weight("pos.weight", model.pos.weight!), PositionInput }, NodeAttribute.Of("axis", 0L)));

        var rows = Const("cache_rows", Tensor.Vector(Enumerable.Range(0, t).Select(i => (long)i).ToArray()));
        var writeRow = Op("write_row", "Reshape", Op("write_row_flat", "Equal", rows, PositionInput), Shape("write_row_shape", t, 1));
        var writeRow3 = Op("write_row_layers", "Reshape", writeRow, Shape("write_row_layers_shape", 1, t, 1));
        var scoreMask = Op("score_mask", "Mul",
            b.OpNamed("future_f", "Cast", new[] { Op("future_rows", "Greater", rows, PositionInput) }, NodeAttribute.Of("to", (long)DataType.Float32)),
            Const("masked_score", Tensor.Scalar(MaskedScore)));
        var qScale = Const("q_scale", Tensor.Scalar((float)(1.0 / Math.Sqrt(dh))));
        var headsShapeQ = Shape("q_heads_shape", heads, 1, dh);
        var headsShapeKv = Shape("kv_heads_shape", t, heads, dh);
        var rowShape = Shape("row_shape", 1, d);
        var stackedRowShape = Shape("stacked_row_shape", 1, 1, d);

        var newKeys = new List<string>();
        var newValues = new List<string>();
        for (int l = 0; l < c.Layers; l++)
        {
            var blk = model.blocks[l];
            string p = $"layer{l}";
            var layerIndex = Const($"{p}.index", Tensor.Scalar((long)l));
            var w = blk.qkv.weight!; var bias = blk.qkv.bias!;
            var h = LayerNorm($"{p}.ln1", blk.ln1, x);
            var q = Linear($"{p}.q", w.narrow(0, 0, d), bias.narrow(0, 0, d), h);
            var k = Linear($"{p}.k", w.narrow(0, d, d), bias.narrow(0, d, d), h);
            var v = Linear($"{p}.v", w.narrow(0, 2 * d, d), bias.narrow(0, 2 * d, d), h);

            // This layer's cache with row `position` replaced; the outputs are written once, from the inputs, after the last layer.
            string UpdateCache(string name, string cache, string row) => Op(name, "Where",
                writeRow, row, b.OpNamed(name + ".past", "Gather", new[] { cache, layerIndex }, NodeAttribute.Of("axis", 0L)));
            var keys = UpdateCache($"{p}.keys", PastKeys, k);       // [T, d]
            var values = UpdateCache($"{p}.values", PastValues, v); // [T, d]
            newKeys.Add(Op($"{p}.k_row", "Reshape", k, stackedRowShape));
            newValues.Add(Op($"{p}.v_row", "Reshape", v, stackedRowShape));

            // q [1, d] -> [H, 1, dh]; keys [T, d] -> [H, dh, T]; values [T, d] -> [H, T, dh].
            var qh = Op($"{p}.q_heads", "Reshape", Op($"{p}.q_scaled", "Mul", q, qScale), headsShapeQ);
            var kh = b.OpNamed($"{p}.k_heads", "Transpose", new[] { Op($"{p}.k_split", "Reshape", keys, headsShapeKv) }, NodeAttribute.Of("perm", new long[] { 1, 2, 0 }));
            var vh = b.OpNamed($"{p}.v_heads", "Transpose", new[] { Op($"{p}.v_split", "Reshape", values, headsShapeKv) }, NodeAttribute.Of("perm", new long[] { 1, 0, 2 }));
            var scores = Op($"{p}.scores_masked", "Add", Op($"{p}.scores", "MatMul", qh, kh), scoreMask);
            var attention = b.OpNamed($"{p}.softmax", "Softmax", new[] { scores }, NodeAttribute.Of("axis", -1L));
            var mixed = Op($"{p}.mixed", "Reshape", Op($"{p}.attend", "MatMul", attention, vh), rowShape);
            x = Op($"{p}.residual1", "Add", x, Linear($"{p}.proj", blk.proj.weight!, blk.proj.bias!, mixed));

            var f = Linear($"{p}.fc1", blk.fc1.weight!, blk.fc1.bias!, LayerNorm($"{p}.ln2", blk.ln2, x));
            x = Op($"{p}.residual2", "Add", x, Linear($"{p}.fc2", blk.fc2.weight!, blk.fc2.bias!, Gelu($"{p}.gelu", f, b, ctx)));
        }

        var logits = Linear("head", model.head.weight!, model.head.bias!, LayerNorm("ln_f", model.ln_f, x));
        b.Output(b.Rename(logits, LogitsOutput));
        // present = where(row == position, this step's rows [layers, 1, d], past [layers, T, d]): no cache-sized intermediates.
        string Present(string name, List<string> rowsPerLayer, string past) => Op(name, "Where", writeRow3,
            rowsPerLayer.Count == 1 ? rowsPerLayer[0] : b.OpNamed(name + ".rows", "Concat", rowsPerLayer.ToArray(), NodeAttribute.Of("axis", 0L)), past);
        b.Output(b.Rename(Present("present_keys_where", newKeys, PastKeys), PresentKeys));
        b.Output(b.Rename(Present("present_values_where", newValues, PastValues), PresentValues));
        return b.Graph;
    }

    /// <summary>Exact GELU, x * 0.5 * (1 + erf(x / sqrt 2)), as torch computes it (the Gelu op has no C kernel).</summary>
    private static string Gelu(string name, string x, GraphBuilder b, ExportContext ctx)
    {
        var scaled = b.OpNamed(name + ".scale", "Mul", new[] { x, ctx.Constant(name + ".inv_sqrt2", Tensor.Scalar((float)(1.0 / Math.Sqrt(2.0)))) });
        var onePlus = b.OpNamed(name + ".one_plus", "Add", new[] { b.OpNamed(name + ".erf", "Erf", new[] { scaled }), ctx.Constant(name + ".one", Tensor.Scalar(1f)) });
        var half = b.OpNamed(name + ".half", "Mul", new[] { onePlus, ctx.Constant(name + ".half_c", Tensor.Scalar(0.5f)) });
        return b.OpNamed(name, "Mul", new[] { x, half });
    }
}
