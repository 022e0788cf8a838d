namespace EdgeToolkit.Graph;

/// <summary>One dimension: a known size, or a symbolic name (e.g. "batch") whose value is not yet known.</summary>
public readonly record struct Dim(long Value, string? Symbol)
{
    public static Dim Of(long value) => new(value, null);
    public static Dim Sym(string symbol) => new(-1, symbol);
    /// <summary>Unknown and unnamed (ONNX dim with neither value nor param).</summary>
    public static readonly Dim Unknown = new(-1, null);

    public bool IsKnown => Value >= 0;
    public override string ToString() => IsKnown ? Value.ToString() : (Symbol ?? "?");
    public static implicit operator Dim(long v) => Of(v);
}

/// <summary>A shape whose dims may be symbolic. Rank may itself be unknown (Dims == null).</summary>
public sealed class SymShape : IEquatable<SymShape>
{
    public IReadOnlyList<Dim>? Dims { get; }
    public SymShape(IEnumerable<Dim>? dims) { Dims = dims?.ToArray(); }
    public static SymShape UnknownRank { get; } = new(null);
    public static SymShape Of(params long[] dims) => new(dims.Select(Dim.Of));
    public static SymShape Scalar { get; } = new(Array.Empty<Dim>());

    public bool HasRank => Dims != null;
    public int Rank => Dims?.Count ?? throw new InvalidOperationException("shape has unknown rank");
    public bool IsConcrete => Dims != null && Dims.All(d => d.IsKnown);
    public Dim this[int i] => Dims![i];

    /// <summary>The concrete shape; throws when a dim is symbolic.</summary>
    public int[] ToConcrete() => IsConcrete
        ? Dims!.Select(d => checked((int)d.Value)).ToArray()
        : throw new InvalidOperationException($"shape {this} is not concrete");

    public long? ElementCount => IsConcrete ? Dims!.Aggregate(1L, (a, d) => a * d.Value) : null;

    public override string ToString() => Dims == null ? "[?]" : "[" + string.Join("x", Dims) + "]";
    public bool Equals(SymShape? other) => other != null && (Dims == null ? other.Dims == null : other.Dims != null && Dims.SequenceEqual(other.Dims));
    public override bool Equals(object? obj) => Equals(obj as SymShape);
    public override int GetHashCode() => Dims == null ? 0 : Dims.Aggregate(17, (h, d) => h * 31 + d.GetHashCode());
    public static SymShape FromConcrete(IEnumerable<int> dims) => new(dims.Select(d => Dim.Of(d)));
}
