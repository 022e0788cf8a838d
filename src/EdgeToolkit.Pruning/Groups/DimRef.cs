using EdgeToolkit.Graph;

namespace EdgeToolkit.Pruning.Groups;

/// <summary>One axis of one value or initializer of the graph: the thing channels are indices along.</summary>
public readonly record struct DimRef(string Value, int Axis)
{
    public override string ToString() => $"{Value}[axis {Axis}]";
}

/// <summary>
/// How indices along one axis correspond to indices along a coupled axis. Most couplings are
/// the identity (an activation, an Add); Concat shifts; Flatten and Reshape spread one channel
/// over a block of indices (Expand) or gather a block of channels into one index (Collapse, a
/// head split). Each transform has an inverse, so coupling can be followed both ways.
/// </summary>
public abstract record IndexTransform
{
    public abstract IEnumerable<int> Map(int index);
    public abstract IndexTransform Inverse { get; }

    public sealed record Identity : IndexTransform
    {
        public static readonly Identity Instance = new();
        public override IEnumerable<int> Map(int index) { yield return index; }
        public override IndexTransform Inverse => this;
    }

    /// <summary>Index i of a Concat input is index i + Start of its output; outputs outside [Start, Start + Length) belong to other inputs.</summary>
    public sealed record Offset(int Start, int Length) : IndexTransform
    {
        public override IEnumerable<int> Map(int index) { yield return index + Start; }
        public override IndexTransform Inverse => new Unoffset(Start, Length);
    }

    public sealed record Unoffset(int Start, int Length) : IndexTransform
    {
        public override IEnumerable<int> Map(int index) { if (index >= Start && index < Start + Length) yield return index - Start; }
        public override IndexTransform Inverse => new Offset(Start, Length);
    }

    /// <summary>Index i covers [i * Factor, (i + 1) * Factor) of the merged axis (the outer axis of a Flatten or merging Reshape).</summary>
    public sealed record Expand(int Factor) : IndexTransform
    {
        public override IEnumerable<int> Map(int index) => Enumerable.Range(index * Factor, Factor);
        public override IndexTransform Inverse => new Collapse(Factor);
    }

    /// <summary>Index i lies in block i / Factor of the outer axis (a Reshape that splits channels into heads).</summary>
    public sealed record Collapse(int Factor) : IndexTransform
    {
        public override IEnumerable<int> Map(int index) { yield return index / Factor; }
        public override IndexTransform Inverse => new Expand(Factor);
    }
}

/// <summary>Two coupled axes: pruning index i of A removes Transform(i) of B.</summary>
public sealed record Coupling(DimRef A, DimRef B, IndexTransform Transform, Node Node);

/// <summary>What a weight axis does in its layer; magnitude importance and reports use it.</summary>
public enum MemberRole { Producer, Consumer, Passive }
