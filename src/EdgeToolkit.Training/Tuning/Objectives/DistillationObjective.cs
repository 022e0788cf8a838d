using EdgeToolkit.Graph;
using static TorchSharp.torch;
using Tensor = TorchSharp.torch.Tensor;

namespace EdgeToolkit.Training.Tuning.Objectives;

/// <summary>
/// Distillation for any graph: the student matches the unpruned teacher's outputs on the same
/// inputs. Loss: the mean over float outputs of MSE(student, teacher) / var(teacher output), the
/// variance measured once on the teacher, so that outputs of different scales weigh alike. Logits
/// are matched as values (MSE, as in Ba and Caruana 2014) rather than through a softened KL: one
/// rule for every output, and no guessing which outputs are a classifier's.
/// </summary>
public sealed class DistillationObjective : ITuningObjective
{
    private const int BatchSize = 64;
    /// <summary>Inputs the teacher's output variances are measured on.</summary>
    private const int ScaleSamples = 256;
    /// <summary>No training rate to take a share of: a common Adam fine-tuning rate.</summary>
    private const double DefaultLearningRate = 1e-3;

    private readonly GraphModule _teacher;
    private readonly IInputBatches _batches;
    private readonly Dictionary<string, double> _variance = new();

    public string Description { get; }
    public double LearningRate => DefaultLearningRate;

    public DistillationObjective(ModelGraph student, ModelGraph teacher, DistillationInputs inputs, int seed)
    {
        CheckSameSignature(student, teacher);
        _batches = InputBatches.For(teacher, inputs);
        _teacher = new GraphModule(teacher);
        foreach (var p in _teacher.parameters()) p.requires_grad = false;
        _teacher.eval();

        var outputs = student.Outputs.Where(o => o.Type == DataType.Float32).Select(o => o.Name).ToList();
        if (outputs.Count == 0)
            throw new EdgeToolkitException(ErrorKind.BadInput, "the model has no float32 output to distil", file: student.SourcePath);
        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            var reference = _teacher.Run(_batches.Draw(new Random(seed), ScaleSamples));
            foreach (var name in outputs)
            {
                double variance = reference[name].to_type(ScalarType.Float64).var().item<double>();
                _variance[name] = variance > 0 && double.IsFinite(variance) ? variance : 1;
            }
        }
        Description = $"distillation from the unpruned model: mean over outputs ({string.Join(", ", outputs)}) of the MSE to the teacher's output " +
                      $"divided by that output's variance (logits matched as values), on {inputs.Description}, batches of {BatchSize}";
    }

    public Tensor Loss(GraphModule module, Random rng)
    {
        var inputs = _batches.Draw(rng, BatchSize);
        IReadOnlyDictionary<string, Tensor> target;
        using (no_grad()) target = _teacher.Run(inputs);
        var output = module.Run(inputs);
        Tensor? sum = null;
        foreach (var (name, variance) in _variance)
        {
            var part = nn.functional.mse_loss(output[name], target[name]) / variance;
            sum = sum is null ? part : sum + part;
        }
        return sum! / _variance.Count;
    }

    private static void CheckSameSignature(ModelGraph student, ModelGraph teacher)
    {
        var inputs = student.Inputs.Select(i => i.Name).ToHashSet();
        if (!inputs.SetEquals(teacher.Inputs.Select(i => i.Name)))
            throw new EdgeToolkitException(ErrorKind.BadInput,
                $"the pruned model's inputs ({string.Join(", ", inputs)}) are not the unpruned model's ({string.Join(", ", teacher.Inputs.Select(i => i.Name))})",
                file: student.SourcePath);
        foreach (var output in student.Outputs)
            if (teacher.Outputs.All(o => o.Name != output.Name))
                throw new EdgeToolkitException(ErrorKind.BadInput, $"the unpruned model has no output '{output.Name}' to distil it from", file: student.SourcePath);
    }
}
