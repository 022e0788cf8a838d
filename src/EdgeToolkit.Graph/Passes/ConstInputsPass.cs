using System.Globalization;

namespace EdgeToolkit.Graph.Passes;

/// <summary>
/// `--const name=value`: fixes graph inputs to constants (e.g. a sample rate), so that constant
/// folding and If folding can use them. Each becomes an initializer and leaves Inputs.
/// </summary>
public sealed class ConstInputsPass : GraphPass
{
    private readonly IReadOnlyDictionary<string, string> _values;

    /// <param name="values">input name -> value as text, typed by the input's declared type.</param>
    public ConstInputsPass(IReadOnlyDictionary<string, string> values) { _values = values; }

    public override string Name => "const-inputs";

    protected override bool Apply(ModelGraph graph)
    {
        foreach (var (name, text) in _values)
        {
            var input = graph.Inputs.FirstOrDefault(i => i.Name == name)
                ?? throw new EdgeToolkitException(ErrorKind.BadInput, $"--const {name}={text}: the model has no input '{name}'",
                    graph.SourcePath, hint: $"its inputs are: {string.Join(", ", graph.Inputs.Select(i => i.ToString()))}");
            var value = TensorText.Parse(text, input);
            graph.Inputs.Remove(input);
            graph.Initializers[name] = value;
            graph.ValueInfos.Remove(name);
            Report($"input '{name}' fixed to {value} {Preview(value)}");
        }
        return _values.Count > 0;
    }

    private static string Preview(Tensor t) =>
        t.Length <= 4 ? "= " + string.Join(",", Enumerable.Range(0, t.Length).Select(i => Convert.ToString(t.Data.GetValue(i), CultureInfo.InvariantCulture))) : "";
}
