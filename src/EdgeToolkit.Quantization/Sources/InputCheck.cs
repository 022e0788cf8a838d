using EdgeToolkit.Graph;

namespace EdgeToolkit.Quantization.Sources;

/// <summary>Checks that a calibration sample fits the model's inputs: every input given, types and known dims equal.</summary>
public static class InputCheck
{
    /// <param name="where">Names the sample in errors (a file, "sample 3 of health").</param>
    /// <param name="file">The file to name in the error, when the sample came from one.</param>
    public static void Require(ModelGraph graph, IReadOnlyDictionary<string, Tensor> sample, string where, string? file = null, string? hint = null)
    {
        foreach (var input in graph.Inputs)
        {
            if (!sample.TryGetValue(input.Name, out var t))
                throw new EdgeToolkitException(ErrorKind.BadInput, $"{where} gives no value for input '{input.Name}' (it has {string.Join(", ", sample.Keys.Select(k => $"'{k}'"))})",
                    file: file, hint: hint ?? "name each TensorProto after the graph input it feeds, or order the files as the inputs");
            if (!Fits(input, t))
                throw new EdgeToolkitException(ErrorKind.BadInput,
                    $"{where}: a {t.Type.OnnxName()}[{string.Join("x", t.Shape)}] tensor for input '{input.Name}', which is {input.Type.OnnxName()}{input.Shape}",
                    file: file, hint: hint ?? "calibration inputs must have the input's type and shape (symbolic dims may take any size)");
        }
    }

    public static bool Fits(ValueInfo input, Tensor t)
    {
        if (t.Type != input.Type) return false;
        if (!input.Shape.HasRank) return true;
        if (input.Shape.Rank != t.Rank) return false;
        for (int d = 0; d < t.Rank; d++)
            if (input.Shape[d].IsKnown && input.Shape[d].Value != t.Shape[d]) return false;
        return true;
    }
}
