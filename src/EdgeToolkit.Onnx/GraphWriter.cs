using EdgeToolkit.Graph;
using Onnx;

namespace EdgeToolkit.Onnx;

/// <summary>ModelGraph -> GraphProto, recursively for subgraphs, with fused nodes written unfused.</summary>
internal static class GraphWriter
{
    /// <param name="irVersion">
    /// IR 3 requires every initializer to be listed as a graph input too; subgraph inputs are
    /// positional (If takes none), so there constants are written as Constant nodes instead.
    /// </param>
    public static GraphProto Write(ModelGraph g, long irVersion, bool isSubgraph = false)
    {
        var gp = new GraphProto { Name = g.Name };
        var outputNames = new HashSet<string>(g.Outputs.Select(o => o.Name));
        bool legacyIr = irVersion < 4;

        foreach (var (name, value) in g.Initializers)
        {
            // A graph output that is a constant is written as a Constant node: runtimes differ on
            // whether an initializer may be a graph output, a Constant node is valid everywhere.
            if (outputNames.Contains(name) || legacyIr && isSubgraph)
                gp.Node.Add(ConstantNode(name, value));
            else
            {
                gp.Initializer.Add(TensorProtoFile.ToProto(name, value));
                if (legacyIr) gp.Input.Add(ValueInfoConverter.ToProto(value.Info(name)));
            }
        }
        foreach (var i in g.Inputs) gp.Input.Add(ValueInfoConverter.ToProto(i));
        foreach (var o in g.Outputs) gp.Output.Add(ValueInfoConverter.ToProto(BestOutputInfo(g, o)));

        var declared = new HashSet<string>(g.Inputs.Select(i => i.Name).Concat(outputNames).Concat(g.Initializers.Keys));
        // An entry without a type (a sequence, say) carries nothing a runtime could use.
        foreach (var (name, info) in g.ValueInfos)
            if (!declared.Contains(name) && info.Type != DataType.Undefined) gp.ValueInfo.Add(ValueInfoConverter.ToProto(info with { Name = name }));

        var used = UsedNames(g);
        foreach (var n in g.Nodes)
            foreach (var plain in FusedNodeExpander.Expand(n, used))
                gp.Node.Add(WriteNode(plain, irVersion));
        return gp;
    }

    /// <summary>Builders declare outputs without shapes; shape inference may know more since.</summary>
    private static ValueInfo BestOutputInfo(ModelGraph g, ValueInfo declared) =>
        !declared.Shape.HasRank && g.ValueInfos.TryGetValue(declared.Name, out var inferred) && inferred.Type != DataType.Undefined
            ? inferred with { Name = declared.Name }
            : declared;

    private static NodeProto WriteNode(Node n, long irVersion)
    {
        var np = new NodeProto { Name = n.Name, OpType = n.OpType, Domain = n.Domain };
        np.Input.AddRange(n.Inputs);
        np.Output.AddRange(n.Outputs);
        foreach (var a in n.Attributes.Values)
            np.Attribute.Add(AttributeWriter.Write(a, sub => Write(sub, irVersion, isSubgraph: true)));
        return np;
    }

    private static NodeProto ConstantNode(string output, Tensor value)
    {
        var np = new NodeProto { Name = output, OpType = "Constant" };
        np.Output.Add(output);
        np.Attribute.Add(new AttributeProto
        {
            Name = "value", Type = AttributeProto.Types.AttributeType.Tensor, T = TensorProtoFile.ToProto("", value),
        });
        return np;
    }

    private static HashSet<string> UsedNames(ModelGraph g)
    {
        var used = new HashSet<string>(g.Inputs.Select(i => i.Name).Concat(g.Outputs.Select(o => o.Name))
            .Concat(g.Initializers.Keys).Concat(g.ValueInfos.Keys).Concat(g.OuterScope));
        foreach (var n in g.Nodes)
        {
            used.UnionWith(n.Inputs); used.UnionWith(n.Outputs);
            // Post-ops' first inputs (and all but the last one's outputs) name values fusion removed:
            // free to reuse when unfusing. The last output is the producer's own output.
            foreach (var f in n.Fused) used.UnionWith(f.Inputs.Skip(1));
        }
        return used;
    }
}
