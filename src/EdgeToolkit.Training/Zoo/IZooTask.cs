namespace EdgeToolkit.Training.Zoo;

/// <summary>
/// One trainable model family of the zoo (`edgetk train NAME`): it generates or reads its data,
/// trains with TorchSharp, exports through the Graph to ONNX and writes the model folder
/// (model.onnx, card.md, config.json). Implementations are found by reflection (public,
/// non-abstract, parameterless constructor), as operators are.
/// </summary>
public interface IZooTask
{
    /// <summary>The `edgetk train` subcommand: control, health, reasoning, vision.</summary>
    string Name { get; }
    /// <summary>One line for help.</summary>
    string Summary { get; }
    /// <summary>Task options it understands (`--plant msd`, `--steps 4000`...), with their defaults.</summary>
    IReadOnlyList<TrainOption> Options { get; }
    /// <summary>Default output folder when -o is not given (e.g. models/control-msd).</summary>
    string DefaultOutput(TrainContext context);
    TrainOutcome Train(TrainContext context);
}

public sealed record TrainOption(string Name, string Default, string Help);
