using Onnx;
using AttrType = Onnx.AttributeProto.Types.AttributeType;

namespace EdgeToolkit.Onnx.Fuzzing;

/// <summary>Damage to the graph's wiring and structure: cycles, clashing or dangling names, attributes, nesting, operators, opsets.</summary>
internal static class GraphMutations
{
    private const string Node = nameof(NodeProto), Graph = nameof(GraphProto);

    /// <summary>Op types whose rules read sizes from their inputs or attributes: the likeliest to be fooled.</summary>
    private static readonly string[] OpTypes =
    {
        "If", "Loop", "Scan", "Constant", "Reshape", "Conv", "ConstantOfShape", "Expand", "Tile", "Range", "Resize", "Gather",
        "Concat", "Split", "Pad", "Slice", "TopK", "Transpose", "MatMul", "Gemm", "LSTM", "Squeeze", "Unsqueeze", "CumSum",
        "OneHot", "Shape", "Flatten", "Einsum", "DepthToSpace", "", "NoSuchOp",
    };

    public static IEnumerable<WireMutation> All() => new WireMutation[]
    {
        new("cycle", Cycle),
        new("duplicate-name", DuplicateName),
        new("dangling-name", DanglingName),
        new("attributes-multiplied", AttributesMultiplied),
        new("attribute-type", AttributeType),
        new("subgraph-nesting", SubgraphNesting),
        new("opset-import", OpsetImport),
        new("op-type", OpType),
        new("node-order", NodeOrder),
        new("long-chain", LongChain),
    };

    private static WireField? Nth(WireMessage m, int number, int index) => m.All(number).ElementAtOrDefault(index);

    /// <summary>Feeds a node the output of itself or of a later node (seeds are topologically sorted, so later nodes usually depend on it).</summary>
    private static string? Cycle(MutationInput m)
    {
        var graphs = m.OfType(Graph).Where(g => g.Children(GraphProto.NodeFieldNumber).Any(n => n.First(NodeProto.InputFieldNumber) != null)).ToList();
        if (m.Pick(graphs) is not { } g) return null;
        var nodes = g.Children(GraphProto.NodeFieldNumber).ToList();
        var withInputs = Enumerable.Range(0, nodes.Count).Where(i => nodes[i].First(NodeProto.InputFieldNumber) != null).ToList();
        int a = withInputs[m.Rng.Next(withInputs.Count)];
        int b = a + m.Rng.Next(Math.Min(3, nodes.Count - a));
        if (nodes[b].First(NodeProto.OutputFieldNumber) is not { } output) return null;
        var inputs = nodes[a].All(NodeProto.InputFieldNumber).ToList();
        inputs[m.Rng.Next(inputs.Count)].Text = output.Text;
        return a == b ? $"node {a} reads its own output '{output.Text}'" : $"node {a} reads '{output.Text}' of node {b}";
    }

    private static string? DuplicateName(MutationInput m)
    {
        var nodes = m.OfType(Node).Where(n => n.First(NodeProto.OutputFieldNumber) != null).ToList();
        switch (m.Rng.Next(3))
        {
            case 0 when nodes.Count >= 2:
                var (x, y) = (m.Pick(nodes)!, m.Pick(nodes)!);
                x.First(NodeProto.OutputFieldNumber)!.Text = y.First(NodeProto.OutputFieldNumber)!.Text;
                return $"two nodes produce '{y.First(NodeProto.OutputFieldNumber)!.Text}'";
            case 1:
                var tensors = m.OfType(nameof(TensorProto)).Where(t => t.First(TensorProto.NameFieldNumber) != null).ToList();
                if (tensors.Count < 2) return null;
                var (s, t) = (m.Pick(tensors)!, m.Pick(tensors)!);
                s.SetText(TensorProto.NameFieldNumber, t.First(TensorProto.NameFieldNumber)!.Text);
                return $"two tensors named '{t.First(TensorProto.NameFieldNumber)!.Text}'";
            default:
                var infos = m.OfType(nameof(ValueInfoProto));
                if (infos.Count == 0 || nodes.Count == 0) return null;
                var name = m.Pick(nodes)!.First(NodeProto.OutputFieldNumber)!.Text;
                m.Pick(infos)!.SetText(ValueInfoProto.NameFieldNumber, name);
                return $"a graph input or output renamed to the node output '{name}'";
        }
    }

    private static string? DanglingName(MutationInput m)
    {
        var fields = m.OfType(Node).SelectMany(n => n.All(NodeProto.InputFieldNumber).Concat(n.All(NodeProto.OutputFieldNumber)))
            .Concat(m.OfType(nameof(ValueInfoProto)).SelectMany(v => v.All(ValueInfoProto.NameFieldNumber))).ToList();
        if (m.Pick(fields) is not { } f) return null;
        string[] names = { "", "nobody_makes_this", " ", "\0", new string('x', 10_000) };
        var before = f.Text;
        f.Text = names[m.Rng.Next(names.Length)];
        return $"value '{Short(before)}' renamed to '{Short(f.Text)}'";
    }

