using System.Globalization;

namespace EdgeToolkit.Graph.Passes;

/// <summary>
/// `--shape name=1x512` pins a graph input's unknown dims; `--shape batch=1` binds a dim symbol
/// wherever it appears. A symbol pinned through one input is bound in every other input too,
/// since ONNX symbols with the same name stand for the same size.
/// </summary>
public sealed class PinShapesPass : GraphPass
{
    private readonly IReadOnlyDictionary<string, string> _specs;

    /// <param name="specs">input name or dim symbol -> dims as text ("1x512", "1,512"; a symbol takes one number).</param>
    public PinShapesPass(IReadOnlyDictionary<string, string> specs) { _specs = specs; }

    public override string Name => "pin-shapes";

    protected override bool Apply(ModelGraph graph)
    {
        if (_specs.Count == 0) return false;
        var symbols = new Dictionary<string, long>();
        var pinned = new Dictionary<string, long[]>();
        var inputSymbols = graph.Inputs.Where(i => i.Shape.HasRank).SelectMany(i => i.Shape.Dims!)
            .Where(d => d.Symbol != null).Select(d => d.Symbol!).ToHashSet();

        foreach (var (name, text) in _specs)
        {
            var dims = ParseDims(name, text, graph);
            if (graph.Inputs.Any(i => i.Name == name)) pinned[name] = dims;
            else if (inputSymbols.Contains(name))
            {
                if (dims.Length != 1) throw Bad(graph, name, text, $"'{name}' is a dim symbol and takes one number", $"e.g. --shape {name}=1");
                Bind(graph, symbols, name, dims[0], text);
            }
            else throw Bad(graph, name, text, $"the model has no input or dim symbol '{name}'",
                $"inputs: {string.Join(", ", graph.Inputs.Select(i => i.ToString()))}" +
                (inputSymbols.Count > 0 ? $"; symbols: {string.Join(", ", inputSymbols)}" : ""));
        }

        foreach (var (name, dims) in pinned) BindFromInput(graph, graph.Inputs.First(i => i.Name == name), dims, symbols);

        bool changed = false;
        for (int i = 0; i < graph.Inputs.Count; i++)
        {
            var input = graph.Inputs[i];
            var shape = pinned.TryGetValue(input.Name, out var dims) ? SymShape.Of(dims) : Substitute(input.Shape, symbols);
            if (shape.Equals(input.Shape)) continue;
            graph.Inputs[i] = input with { Shape = shape };
            Report($"input '{input.Name}' {input.Shape} -> {shape}");
            changed = true;
        }
        // Declared infos of intermediates and outputs keep the same symbols: substitute there too.
        foreach (var key in graph.ValueInfos.Keys.ToList())
            graph.ValueInfos[key] = graph.ValueInfos[key] with { Shape = Substitute(graph.ValueInfos[key].Shape, symbols) };
        for (int i = 0; i < graph.Outputs.Count; i++)
            graph.Outputs[i] = graph.Outputs[i] with { Shape = Substitute(graph.Outputs[i].Shape, symbols) };
        return changed;
    }

    private static void BindFromInput(ModelGraph graph, ValueInfo input, long[] dims, Dictionary<string, long> symbols)
    {
        var text = string.Join("x", dims);
        if (input.Shape.HasRank && input.Shape.Rank != dims.Length)
            throw Bad(graph, input.Name, text, $"input '{input.Name}' has rank {input.Shape.Rank} ({input.Shape}), the given shape has rank {dims.Length}",
                $"give {input.Shape.Rank} dims");
        if (!input.Shape.HasRank) return;
        for (int k = 0; k < dims.Length; k++)
        {
            var d = input.Shape[k];
            if (d.IsKnown && d.Value != dims[k])
                throw Bad(graph, input.Name, text, $"dim {k} of input '{input.Name}' is fixed to {d.Value} by the model, not {dims[k]}",
                    $"keep the known dims: {input.Shape}");
            if (d.Symbol != null) Bind(graph, symbols, d.Symbol, dims[k], text);
        }
    }

    private static void Bind(ModelGraph graph, Dictionary<string, long> symbols, string symbol, long value, string text)
    {
        if (symbols.TryGetValue(symbol, out var prior) && prior != value)
            throw Bad(graph, symbol, text, $"dim symbol '{symbol}' is pinned both to {prior} and to {value}", "give every use of a symbol the same size");
        symbols[symbol] = value;
    }

    private static SymShape Substitute(SymShape shape, Dictionary<string, long> symbols) =>
        !shape.HasRank || symbols.Count == 0 ? shape
        : new SymShape(shape.Dims!.Select(d => !d.IsKnown && d.Symbol != null && symbols.TryGetValue(d.Symbol, out var v) ? Dim.Of(v) : d));

    private static long[] ParseDims(string name, string text, ModelGraph graph)
    {
        var parts = text.Split(new[] { 'x', 'X', ',', '*' }, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var dims = new long[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out dims[i]))
                throw Bad(graph, name, text, $"'{parts[i]}' is not a dim size", "write dims as non-negative numbers, e.g. 1x512");
        return dims;
    }

    private static EdgeToolkitException Bad(ModelGraph graph, string name, string text, string problem, string hint) =>
        new(ErrorKind.BadInput, $"--shape {name}={text}: {problem}", graph.SourcePath, hint: hint);
}
