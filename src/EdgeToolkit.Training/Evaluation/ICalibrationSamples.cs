using System.Text.Json.Nodes;
using EdgeToolkit.Graph;

namespace EdgeToolkit.Training.Evaluation;

/// <summary>
/// A data set that can feed static quantization (`edgetk quantize --calibration NAME`): model
/// inputs drawn from its TRAINING split, never from the held-out samples Evaluate scores, so
/// that the accuracy measured after quantization is not flattered by calibrating on it.
/// </summary>
public interface ICalibrationSamples
{
    /// <summary>
    /// `count` inputs (fewer when the split is smaller), drawn without replacement by `seed`, keyed
    /// by the graph's input names, one sample per map; produced lazily so a caller can stream them.
    /// </summary>
    IEnumerable<IReadOnlyDictionary<string, Tensor>> CalibrationInputs(ModelGraph graph, JsonObject? config, int count, int seed);
}

public static class CalibrationDraw
{
    /// <summary>`count` distinct indices of [0, available), a seeded shuffle's prefix (all of them when count >= available).</summary>
    public static int[] Indices(int available, int count, int seed)
    {
        var order = Enumerable.Range(0, available).ToArray();
        new Random(seed).Shuffle(order);
        return order.Take(Math.Min(count, available)).ToArray();
    }

    /// <summary>The graph's only input, or a clear error naming the data set.</summary>
    public static ValueInfo SingleInput(ModelGraph graph, string dataset) =>
        graph.Inputs.Count == 1 ? graph.Inputs[0]
            : throw new EdgeToolkitException(ErrorKind.BadInput,
                $"the {dataset} data set feeds one input, but the model has {graph.Inputs.Count} ({string.Join(", ", graph.Inputs.Select(i => i.Name))})",
                file: graph.SourcePath, hint: "calibrate with a folder of TensorProto .pb inputs instead");

    /// <summary>The input's own shape when it is concrete and holds `elements` values, else [1, elements].</summary>
    public static int[] ShapeFor(ValueInfo input, int elements) =>
        input.Shape.IsConcrete && input.Shape.ElementCount == elements ? input.Shape.ToConcrete() : new[] { 1, elements };
}
