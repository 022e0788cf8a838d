namespace EdgeToolkit.Cli.Pipeline;

/// <summary>The options every model-consuming command shares: --target, --board, --shape, --const, --name.</summary>
public sealed record ModelOptions
{
    public string Target { get; init; } = "cortex-m4";
    public string? Board { get; init; }
    public string? Name { get; init; }
    public IReadOnlyList<string> Shapes { get; init; } = Array.Empty<string>();
    public IReadOnlyList<string> Consts { get; init; } = Array.Empty<string>();
    public bool FastMath { get; init; }
    public bool Fuse { get; init; } = true;
    /// <summary>Weights as a linked binary blob (.incbin) instead of C literals; large models get it automatically.</summary>
    public bool WeightsBlob { get; init; }
    /// <summary>Also emit NAME_jacobian (compile --jacobian; the model must be an MLP).</summary>
    public bool Jacobian { get; init; }

    public static readonly string[] ValueOptionNames = { "target", "board", "name", "shape", "const" };
    public static readonly string[] FlagOptionNames = { "fast", "no-fuse", "weights-blob" };

    public static ModelOptions From(Args a, string defaultTarget = "cortex-m4") => new()
    {
        Target = a.Get("target") ?? defaultTarget,
        Board = a.Get("board"),
        Name = a.Get("name"),
        Shapes = a.GetAll("shape"),
        Consts = a.GetAll("const"),
        FastMath = a.Flag("fast"),
        Fuse = !a.Flag("no-fuse"),
        WeightsBlob = a.Flag("weights-blob"),
    };
}
