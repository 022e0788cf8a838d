using System.Text.Json.Nodes;
using EdgeToolkit.Graph;

namespace EdgeToolkit.Training.Tuning;

/// <summary>Where distillation inputs come from when the model is not one the toolkit trains.</summary>
/// <param name="Samples">Model inputs (unbatched, keyed by graph input name): a data set's training split or a .pb folder; null draws random ones.</param>
/// <param name="Description">For the report ("fashion-mnist training split", "random uniform [-1, 1]").</param>
public sealed record DistillationInputs(IReadOnlyList<IReadOnlyDictionary<string, Tensor>>? Samples, string Description);

/// <summary>Picks the fine-tuning objective for a model.</summary>
public static class TuningObjectives
{
    /// <summary>
    /// A zoo model (its folder's config.json names the task: control, health, vision, reasoning) trains on its
    /// own data with its own loss; any other graph distils from `teacher` (the unpruned graph) on `inputs`.
    /// </summary>
    public static ITuningObjective For(ModelGraph student, JsonObject? config, ModelGraph teacher, DistillationInputs inputs, int seed) =>
        (config?["task"]?.GetValue<string>(), config) switch
        {
            ("control", { } c) => new Objectives.ControlObjective(c, student),
            ("health", { } c) => new Objectives.HealthObjective(c, student),
            ("vision", { } c) => new Objectives.VisionObjective(c, student),
            ("reasoning", { } c) => new Objectives.ReasoningObjective(c, seed),
            _ => new Objectives.DistillationObjective(student, teacher, inputs, seed),
        };
}
