using System.Text.RegularExpressions;
using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Analysis;

namespace EdgeToolkit.CodeGen.Jacobian;

/// <summary>
/// One dense layer as NAME_run computes it. BiasAfterSum: a MatMul + Add pair sums the products
/// from 0 and adds the bias afterwards (a Gemm starts its sum at the bias); the Jacobian's forward
/// pass repeats whichever the graph has, so that its y is NAME_run's output bit for bit.
/// </summary>
internal sealed record JacobianLayer(MlpLayer Dense, bool BiasAfterSum)
{
    public bool HasBias => Dense.Bias.Any(b => BitConverter.SingleToUInt32Bits(b) != 0);
}

/// <summary>The MLP behind a Jacobian: MlpChain's layers, or a BadInput error that names the node in the way.</summary>
internal static partial class JacobianNetwork
{
    private const string Hint = "--jacobian needs an MLP: one float input [1 x n], then a chain of Gemm (or MatMul + Add) layers, "
        + "each optionally followed by Tanh, Relu or Sigmoid, to one output";

    public static IReadOnlyList<JacobianLayer> From(ModelGraph g)
    {
        if (!MlpChain.TryExtract(g, out var chain, out var why))
        {
            var (node, op) = Offender(g, why);
            throw new EdgeToolkitException(ErrorKind.BadInput, $"the Jacobian cannot be generated: not an MLP ({why})", g.SourcePath, node, op, Hint);
        }
        var input = g.GetInfo(chain!.InputName);
        var output = g.GetInfo(chain.OutputName);
        if (input.Type != DataType.Float32 || output.Type != DataType.Float32)
            throw new EdgeToolkitException(ErrorKind.BadInput, $"the Jacobian cannot be generated: input '{chain.InputName}' is {input.Type.OnnxName()} and output '{chain.OutputName}' is {output.Type.OnnxName()}, not float",
                g.SourcePath, hint: Hint);
        if (input.Shape.ElementCount != chain.InputCount || output.Shape.ElementCount != chain.OutputCount)
            throw new EdgeToolkitException(ErrorKind.BadInput, $"the Jacobian cannot be generated: input '{chain.InputName}' [{string.Join("x", input.Shape.ToConcrete())}] is more than one row of {chain.InputCount}",
                g.SourcePath, hint: Hint + " (batch 1: pin it with --shape)");
        return chain.Layers.Select(l => new JacobianLayer(l, g.Nodes.First(n => n.Name == l.NodeName && n.OpType is "Gemm" or "MatMul").OpType == "MatMul")).ToList();
    }

    [GeneratedRegex("'([^']*)'")]
    private static partial Regex Quoted();

    /// <summary>The node MlpChain's reason names (a node, a fused node, or a value and the node reading it), else nulls.</summary>
    private static (string? Node, string? Op) Offender(ModelGraph g, string why)
    {
        foreach (Match q in Quoted().Matches(why))
        {
            var name = q.Groups[1].Value;
            foreach (var n in g.Nodes)
            {
                if (n.Name == name) return (n.Name, n.OpType);
                if (n.Fused.FirstOrDefault(f => f.Name == name) is { } fused) return (fused.Name, fused.OpType);
            }
            if (g.Nodes.FirstOrDefault(n => n.Inputs.Contains(name)) is { } reader) return (reader.Name, reader.OpType);
        }
        return (null, null);
    }
}
