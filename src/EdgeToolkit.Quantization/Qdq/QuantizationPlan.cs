using EdgeToolkit.Graph;

namespace EdgeToolkit.Quantization.Qdq;

/// <summary>
/// Which nodes of the optimised float graph run in int8 and which activation tensors get a
/// QuantizeLinear -> DequantizeLinear pair (docs/quantization.md): the inputs and output of every
/// Weighted and Elementwise node (a Relu/Clip right after a Conv/Gemm takes over its output's Q),
/// then, in graph order, the output of every pass-through node whose input is quantized, with its
/// input's parameters. Everything else stays float.
/// </summary>
public sealed class QuantizationPlan
{
    /// <summary>Quantized node name -> its role.</summary>
    public IReadOnlyDictionary<string, QdqRole> Nodes { get; }
    /// <summary>Weighted node name -> the Relu/Clip that shares its output Q.</summary>
    public IReadOnlyDictionary<string, string> FusedActivations { get; }
    /// <summary>Activation tensors with a Q/DQ pair, graph inputs first, then in node order.</summary>
    public IReadOnlyList<string> Tensors { get; }
    /// <summary>Tensor -> the tensor whose parameters it reuses (pass-through outputs).</summary>
    public IReadOnlyDictionary<string, string> SharesParamsWith { get; }
    /// <summary>Float node name -> why it stays float.</summary>
    public IReadOnlyDictionary<string, string> FloatReasons { get; }
    /// <summary>Weighted and Elementwise nodes quantized here: what an accuracy search may exclude.</summary>
    public IReadOnlyList<string> Candidates { get; }

    private QuantizationPlan(Dictionary<string, QdqRole> nodes, Dictionary<string, string> fused, List<string> tensors,
        Dictionary<string, string> shares, Dictionary<string, string> reasons, List<string> candidates)
    {
        Nodes = nodes; FusedActivations = fused; Tensors = tensors; SharesParamsWith = shares; FloatReasons = reasons; Candidates = candidates;
    }

    /// <param name="exclude">Nodes the user or the accuracy search keeps float.</param>
    /// <param name="keepFloat">Nodes that must stay float whatever is excluded, with the reason (input equalization's Mul).</param>
    public static QuantizationPlan Make(ModelGraph g, IReadOnlySet<string> exclude, IReadOnlyDictionary<string, string>? keepFloat = null)
    {
        var nodes = new Dictionary<string, QdqRole>();
        var reasons = new Dictionary<string, string>();
        var fused = new Dictionary<string, string>();
        var readers = g.Consumers();
        var outputs = g.Outputs.Select(o => o.Name).ToHashSet();
        var quantized = new HashSet<string>();
        var shares = new Dictionary<string, string>();
        var fusedOutputs = new Dictionary<string, string>();   // weighted node -> its Relu/Clip's output

        foreach (var n in g.Nodes)
        {
            var (role, reason) = QdqEligibility.Of(g, n);
            if (keepFloat != null && keepFloat.TryGetValue(n.Name, out var why)) { reasons[n.Name] = why; continue; }
            if (role is QdqRole.Weighted or QdqRole.Elementwise or QdqRole.WeightOnly)
            {
                if (exclude.Contains(n.Name)) reasons[n.Name] = "excluded";
                else nodes[n.Name] = role.Value;
            }
            else if (role == null) reasons[n.Name] = reason!;
        }
        var candidates = g.Nodes.Where(n => nodes.ContainsKey(n.Name)).Select(n => n.Name).ToList();

        foreach (var n in g.Nodes.Where(n => nodes.ContainsKey(n.Name) && n.OpType is "Conv" or "Gemm"))
        {
            var y = n.Outputs[0];
            if (outputs.Contains(y) || !readers.TryGetValue(y, out var r) || r.Count != 1) continue;
            var act = r[0];
            if (!QdqEligibility.IsFusableActivation(g, act) || act.Inputs[0] != y || exclude.Contains(act.Name) || keepFloat?.ContainsKey(act.Name) == true) continue;
            fused[n.Name] = act.Name;
            fusedOutputs[n.Name] = act.Outputs[0];
            nodes[act.Name] = QdqRole.FusedActivation;
            reasons.Remove(act.Name);
        }

        foreach (var n in g.Nodes)
        {
            if (!nodes.TryGetValue(n.Name, out var role) || role is QdqRole.FusedActivation or QdqRole.WeightOnly) continue;
            var activations = role == QdqRole.Weighted ? new[] { n.Inputs[0] } : n.Inputs.Where(i => i.Length > 0 && !g.IsInitializer(i));
            foreach (var i in activations) quantized.Add(i);
            quantized.Add(fusedOutputs.TryGetValue(n.Name, out var shared) ? shared : n.Outputs[0]);
        }

        foreach (var n in g.Nodes)
        {
            if (QdqEligibility.Of(g, n).Role != QdqRole.PassThrough) continue;
            if (keepFloat != null && keepFloat.TryGetValue(n.Name, out var why)) { reasons[n.Name] = why; continue; }
            if (exclude.Contains(n.Name)) { reasons[n.Name] = "excluded"; continue; }
            if (!quantized.Contains(n.Inputs[0])) { reasons[n.Name] = "its input is not quantized"; continue; }
            nodes[n.Name] = QdqRole.PassThrough;
            quantized.Add(n.Outputs[0]);
            shares[n.Outputs[0]] = shares.TryGetValue(n.Inputs[0], out var root) ? root : n.Inputs[0];
        }

        var order = g.Inputs.Select(i => i.Name).Concat(g.Nodes.SelectMany(n => n.Outputs)).Where(quantized.Contains).Distinct().ToList();
        return new QuantizationPlan(nodes, fused, order, shares, reasons, candidates);
    }

    /// <summary>
    /// Every float activation any plan (whatever is excluded) might quantize: the inputs and
    /// outputs of every node that can be quantized. Calibrating these once serves every search step.
    /// </summary>
    public static IReadOnlyList<string> CalibrationTensors(ModelGraph g)
    {
        var set = new HashSet<string>();
        foreach (var n in g.Nodes)
        {
            var role = QdqEligibility.Of(g, n).Role;
            bool candidate = role is not (null or QdqRole.WeightOnly) || QdqEligibility.IsFusableActivation(g, n);
            if (!candidate) continue;
            foreach (var v in n.Inputs.Take(n.OpType is "Add" or "Mul" ? 2 : 1).Append(n.Outputs[0]))
                if (v.Length > 0 && !g.IsInitializer(v) && QdqEligibility.IsFloat(g, v)) set.Add(v);
        }
        return g.Inputs.Select(i => i.Name).Concat(g.Nodes.SelectMany(n => n.Outputs)).Where(set.Contains).Distinct().ToList();
    }
}
