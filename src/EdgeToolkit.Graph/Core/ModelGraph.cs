namespace EdgeToolkit.Graph;

/// <summary>
/// The one in-memory model every stage shares: a topologically ordered list of nodes over named
/// values, with graph inputs, outputs and constant initializers. Knows no file format.
/// </summary>
public sealed class ModelGraph
{
    public string Name { get; set; } = "model";
    /// <summary>Where the graph came from (file path), for error messages; null if built in memory.</summary>
    public string? SourcePath { get; set; }
    /// <summary>Opset of the default ONNX domain the graph was written for.</summary>
    public int Opset { get; set; } = 17;
    /// <summary>Other operator-set imports (domain -> version), kept for round trips.</summary>
    public Dictionary<string, int> ExtraOpsets { get; } = new();

    /// <summary>Runtime inputs (initializers are never listed here).</summary>
    public List<ValueInfo> Inputs { get; } = new();
    public List<ValueInfo> Outputs { get; } = new();
    public Dictionary<string, Tensor> Initializers { get; } = new();
    public List<Node> Nodes { get; } = new();
    /// <summary>Known type and shape of intermediate values (filled by shape inference or the importer).</summary>
    public Dictionary<string, ValueInfo> ValueInfos { get; } = new();
    /// <summary>Free-form metadata (producer, doc strings, model card keys), kept on round trips.</summary>
    public Dictionary<string, string> Metadata { get; } = new();

    public bool IsInitializer(string name) => Initializers.ContainsKey(name);
    public bool IsGraphInput(string name) => Inputs.Any(i => i.Name == name);

    /// <summary>Type and shape of any value: graph input, initializer, or inferred intermediate/output.</summary>
    public ValueInfo? TryGetInfo(string name)
    {
        if (Initializers.TryGetValue(name, out var t)) return t.Info(name);
        foreach (var i in Inputs) if (i.Name == name) return i;
        if (ValueInfos.TryGetValue(name, out var v)) return v;
        foreach (var o in Outputs) if (o.Name == name) return o;
        return null;
    }

    public ValueInfo GetInfo(string name) => TryGetInfo(name)
        ?? throw new EdgeToolkitException(ErrorKind.BadInput, $"value '{name}' has no known type or shape", file: SourcePath,
            hint: "run shape inference first, or pin its shape with --shape");

    /// <summary>Map from value name to the node producing it.</summary>
    public Dictionary<string, Node> Producers()
    {
        var d = new Dictionary<string, Node>();
        foreach (var n in Nodes) foreach (var o in n.Outputs) if (o.Length > 0) d[o] = n;
        return d;
    }

    /// <summary>Map from value name to the nodes reading it (including extra inputs of fused post-ops and subgraph captures of If nodes).</summary>
    public Dictionary<string, List<Node>> Consumers()
    {
        var d = new Dictionary<string, List<Node>>();
        foreach (var n in Nodes)
            foreach (var i in n.Inputs.Concat(n.Fused.SelectMany(f => f.Inputs.Skip(1))).Concat(SubgraphCaptures(n)))
                if (i.Length > 0)
                {
                    if (!d.TryGetValue(i, out var l)) d[i] = l = new List<Node>();
                    if (!l.Contains(n)) l.Add(n);
                }
        return d;
    }

    /// <summary>Outer-scope values that subgraphs (If/Loop bodies) of a node read.</summary>
    public static IEnumerable<string> SubgraphCaptures(Node n)
    {
        foreach (var a in n.Attributes.Values)
        {
            var gs = a.G != null ? new[] { a.G } : a.Graphs ?? Array.Empty<ModelGraph>();
            foreach (var g in gs)
            {
                var local = new HashSet<string>(g.Initializers.Keys.Concat(g.Inputs.Select(i => i.Name)));
                foreach (var sn in g.Nodes)
                {
                    foreach (var i in sn.Inputs.Concat(SubgraphCaptures(sn)))
                        if (i.Length > 0 && !local.Contains(i)) yield return i;
                    foreach (var o in sn.Outputs) local.Add(o);
                }
                foreach (var o in g.Outputs) if (!local.Contains(o.Name)) yield return o.Name;
            }
        }
    }