    /// <summary>A node whose attribute list is repeated or padded to tens of thousands of entries.</summary>
    private static string? AttributesMultiplied(MutationInput m)
    {
        if (m.Pick(m.OfType(Node)) is not { } n) return null;
        var attributes = n.All(NodeProto.AttributeFieldNumber).ToList();
        int total = m.Rng.Next(2) == 0 ? 1000 : 100_000;
        if (attributes.Count > 0 && m.Rng.Next(2) == 0)
        {
            // Shared copies keep the fuzzer's memory flat; the budget keeps the file (a whole subgraph per copy) affordable.
            total = attributes.Min(a => StructureMutations.AffordableCopies(a, total));
            n.Fields.AddRange(Enumerable.Range(0, total).Select(i => attributes[i % attributes.Count]));
            return $"{attributes.Count} attributes repeated to {attributes.Count + total}";
        }
        for (int i = 0; i < total; i++)
        {
            var a = new WireMessage(AttributeProto.Descriptor);
            a.SetText(AttributeProto.NameFieldNumber, $"extra_{i}");
            a.SetVarint(AttributeProto.TypeFieldNumber, (ulong)AttrType.Int);
            a.SetVarint(AttributeProto.IFieldNumber, (ulong)i);
            n.Fields.Add(WireField.OfMessage(NodeProto.AttributeFieldNumber, a));
        }
        return $"{total} distinct attributes added";
    }

    /// <summary>An attribute declaring a type other than the value it carries.</summary>
    private static string? AttributeType(MutationInput m)
    {
        if (m.Pick(m.OfType(nameof(AttributeProto))) is not { } a) return null;
        ulong type = m.Rng.Next(4) == 0 ? m.HostileNumber(0) : (ulong)m.Rng.Next(0, 16);
        a.SetVarint(AttributeProto.TypeFieldNumber, type);
        return $"attribute type -> {(long)type}";
    }

    /// <summary>Wraps a graph in a chain of If nodes, each the then-branch of the next: shallow, deep, and deeper than protobuf allows.</summary>
    private static string? SubgraphNesting(MutationInput m)
    {
        var owners = m.Model.AllFields().Where(x => x.Field.Message?.TypeName == Graph).ToList();
        if (owners.Count == 0) return null;
        var (_, field) = owners[m.Rng.Next(owners.Count)];
        int[] depths = { 2, 8, 20, 30, 40, 200 };
        int depth = depths[m.Rng.Next(depths.Length)];
        var inner = field.Message!;
        var outputs = inner.Children(GraphProto.OutputFieldNumber).ToList();
        for (int d = 0; d < depth; d++)
        {
            var wrapper = new WireMessage(GraphProto.Descriptor);
            wrapper.SetText(GraphProto.NameFieldNumber, $"nest_{d}");
            var ifNode = new WireMessage(NodeProto.Descriptor);
            ifNode.SetText(NodeProto.OpTypeFieldNumber, "If");
            ifNode.SetText(NodeProto.NameFieldNumber, $"if_{d}");
            ifNode.Fields.Add(WireField.OfString(NodeProto.InputFieldNumber, "nest_cond"));
            foreach (var o in outputs) ifNode.Fields.Add(WireField.OfBytes(NodeProto.OutputFieldNumber, o.First(ValueInfoProto.NameFieldNumber)?.Payload ?? Array.Empty<byte>()));
            foreach (var branch in new[] { "then_branch", "else_branch" })
            {
                var a = new WireMessage(AttributeProto.Descriptor);
                a.SetText(AttributeProto.NameFieldNumber, branch);
                a.SetVarint(AttributeProto.TypeFieldNumber, (ulong)AttrType.Graph);
                // Protobuf has no references: a branch shared by both sides is written twice, so
                // each level would double the file. Only the shallowest chain has both.
                a.Fields.Add(WireField.OfMessage(AttributeProto.GFieldNumber, branch == "then_branch" || depth <= 2 ? inner : new WireMessage(GraphProto.Descriptor)));
                ifNode.Fields.Add(WireField.OfMessage(NodeProto.AttributeFieldNumber, a));
            }
            wrapper.Fields.Add(WireField.OfMessage(GraphProto.NodeFieldNumber, ifNode));
            foreach (var o in outputs) wrapper.Fields.Add(WireField.OfMessage(GraphProto.OutputFieldNumber, o));
            inner = wrapper;
        }
        field.Message = inner;
        return $"graph wrapped in {depth} nested Ifs";
    }

