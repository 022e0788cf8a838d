namespace EdgeToolkit.Graph;

/// <summary>What is known about a named tensor value before it is computed: its element type and shape.</summary>
public sealed record ValueInfo(string Name, DataType Type, SymShape Shape)
{
    public override string ToString() => $"{Name}: {Type.OnnxName()}{Shape}";
}
