using EdgeToolkit.Graph;

namespace EdgeToolkit.Graph.Analysis;

/// <summary>Element-wise activation after a dense layer; the Jacobian needs its derivative.</summary>
public enum MlpActivation { Identity, Tanh, Relu, Sigmoid }

/// <summary>One dense layer y = act(W x + b), W row-major [Outputs x Inputs].</summary>
public sealed record MlpLayer(int Inputs, int Outputs, float[] Weights, float[] Bias, MlpActivation Activation, string NodeName);

/// <summary>
/// A graph that is one chain of dense layers (Gemm, or MatMul + Add, each optionally followed by
/// Tanh, Relu or Sigmoid) from one float input [1 x n] or [n] to one output: the forward models
/// the controller inverts. Works on the imported graph and on the fused one (activations folded
/// into Gemm's Fused list). Anything else (branches, other ops, batch > 1) is not an MLP.
/// </summary>
public sealed class MlpChain
{
    public IReadOnlyList<MlpLayer> Layers { get; }
    public string InputName { get; }
    public string OutputName { get; }
    public int InputCount => Layers[0].Inputs;
    public int OutputCount => Layers[^1].Outputs;

    private MlpChain(IReadOnlyList<MlpLayer> layers, string input, string output) { Layers = layers; InputName = input; OutputName = output; }

    public static MlpChain Extract(ModelGraph g) =>
        TryExtract(g, out var chain, out var why) ? chain! : throw new EdgeToolkitException(ErrorKind.BadInput, $"not an MLP ({why})", g.SourcePath,
            hint: "the Jacobian and the controller need one chain of Gemm (or MatMul + Add) layers, each optionally followed by Tanh, Relu or Sigmoid");

    public static bool TryExtract(ModelGraph g, out MlpChain? chain, out string why)
    {
        chain = null;
        if (g.Inputs.Count != 1 || g.Outputs.Count != 1) { why = "it must have one input and one output"; return false; }
        var consumers = g.Consumers();
        string current = g.Inputs[0].Name;
        var layers = new List<MlpLayer>();
        while (current != g.Outputs[0].Name)
        {
            if (!consumers.TryGetValue(current, out var users) || users.Count != 1) { why = $"'{current}' must feed exactly one node"; return false; }
            var n = users[0];
            switch (n.OpType)
            {
                case "Gemm" when n.Domain == "":
                    if (!TryGemm(g, n, layers.Count == 0 ? (int?)null : layers[^1].Outputs, out var layer, out why)) return false;
                    layers.Add(layer!);
                    foreach (var f in n.Fused)
                        if (!TrySetActivation(layers, f.OpType, n.Name, out why)) return false;
                    current = n.Outputs[0];
                    break;
                case "MatMul" when n.Domain == "":
                    if (!TryMatMulAdd(g, n, consumers, out var mm, out var next, out why)) return false;
                    layers.Add(mm!);
                    // A bias-less MatMul may carry the fused activation itself (FusionPass).
                    foreach (var f in n.Fused)
                        if (!TrySetActivation(layers, f.OpType, n.Name, out why)) return false;
                    current = next!;
                    break;
                case "Tanh" or "Relu" or "Sigmoid" or "Identity":
                    if (!TrySetActivation(layers, n.OpType, n.Name, out why)) return false;
                    current = n.Outputs[0];
                    break;
                default:
                    why = $"node '{n.Name}' is {n.OpType}"; return false;
            }
        }
        if (layers.Count == 0) { why = "it has no dense layer"; return false; }
        for (int i = 1; i < layers.Count; i++)
            if (layers[i].Inputs != layers[i - 1].Outputs) { why = $"layer '{layers[i].NodeName}' takes {layers[i].Inputs} inputs after {layers[i - 1].Outputs}"; return false; }
        chain = new MlpChain(layers, g.Inputs[0].Name, g.Outputs[0].Name);
        why = "";
        return true;
    }

