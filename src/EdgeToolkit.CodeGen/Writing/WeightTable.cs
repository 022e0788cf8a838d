using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Writing;

/// <summary>One const array of the weights file.</summary>
internal sealed record WeightArray(string Symbol, string Source, Tensor Value)
{
    public long Bytes => (long)Value.Length * Value.Type.SizeOf();
    public string Declaration => $"const {Value.Type.CType()} {Symbol}[{Math.Max(1, Value.Length)}]";
}

/// <summary>
/// The weights a model's kernels read. Initializer inputs are reserved under a symbol and only
/// emitted when a kernel's code names them (an emitter that re-lays a weight out with
/// AddConstant leaves the original unused, and it must not cost flash).
/// </summary>
internal sealed class WeightTable(string prefix, SymbolTable symbols)
{
    private readonly Dictionary<string, WeightArray> _reserved = new(StringComparer.Ordinal);
    private readonly Dictionary<Tensor, WeightArray> _added = new(ReferenceEqualityComparer.Instance);
    private readonly List<WeightArray> _emitted = new();

    public IReadOnlyList<WeightArray> Emitted => _emitted;
    public long Bytes => _emitted.Sum(w => w.Bytes);

    /// <summary>The symbol an initializer will have if a kernel uses it.</summary>
    public string Reserve(string initializer, Tensor value)
    {
        if (!_reserved.TryGetValue(initializer, out var w))
            _reserved[initializer] = w = new WeightArray(symbols.Unique(prefix + "_" + initializer), initializer, Check(value, initializer));
        return w.Symbol;
    }

    /// <summary>Emits the reserved initializers whose symbol the code mentions.</summary>
    public void ConfirmUsed(string code)
    {
        foreach (var w in _reserved.Values)
            if (!_emitted.Contains(w) && CodeText.Mentions(code, w.Symbol)) _emitted.Add(w);
    }

    /// <summary>A new array (e.g. a re-laid-out weight) named after name; the same tensor object gives the same symbol.</summary>
    public string Add(string name, Tensor value)
    {
        if (_added.TryGetValue(value, out var w)) return w.Symbol;
        w = new WeightArray(symbols.Unique(prefix + "_" + name), name, Check(value, name));
        _added[value] = w;
        _emitted.Add(w);
        return w.Symbol;
    }

    private static Tensor Check(Tensor t, string name) => t.Type is DataType.String or DataType.Float16
        ? throw new EdgeToolkitException(ErrorKind.BadInput, $"constant '{name}' is {t.Type.OnnxName()}, which generated C cannot hold") { Unsupported = true }
        : t;
}
