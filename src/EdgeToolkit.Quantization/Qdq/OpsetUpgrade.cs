using EdgeToolkit.Graph;

namespace EdgeToolkit.Quantization.Qdq;

/// <summary>
/// Per-axis QuantizeLinear/DequantizeLinear need opset 13, so an older graph is moved to 13:
/// the operators whose attributes became inputs on the way are rewritten (Clip at 11; Squeeze,
/// Unsqueeze, ReduceSum, Split at 13), and a Softmax-family node whose old "flatten at axis"
/// meaning differs from opset 13's single axis is refused rather than silently changed.
/// int16 QuantizeLinear/DequantizeLinear (16x8 activations) need opset 21: from 13, the other
/// Reduce ops take their axes as an input (18), GridSample renames its modes (20), and
/// GroupNormalization (21) and DFT (20) change meaning or signature and are refused.
/// </summary>
public static class OpsetUpgrade
{
    public const int Target = 13;
    public const int Int16Target = 21;

    /// <summary>Rewrites the graph for opset 13; returns a note, or null when it already was 13 or later.</summary>
    public static string? To13(ModelGraph g)
    {
        if (g.Opset >= Target) return null;
        int from = g.Opset;
        foreach (var n in g.Nodes.Where(n => n.Domain.Length == 0).ToList())
        {
            switch (n.OpType)
            {
                case "Clip" when from < 11:
                    MoveFloatsToInputs(g, n);
                    break;
                case "Squeeze" or "Unsqueeze" or "ReduceSum" when n.HasAttribute("axes"):
                    AttributeToInput(g, n, "axes", 1);
                    break;
                case "Split" when n.HasAttribute("split"):
                    AttributeToInput(g, n, "split", 1);
                    break;
                case "Softmax" or "LogSoftmax" or "Hardmax":
                    RequireSameSoftmax(g, n);
                    break;
            }
        }
        g.Opset = Target;
        return $"opset raised from {from} to {Target} (per-channel QuantizeLinear/DequantizeLinear need it)";
    }

    /// <summary>Rewrites a graph already at opset 13 or later for opset 21; returns a note, or null when it already was 21.</summary>
    public static string? To21(ModelGraph g)
    {
        if (g.Opset >= Int16Target) return null;
        if (g.Opset < Target) throw new InvalidOperationException("raise the graph to opset 13 first (To13)");
        int from = g.Opset;
        foreach (var n in g.Nodes.Where(n => n.Domain.Length == 0).ToList())
        {
            switch (n.OpType)
            {
                case "ReduceMean" or "ReduceMax" or "ReduceMin" or "ReduceProd" or "ReduceL1" or "ReduceL2" or "ReduceLogSum"
                    or "ReduceLogSumExp" or "ReduceSumSquare" when from < 18 && n.HasAttribute("axes"):
                    AttributeToInput(g, n, "axes", 1);
                    break;
                case "GridSample" when from < 20 && n.HasAttribute("mode"):
                    var mode = n.GetString("mode", "bilinear");
                    n.Attributes["mode"] = NodeAttribute.Of("mode", mode switch { "bilinear" => "linear", "bicubic" => "cubic", _ => mode });
                    break;
                case "GroupNormalization" or "DFT":
                    throw new EdgeToolkitException(ErrorKind.BadInput,
                        $"{n.OpType} changes meaning or signature between opset {from} and {Int16Target}, which int16 QuantizeLinear/DequantizeLinear need",
                        file: g.SourcePath, node: n.Name, op: n.OpType, hint: "re-export the model with opset 21, or quantize with --activations int8");
            }
        }
        g.Opset = Int16Target;
        return $"opset raised from {from} to {Int16Target} (int16 QuantizeLinear/DequantizeLinear need it)";
    }

    private static void AttributeToInput(ModelGraph g, Node n, string attribute, int input)
    {
        var values = n.GetInts(attribute)!;
        var name = g.FreshName($"{n.Name}_{attribute}");
        g.Initializers[name] = Tensor.Vector(values);
        while (n.Inputs.Count < input) n.Inputs.Add("");
        n.Inputs.Insert(input, name);
        n.Attributes.Remove(attribute);
    }

    private static void MoveFloatsToInputs(ModelGraph g, Node n)
    {
        var min = n.GetFloat("min", float.MinValue);
        var max = n.GetFloat("max", float.MaxValue);
        string lo = g.FreshName($"{n.Name}_min");
        g.Initializers[lo] = Tensor.Scalar(min);
        string hi = g.FreshName($"{n.Name}_max");
        g.Initializers[hi] = Tensor.Scalar(max);
        n.Inputs.RemoveRange(1, n.Inputs.Count - 1);
        n.Inputs.Add(lo); n.Inputs.Add(hi);
        n.Attributes.Remove("min"); n.Attributes.Remove("max");
    }

    private static void RequireSameSoftmax(ModelGraph g, Node n)
    {
        var shape = g.TryGetInfo(n.Inputs[0])?.Shape;
        long axis = n.GetInt("axis", 1);
        if (shape is { HasRank: true } s && (axis < 0 ? axis + s.Rank : axis) == s.Rank - 1) return;
        throw new EdgeToolkitException(ErrorKind.BadInput,
            $"{n.OpType} over a rank {(shape is { HasRank: true } r ? r.Rank.ToString() : "unknown")} input at axis {axis} means something else from opset 13 on, which per-channel quantization needs",
            file: g.SourcePath, node: n.Name, op: n.OpType, hint: "re-export the model with opset 13 or later");
    }
}
