using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;
using TorchSharp;

namespace EdgeToolkit.Training.Export;

/// <summary>
/// TorchSharp module tree -> Graph (TorchSharp has no ONNX export). Containers (Sequential and
/// custom modules registered with RegisterComponents) are walked in registration order; each
/// leaf goes to the ILayerExporter that handles its type. Modules whose forward is more than
/// "children in order" (attention, residual blocks) export themselves with IGraphExportable.
/// </summary>
public static class TorchExporter
{
    private static readonly Lazy<IReadOnlyList<ILayerExporter>> Exporters = new(() =>
        typeof(TorchExporter).Assembly.GetTypes()
            .Where(t => t.IsPublic && !t.IsAbstract && typeof(ILayerExporter).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) != null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (ILayerExporter)Activator.CreateInstance(t)!).ToList());

    /// <summary>
    /// Exports a module with one input of the given shape and one output. The input is float32,
    /// or int64 indices when the first layer is an nn.Embedding.
    /// </summary>
    public static ModelGraph Export(torch.nn.Module module, string graphName, string inputName, long[] inputShape, string outputName = "y", int opset = 17)
    {
        var b = new GraphBuilder(graphName, opset);
        var ctx = new ExportContext(b);
        var inputType = FirstLeaf(module) is TorchSharp.Modules.Embedding ? DataType.Int64 : DataType.Float32;
        var x = new GraphValue(b.Input(inputName, inputType, inputShape), inputShape);
        using (torch.no_grad())
        {
            var y = ExportModule(module, "", x, ctx);
            b.Output(b.Rename(y.Name, outputName));
        }
        return b.Graph;
    }

    private static torch.nn.Module FirstLeaf(torch.nn.Module module)
    {
        while (module is not IGraphExportable && !Exporters.Value.Any(e => e.Handles(module)) && module.named_children().FirstOrDefault() is { } first)
            module = first.module;
        return module;
    }

    /// <summary>Exports one module (leaf or container) at a dotted name prefix.</summary>
    public static GraphValue ExportModule(torch.nn.Module module, string name, GraphValue input, ExportContext ctx)
    {
        if (module is IGraphExportable self) return self.ExportTo(name, input, ctx);
        var exporter = Exporters.Value.FirstOrDefault(e => e.Handles(module));
        if (exporter != null) return exporter.Export(module, name.Length == 0 ? module.GetName() : name, input, ctx);
        var children = module.named_children().ToList();
        if (children.Count == 0)
            throw new EdgeToolkitException(ErrorKind.BadInput, $"no graph exporter for layer '{name}' of type {module.GetType().Name}",
                hint: "add an ILayerExporter for it in src/EdgeToolkit.Training/Export, or implement IGraphExportable on the module");
        var x = input;
        foreach (var (childName, child) in children)
            x = ExportModule(child, name.Length == 0 ? childName : $"{name}.{childName}", x, ctx);
        return x;
    }
}

/// <summary>A module that writes its own forward computation into the graph.</summary>
public interface IGraphExportable
{
    GraphValue ExportTo(string name, GraphValue input, ExportContext context);
}