    private static bool TrySetActivation(List<MlpLayer> layers, string op, string nodeName, out string why)
    {
        why = "";
        if (op == "Identity") return true;
        if (layers.Count == 0 || layers[^1].Activation != MlpActivation.Identity) { why = $"activation '{nodeName}' does not follow a dense layer directly"; return false; }
        var act = op switch { "Tanh" => MlpActivation.Tanh, "Relu" => MlpActivation.Relu, "Sigmoid" => MlpActivation.Sigmoid, _ => (MlpActivation?)null };
        if (act is null) { why = $"fused node '{nodeName}' is {op}"; return false; }
        layers[^1] = layers[^1] with { Activation = act.Value };
        return true;
    }

    private static bool TryGemm(ModelGraph g, Node n, int? expectedIn, out MlpLayer? layer, out string why)
    {
        layer = null;
        if (n.GetInt("transA", 0) != 0) { why = $"Gemm '{n.Name}' has transA"; return false; }
        if (!g.Initializers.TryGetValue(n.Inputs[1], out var wt) || wt.Rank != 2) { why = $"Gemm '{n.Name}' has no constant 2-D weight"; return false; }
        bool transB = n.GetInt("transB", 0) != 0;
        float alpha = n.GetFloat("alpha", 1f), beta = n.GetFloat("beta", 1f);
        int outs = transB ? wt.Shape[0] : wt.Shape[1], ins = transB ? wt.Shape[1] : wt.Shape[0];
        var w = Transposed(wt.ToFloatArray(), wt.Shape[0], wt.Shape[1], !transB);
        if (alpha != 1f) for (int i = 0; i < w.Length; i++) w[i] *= alpha;
        var b = new float[outs];
        if (n.HasInput(2))
        {
            if (!g.Initializers.TryGetValue(n.Inputs[2], out var bt)) { why = $"Gemm '{n.Name}' has a non-constant bias"; return false; }
            var bv = bt.ToFloatArray();
            if (bv.Length != outs && bv.Length != 1) { why = $"Gemm '{n.Name}' bias has {bv.Length} values for {outs} outputs"; return false; }
            for (int o = 0; o < outs; o++) b[o] = beta * bv[bv.Length == 1 ? 0 : o];
        }
        layer = new MlpLayer(ins, outs, w, b, MlpActivation.Identity, n.Name);
        why = expectedIn is int e && e != ins ? $"Gemm '{n.Name}' takes {ins} inputs after {e}" : "";
        return why == "";
    }

    private static bool TryMatMulAdd(ModelGraph g, Node n, Dictionary<string, List<Node>> consumers, out MlpLayer? layer, out string? next, out string why)
    {
        layer = null; next = null;
        if (!g.Initializers.TryGetValue(n.Inputs[1], out var wt) || wt.Rank != 2) { why = $"MatMul '{n.Name}' has no constant 2-D weight"; return false; }
        int ins = wt.Shape[0], outs = wt.Shape[1];
        var w = Transposed(wt.ToFloatArray(), ins, outs, true);
        var b = new float[outs];
        next = n.Outputs[0];
        if (n.Fused.Count == 0 && consumers.TryGetValue(next, out var users) && users.Count == 1 && users[0].OpType == "Add")
        {
            var add = users[0];
            var other = add.Inputs[0] == next ? add.Inputs[1] : add.Inputs[0];
            if (g.Initializers.TryGetValue(other, out var bt) && bt.Length == outs)
            {
                b = bt.ToFloatArray();
                next = add.Outputs[0];
            }
        }
        layer = new MlpLayer(ins, outs, w, b, MlpActivation.Identity, n.Name);
        why = "";
        return true;
    }

    /// <summary>Row-major [rows x cols] as given, or transposed to [cols x rows].</summary>
    private static float[] Transposed(float[] a, int rows, int cols, bool transpose)
    {
        if (!transpose) return a;
        var t = new float[a.Length];
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) t[c * rows + r] = a[r * cols + c];
        return t;
    }
}
