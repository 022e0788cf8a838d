using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen;

/// <summary>One input or output of the generated C function, in parameter order.</summary>
public sealed record CPort(string Name, string CName, DataType Type, int[] Shape)
{
    public long Elements => Tensor.ElementCountOf(Shape);
    public long Bytes => Elements * Type.SizeOf();
}

/// <summary>One emitted kernel: the graph nodes it covers (the first is the producer, then fused post-ops).</summary>
public sealed record GeneratedLayer(int Index, string Function, string Op, IReadOnlyList<string> Nodes, long Macs, long OutputBytes);

/// <summary>
/// A buffer of the static memory plan: [Offset, Offset+Bytes) of the arena holds Value from step
/// First to step Last (the step count means "until the end"). Scratch buffers are named "node:scratch".
/// </summary>
public sealed record PlannedBuffer(string Value, long Offset, long Bytes, int First, int Last)
{
    /// <summary>The value whose bytes an in-place kernel overwrote to produce this one (they share step First), or null.</summary>
    public string? InPlaceOf { get; init; }
}

/// <summary>
/// The generator's result: the C files (text) and what callers need to know to drive them.
/// API (model.h): int {Name}_run(inputs..., outputs...) with a built-in arena and
/// int {Name}_run_arena(void *arena, inputs..., outputs...); pointers typed by element type,
/// inputs const, in graph order. Defines {NAME}_ARENA_BYTES, {NAME}_WEIGHT_BYTES, {NAME}_MACS.
/// </summary>
public sealed class GeneratedModel
{
    /// <summary>Symbol prefix, a C identifier (e.g. "mnist").</summary>
    public required string Name { get; init; }
    /// <summary>File name -> text: model.c, model.h, model_weights.c (or model_weights.S + model_weights.bin).</summary>
    public required Dictionary<string, string> Files { get; init; }
    /// <summary>Binary files (a weights blob linked with .incbin), name -> bytes.</summary>
    public Dictionary<string, byte[]> BinaryFiles { get; init; } = new();
    public required IReadOnlyList<CPort> Inputs { get; init; }
    public required IReadOnlyList<CPort> Outputs { get; init; }
    public required long ArenaBytes { get; init; }
    public required long WeightBytes { get; init; }
    public required long Macs { get; init; }
    public required IReadOnlyList<GeneratedLayer> Layers { get; init; }
    public required IReadOnlyList<PlannedBuffer> Plan { get; init; }
    /// <summary>Arena bytes of {Name}_jacobian_arena when the Jacobian was emitted (CodeGenOptions.EmitJacobian), else null.</summary>
    public long? JacobianArenaBytes { get; init; }
    /// <summary>The C sources to compile (subset of Files keys, plus .S files).</summary>
    public IEnumerable<string> Sources => Files.Keys.Where(f => f.EndsWith(".c") || f.EndsWith(".S"));

    /// <summary>Writes every file into a folder (created); temp files first, then renamed, so a failure leaves nothing half-written.</summary>
    public void WriteTo(string dir)
    {
        Directory.CreateDirectory(dir);
        var all = Files.Select(kv => (kv.Key, Data: System.Text.Encoding.UTF8.GetBytes(kv.Value)))
            .Concat(BinaryFiles.Select(kv => (kv.Key, Data: kv.Value))).ToList();
        foreach (var (name, data) in all) File.WriteAllBytes(Path.Combine(dir, name + ".tmp"), data);
        foreach (var (name, _) in all) File.Move(Path.Combine(dir, name + ".tmp"), Path.Combine(dir, name), overwrite: true);
    }
}
