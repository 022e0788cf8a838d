namespace EdgeToolkit.Training.Tuning.TorchOps;

/// <summary>The torch rules by op type (default ONNX domain), found by reflection like the graph's OperatorRegistry.</summary>
public static class TorchOpRegistry
{
    private static readonly Lazy<Dictionary<string, ITorchOp>> All = new(Discover);

    public static ITorchOp? Find(string opType, string domain = "") =>
        domain is "" or "ai.onnx" && All.Value.TryGetValue(opType, out var op) ? op : null;

    public static IEnumerable<string> SupportedOps => All.Value.Keys.Order();

    private static Dictionary<string, ITorchOp> Discover()
    {
        var d = new Dictionary<string, ITorchOp>();
        foreach (var t in typeof(TorchOpRegistry).Assembly.GetTypes())
        {
            if (t.IsAbstract || t.IsInterface || !t.IsPublic || t.GetConstructor(Type.EmptyTypes) == null) continue;
            IEnumerable<ITorchOp> ops;
            if (typeof(ITorchOpProvider).IsAssignableFrom(t)) ops = ((ITorchOpProvider)Activator.CreateInstance(t)!).Ops();
            else if (typeof(ITorchOp).IsAssignableFrom(t)) ops = new[] { (ITorchOp)Activator.CreateInstance(t)! };
            else continue;
            foreach (var op in ops)
                if (!d.TryAdd(op.OpType, op)) throw new InvalidOperationException($"torch rule for {op.OpType} registered twice ({t.Name})");
        }
        return d;
    }
}