    /// <summary>
    /// Reorders Nodes topologically (stable: among the nodes ready to run, the earliest listed goes
    /// first, so a sorted list stays as it is). Linear in the graph's size, however the file lists
    /// its nodes. Throws a clear error on a cycle (naming a node on it) or a value nobody produces.
    /// </summary>
    public void SortTopologically()
    {
        var available = new HashSet<string>(Inputs.Select(i => i.Name).Concat(Initializers.Keys)) { "" };
        var produced = new HashSet<string>(Nodes.SelectMany(n => n.Outputs));
        var needs = Nodes.Select(n => n.Inputs.Concat(SubgraphCaptures(n)).Where(v => !available.Contains(v)).Distinct().ToList()).ToList();
        var waiting = new int[Nodes.Count];
        var readers = new Dictionary<string, List<int>>();
        for (int k = 0; k < Nodes.Count; k++)
            foreach (var v in needs[k])
            {
                if (!produced.Contains(v))
                {
                    if (IsOuterScope(v)) continue;
                    throw new EdgeToolkitException(ErrorKind.BadInput, $"input '{v}' is produced by no node, initializer or graph input",
                        file: SourcePath, node: Nodes[k].Name, op: Nodes[k].OpType, hint: "the model file is malformed; re-export it");
                }
                if (!readers.TryGetValue(v, out var list)) readers[v] = list = new List<int>();
                list.Add(k);
                waiting[k]++;
            }

        var ready = new PriorityQueue<int, int>();
        for (int k = 0; k < Nodes.Count; k++) if (waiting[k] == 0) ready.Enqueue(k, k);
        var sorted = new List<Node>(Nodes.Count);
        while (ready.TryDequeue(out int k, out _))
        {
            sorted.Add(Nodes[k]);
            foreach (var o in Nodes[k].Outputs)
                if (available.Add(o) && readers.TryGetValue(o, out var list))
                    foreach (var r in list) if (--waiting[r] == 0) ready.Enqueue(r, r);
        }
        if (sorted.Count < Nodes.Count) throw CycleError(needs, available);
        Nodes.Clear(); Nodes.AddRange(sorted);
    }

    /// <summary>
    /// Names a node on the cycle: from the first node left waiting, follow the producer of a value
    /// it waits for until a node repeats (a node merely downstream of a cycle also waits).
    /// </summary>
    private EdgeToolkitException CycleError(List<List<string>> needs, HashSet<string> available)
    {
        var producer = new Dictionary<string, int>();
        for (int k = 0; k < Nodes.Count; k++) foreach (var o in Nodes[k].Outputs) producer.TryAdd(o, k);
        string Awaited(int k) => needs[k].First(v => !available.Contains(v) && producer.ContainsKey(v));

        int node = Enumerable.Range(0, Nodes.Count).First(k => needs[k].Any(v => !available.Contains(v) && producer.ContainsKey(v)));
        var seen = new HashSet<int>();
        while (seen.Add(node)) node = producer[Awaited(node)];
        return new EdgeToolkitException(ErrorKind.BadInput, $"the graph has a cycle through value '{Awaited(node)}'",
            file: SourcePath, node: Nodes[node].Name, op: Nodes[node].OpType, hint: "the model file is malformed; re-export it");
    }

    /// <summary>Names visible from an enclosing graph (set for subgraphs by the importer).</summary>
    public HashSet<string> OuterScope { get; } = new();
    private bool IsOuterScope(string name) => OuterScope.Contains(name);

    /// <summary>A name not used by any value or node yet, starting from a base.</summary>
    public string FreshName(string baseName)
    {
        var used = new HashSet<string>(Nodes.SelectMany(n => n.Outputs.Append(n.Name)).Concat(Initializers.Keys).Concat(Inputs.Select(i => i.Name)));
        if (!used.Contains(baseName)) return baseName;
        for (int k = 1; ; k++) if (!used.Contains($"{baseName}_{k}")) return $"{baseName}_{k}";
    }

    /// <summary>Deep enough copy for passes: new node/list objects; tensors are shared (treated as immutable).</summary>
    public ModelGraph Clone()
    {
        var g = new ModelGraph { Name = Name, SourcePath = SourcePath, Opset = Opset };
        foreach (var kv in ExtraOpsets) g.ExtraOpsets[kv.Key] = kv.Value;
        g.Inputs.AddRange(Inputs); g.Outputs.AddRange(Outputs);
        foreach (var kv in Initializers) g.Initializers[kv.Key] = kv.Value;
        foreach (var kv in ValueInfos) g.ValueInfos[kv.Key] = kv.Value;
        foreach (var kv in Metadata) g.Metadata[kv.Key] = kv.Value;
        foreach (var s in OuterScope) g.OuterScope.Add(s);
        foreach (var n in Nodes) g.Nodes.Add(CloneNode(n));
        return g;
    }

    public static Node CloneNode(Node n)
    {
        var c = new Node(n.Name, n.OpType, n.Inputs, n.Outputs, n.Domain);
        foreach (var kv in n.Attributes) c.Attributes[kv.Key] = kv.Value;
        foreach (var f in n.Fused) c.Fused.Add(CloneNode(f));
        return c;
    }

    public override string ToString() => $"graph '{Name}': {Inputs.Count} inputs, {Outputs.Count} outputs, {Nodes.Count} nodes, {Initializers.Count} initializers";
}