    private static string? OpsetImport(MutationInput m)
    {
        var imports = m.Model.All(ModelProto.OpsetImportFieldNumber).ToList();
        switch (m.Rng.Next(4))
        {
            case 0:
                m.Model.Fields.RemoveAll(f => f.Number == ModelProto.OpsetImportFieldNumber);
                return "opset imports removed";
            case 1 when imports.Count > 0:
                var copy = imports[m.Rng.Next(imports.Count)].Clone();
                copy.Message?.SetVarint(OperatorSetIdProto.VersionFieldNumber, (ulong)m.Rng.Next(1, 30));
                m.Model.Fields.Add(copy);
                return "an opset imported twice with different versions";
            case 2 when imports.Count > 0:
                string[] domains = { "", "ai.onnx", "ai.onnx.ml", "com.microsoft", "\u00e9\u00e9", new string('d', 5000) };
                var domain = domains[m.Rng.Next(domains.Length)];
                imports[m.Rng.Next(imports.Count)].Message?.SetText(OperatorSetIdProto.DomainFieldNumber, domain);
                return $"opset domain -> '{Short(domain)}'";
            default:
                if (imports.Count == 0) return null;
                var version = m.HostileNumber(13);
                imports[m.Rng.Next(imports.Count)].Message?.SetVarint(OperatorSetIdProto.VersionFieldNumber, version);
                return $"opset version -> {(long)version}";
        }
    }

    private static string? OpType(MutationInput m)
    {
        if (m.Pick(m.OfType(Node)) is not { } n) return null;
        if (m.Rng.Next(4) == 0)
        {
            string[] domains = { "ai.onnx", "com.microsoft", "ai.onnx.ml", "custom" };
            n.SetText(NodeProto.DomainFieldNumber, domains[m.Rng.Next(domains.Length)]);
            return "node domain changed";
        }
        var op = OpTypes[m.Rng.Next(OpTypes.Length)];
        n.SetText(NodeProto.OpTypeFieldNumber, op);
        return $"node op type -> '{op}'";
    }

    /// <summary>The node list reversed or shuffled: ONNX wants it sorted, the importer sorts it itself.</summary>
    private static string? NodeOrder(MutationInput m)
    {
        var graphs = m.OfType(Graph).Where(g => g.All(GraphProto.NodeFieldNumber).Count() > 1).ToList();
        if (m.Pick(graphs) is not { } g) return null;
        var nodes = g.All(GraphProto.NodeFieldNumber).ToList();
        g.Fields.RemoveAll(f => f.Number == GraphProto.NodeFieldNumber);
        bool reverse = m.Rng.Next(2) == 0;
        if (reverse) nodes.Reverse(); else nodes = nodes.OrderBy(_ => m.Rng.Next()).ToList();
        g.Fields.AddRange(nodes);
        return reverse ? $"{nodes.Count} nodes in reverse order" : $"{nodes.Count} nodes shuffled";
    }

    /// <summary>
    /// Thousands of nodes in one chain after a value of the graph, listed last to first: anything
    /// quadratic in the node count (sorting, naming, folding) shows here as a slow case.
    /// </summary>
    private static string? LongChain(MutationInput m)
    {
        var graphs = m.OfType(Graph).Where(g => g.First(GraphProto.OutputFieldNumber) != null).ToList();
        if (m.Pick(graphs) is not { } g) return null;
        var output = g.Children(GraphProto.OutputFieldNumber).First();
        var start = output.First(ValueInfoProto.NameFieldNumber)?.Text ?? "";
        int length = m.Rng.Next(2) == 0 ? 2_000 : 10_000;
        string[] ops = { "Identity", "Relu", "Neg", "Abs", "Dropout", "Sigmoid" };
        var op = ops[m.Rng.Next(ops.Length)];
        var chain = new List<WireField>();
        for (int i = 0; i < length; i++)
        {
            var n = new WireMessage(NodeProto.Descriptor);
            n.Fields.Add(WireField.OfString(NodeProto.InputFieldNumber, i == 0 ? start : $"chain_{i - 1}"));
            n.Fields.Add(WireField.OfString(NodeProto.OutputFieldNumber, $"chain_{i}"));
            n.SetText(NodeProto.OpTypeFieldNumber, op);
            chain.Add(WireField.OfMessage(GraphProto.NodeFieldNumber, n));
        }
        chain.Reverse();
        g.Fields.AddRange(chain);
        output.SetText(ValueInfoProto.NameFieldNumber, $"chain_{length - 1}");
        return $"{length} {op} nodes chained after '{start}', listed last to first";
    }

    private static string Short(string s) => s.Length > 20 ? $"{s[..10]}... ({s.Length} chars)" : s;
}
