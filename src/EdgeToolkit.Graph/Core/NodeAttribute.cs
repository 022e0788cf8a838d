namespace EdgeToolkit.Graph;

public enum AttributeKind { Float, Int, String, Tensor, Graph, Floats, Ints, Strings, Tensors, Graphs }

/// <summary>One node attribute. Exactly the field matching Kind is set.</summary>
public sealed class NodeAttribute
{
    public required string Name { get; init; }
    public required AttributeKind Kind { get; init; }
    public float F { get; init; }
    public long I { get; init; }
    public string? S { get; init; }
    public Tensor? T { get; init; }
    public ModelGraph? G { get; init; }
    public float[]? Floats { get; init; }
    public long[]? Ints { get; init; }
    public string[]? Strings { get; init; }
    public Tensor[]? Tensors { get; init; }
    public ModelGraph[]? Graphs { get; init; }

    public static NodeAttribute Of(string name, long v) => new() { Name = name, Kind = AttributeKind.Int, I = v };
    public static NodeAttribute Of(string name, float v) => new() { Name = name, Kind = AttributeKind.Float, F = v };
    public static NodeAttribute Of(string name, string v) => new() { Name = name, Kind = AttributeKind.String, S = v };
    public static NodeAttribute Of(string name, long[] v) => new() { Name = name, Kind = AttributeKind.Ints, Ints = v };
    public static NodeAttribute Of(string name, float[] v) => new() { Name = name, Kind = AttributeKind.Floats, Floats = v };
    public static NodeAttribute Of(string name, Tensor v) => new() { Name = name, Kind = AttributeKind.Tensor, T = v };
    public static NodeAttribute Of(string name, ModelGraph v) => new() { Name = name, Kind = AttributeKind.Graph, G = v };

    public override string ToString() => Kind switch
    {
        AttributeKind.Float => $"{Name}={F}",
        AttributeKind.Int => $"{Name}={I}",
        AttributeKind.String => $"{Name}=\"{S}\"",
        AttributeKind.Ints => $"{Name}=[{string.Join(",", Ints!)}]",
        AttributeKind.Floats => $"{Name}=[{string.Join(",", Floats!)}]",
        _ => $"{Name}=<{Kind}>",
    };
}
