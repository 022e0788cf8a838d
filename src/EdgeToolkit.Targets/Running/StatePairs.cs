using EdgeToolkit.CodeGen;
using EdgeToolkit.Graph;

namespace EdgeToolkit.Targets.Running;

/// <summary>Recurrent state pairs (Graph.StatePair: the output that becomes an input on the next call) as the --state option gives them, checked against a generated model's ports.</summary>
public static class StatePairs
{
    /// <summary>Parses "IN=OUT[,IN=OUT...]" (the --state option; several options may be given).</summary>
    public static IReadOnlyList<StatePair> Parse(IEnumerable<string> specs)
    {
        var pairs = new List<StatePair>();
        foreach (var spec in specs)
            foreach (var item in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var eq = item.IndexOf('=');
                if (eq <= 0 || eq == item.Length - 1)
                    throw new EdgeToolkitException(ErrorKind.BadInput, $"--state {item}: expected INPUT=OUTPUT, e.g. --state state=stateN");
                pairs.Add(new StatePair(item[..eq], item[(eq + 1)..]));
            }
        return pairs;
    }

    /// <summary>Checks each pair against the model's ports: both exist, same type and element count.</summary>
    public static void Check(IReadOnlyList<StatePair> pairs, IReadOnlyList<CPort> inputs, IReadOnlyList<CPort> outputs)
    {
        foreach (var pair in pairs)
        {
            var i = inputs.FirstOrDefault(p => p.Name == pair.Input) ?? throw new EdgeToolkitException(ErrorKind.BadInput,
                $"--state {pair.Input}={pair.Output}: the model has no input '{pair.Input}'", hint: $"inputs: {string.Join(", ", inputs.Select(p => p.Name))}");
            var o = outputs.FirstOrDefault(p => p.Name == pair.Output) ?? throw new EdgeToolkitException(ErrorKind.BadInput,
                $"--state {pair.Input}={pair.Output}: the model has no output '{pair.Output}'", hint: $"outputs: {string.Join(", ", outputs.Select(p => p.Name))}");
            if (i.Type != o.Type || i.Elements != o.Elements)
                throw new EdgeToolkitException(ErrorKind.BadInput,
                    $"--state {pair.Input}={pair.Output}: input is {i.Type.OnnxName()}[{string.Join("x", i.Shape)}], output is {o.Type.OnnxName()}[{string.Join("x", o.Shape)}]",
                    hint: "a state output must have the type and size of the input it feeds; pin symbolic dims with --shape");
        }
        foreach (var dup in pairs.GroupBy(p => p.Input).Where(g => g.Count() > 1))
            throw new EdgeToolkitException(ErrorKind.BadInput, $"--state: input '{dup.Key}' is fed by more than one output");
    }
}
