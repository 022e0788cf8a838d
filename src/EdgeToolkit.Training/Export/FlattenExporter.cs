using EdgeToolkit.Graph;
using TorchSharp;
using TorchSharp.Modules;

namespace EdgeToolkit.Training.Export;

/// <summary>nn.Flatten: ONNX Flatten when it flattens everything after start_dim, else Reshape.</summary>
public sealed class FlattenExporter : ILayerExporter
{
    public bool Handles(torch.nn.Module module) => module is Flatten;

    public GraphValue Export(torch.nn.Module module, string name, GraphValue input, ExportContext ctx)
    {
        var flatten = (Flatten)module;
        int rank = input.Rank;
        int start = (int)(flatten.start_dim < 0 ? flatten.start_dim + rank : flatten.start_dim);
        int end = (int)(flatten.end_dim < 0 ? flatten.end_dim + rank : flatten.end_dim);
        if (start < 0 || end >= rank || start > end)
            throw new EdgeToolkitException(ErrorKind.BadInput, $"layer '{name}' flattens dims {flatten.start_dim}..{flatten.end_dim} of a rank-{rank} input");
        long merged = input.Shape[start..(end + 1)].Aggregate(1L, (a, d) => a * d);
        var shape = input.Shape[..start].Append(merged).Concat(input.Shape[(end + 1)..]).ToArray();
        if (end == rank - 1 && start == 1)
            return new GraphValue(ctx.Builder.OpNamed(name, "Flatten", new[] { input.Name }, NodeAttribute.Of("axis", 1L)), shape);
        var target = ctx.Constant($"{name}.shape", Tensor.Vector(shape));
        return new GraphValue(ctx.Builder.OpNamed(name, "Reshape", new[] { input.Name, target }), shape);
    }
}
