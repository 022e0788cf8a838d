using EdgeToolkit.Graph;


namespace EdgeToolkit.Cli.Pipeline;

/// <summary>
/// Runs consecutive chunks through one reference (ONNX Runtime, the C# evaluator), carrying each
/// state output into its input, exactly as the device harness does: each side carries its own
/// state, so any drift between them shows up in later chunks instead of being reset away.
/// </summary>
public static class StreamFeed
{
    public static List<Dictionary<string, Tensor>> Run(IReadOnlyList<Dictionary<string, Tensor>> chunks, IReadOnlyList<StatePair> pairs,
        Func<Dictionary<string, Tensor>, Dictionary<string, Tensor>> step)
    {
        var outputs = new List<Dictionary<string, Tensor>>();
        for (int k = 0; k < chunks.Count; k++)
        {
            var feed = new Dictionary<string, Tensor>(chunks[k]);
            if (k > 0)
                foreach (var pair in pairs)
                    feed[pair.Input] = outputs[k - 1].TryGetValue(pair.Output, out var state) ? state
                        : throw new EdgeToolkitException(ErrorKind.CheckFailed, $"chunk {k - 1} gave no state output '{pair.Output}'");
            outputs.Add(step(feed));
        }
        return outputs;
    }

    /// <summary>The chunks as the device sees them: a state input holds the carried state, case 0's value is the initial state (zeros unless a file gives it).</summary>
    public static void ZeroInitialStates(List<Dictionary<string, Tensor>> chunks, IReadOnlyList<StatePair> pairs, IReadOnlySet<string> givenByFile)
    {
        foreach (var pair in pairs)
        {
            if (givenByFile.Contains(pair.Input)) continue;
            foreach (var chunk in chunks)
                if (chunk.TryGetValue(pair.Input, out var t)) chunk[pair.Input] = Tensor.Zeros(t.Type, t.Shape);
        }
    }
}
