namespace EdgeToolkit.CodeGen.Emitters;

/// <summary>Kernel emitters by (domain, op type), discovered by reflection like the evaluator's OperatorRegistry.</summary>
public static class EmitterRegistry
{
    private static readonly Lazy<Dictionary<(string, string), IKernelEmitter>> All = new(Discover);

    public static IKernelEmitter? Find(string opType, string domain = "") =>
        All.Value.TryGetValue((NormalizeDomain(domain), opType), out var e) ? e : null;

    /// <summary>Op types with an emitter ("domain.Op" outside the default domain), sorted.</summary>
    public static IEnumerable<string> SupportedOps => All.Value.Keys.Select(k => k.Item1.Length > 0 ? $"{k.Item1}.{k.Item2}" : k.Item2).OrderBy(s => s, StringComparer.Ordinal);

    private static string NormalizeDomain(string d) => d == "ai.onnx" ? "" : d;

    private static Dictionary<(string, string), IKernelEmitter> Discover()
    {
        var d = new Dictionary<(string, string), IKernelEmitter>();
        foreach (var t in typeof(EmitterRegistry).Assembly.GetTypes())
        {
            if (t.IsAbstract || t.IsInterface || t.GetConstructor(Type.EmptyTypes) == null) continue;
            IEnumerable<IKernelEmitter> emitters;
            if (typeof(IKernelEmitterProvider).IsAssignableFrom(t)) emitters = ((IKernelEmitterProvider)Activator.CreateInstance(t)!).Emitters();
            else if (typeof(IKernelEmitter).IsAssignableFrom(t)) emitters = new[] { (IKernelEmitter)Activator.CreateInstance(t)! };
            else continue;
            foreach (var e in emitters)
                if (!d.TryAdd((NormalizeDomain(e.Domain), e.OpType), e))
                    throw new InvalidOperationException($"emitter for {e.OpType} registered twice ({t.Name})");
        }
        return d;
    }
}
