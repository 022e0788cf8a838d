using EdgeToolkit.Tflite.Schema;

namespace EdgeToolkit.Tflite.Converters;

/// <summary>The converter of each builtin op, gathered once from this assembly.</summary>
internal static class OpConverters
{
    private static readonly Lazy<Dictionary<BuiltinOperator, IOpConverter>> ByOp = new(() =>
    {
        var d = new Dictionary<BuiltinOperator, IOpConverter>();
        foreach (var type in typeof(OpConverters).Assembly.GetTypes()
                     .Where(t => !t.IsAbstract && typeof(IOpConverter).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) != null)
                     .OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            var converter = (IOpConverter)Activator.CreateInstance(type)!;
            foreach (var op in converter.Ops) d.Add(op, converter);
        }
        return d;
    });

    public static IOpConverter? For(BuiltinOperator op) => ByOp.Value.GetValueOrDefault(op);

    /// <summary>The ops the importer maps, for docs and error hints.</summary>
    public static IEnumerable<BuiltinOperator> Supported => ByOp.Value.Keys.OrderBy(o => o.ToString(), StringComparer.Ordinal);
}
