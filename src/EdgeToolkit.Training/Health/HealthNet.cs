using EdgeToolkit.Graph;
using Tensor = TorchSharp.torch.Tensor;
using EdgeToolkit.Graph.Builders;
using EdgeToolkit.Training.Export;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EdgeToolkit.Training.Health;

/// <summary>
/// A shared-trunk MLP over the flattened window (scaled inputs -> hidden -> hidden) with one
/// 3-class head per task. Training sees scaled inputs; the export folds the scaling into the
/// first layer so the ONNX model takes raw daily readings.
/// </summary>
public sealed class HealthNet : nn.Module<Tensor, Tensor>
{
    private readonly Linear fc1, fc2;
    private readonly Linear[] heads;
    private readonly Dropout dropout;
    private readonly ModuleList<Linear> headList;

    public int Inputs { get; }
    public int Hidden1 { get; }
    public int Hidden2 { get; }

    public HealthNet(int inputs, int hidden1, int hidden2, double dropoutRate) : base("health_net")
    {
        Inputs = inputs; Hidden1 = hidden1; Hidden2 = hidden2;
        fc1 = nn.Linear(inputs, hidden1);
        fc2 = nn.Linear(hidden1, hidden2);
        heads = Enumerable.Range(0, HealthLabels.Tasks).Select(_ => nn.Linear(hidden2, HealthLabels.Classes)).ToArray();
        headList = new ModuleList<Linear>(heads);
        dropout = nn.Dropout(dropoutRate);
        RegisterComponents();
    }

    /// <summary>Logits of the three tasks concatenated: [batch, 3 · 3].</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = dropout.forward(nn.functional.relu(fc1.forward(x)));
        h = dropout.forward(nn.functional.relu(fc2.forward(h)));
        return cat(heads.Select(head => head.forward(h)).ToArray(), 1).MoveToOuterDisposeScope();
    }

    public static long ParameterCount(int inputs, int hidden1, int hidden2) =>
        (long)(inputs + 1) * hidden1 + (long)(hidden1 + 1) * hidden2 + HealthLabels.Tasks * (long)(hidden2 + 1) * HealthLabels.Classes;

    /// <summary>
    /// The deployable graph: input "features" [1, window·18 + 7] of raw readings, outputs
    /// stress_logits, readiness_logits, sleep_quality_logits, each [1, 3].
    /// </summary>
    public ModelGraph ToGraph(FeatureScaling scaling)
    {
        var b = new GraphBuilder("health_events");
        var x = b.Input("features", DataType.Float32, 1, Inputs);
        using (no_grad())
        {
            var w1 = ExportContext.ToGraphTensor(fc1.weight!);
            var folded = EdgeToolkit.Graph.Tensor.FromFloats(w1.Shape, scaling.FoldInto(w1.Floats, Hidden1));
            var h = Dense(b, "fc1", x, folded, ExportContext.ToGraphTensor(fc1.bias!));
            h = b.OpNamed("relu1", "Relu", new[] { h });
            h = Dense(b, "fc2", h, ExportContext.ToGraphTensor(fc2.weight!), ExportContext.ToGraphTensor(fc2.bias!));
            h = b.OpNamed("relu2", "Relu", new[] { h });
            for (int t = 0; t < HealthLabels.Tasks; t++)
            {
                var name = HealthLabels.TaskNames[t];
                var y = Dense(b, $"{name}_head", h, ExportContext.ToGraphTensor(heads[t].weight!), ExportContext.ToGraphTensor(heads[t].bias!));
                b.Output(b.Rename(y, HealthLabels.OutputNames[t]));
            }
        }
        return b.Graph;
    }

    private static string Dense(GraphBuilder b, string name, string x, EdgeToolkit.Graph.Tensor weight, EdgeToolkit.Graph.Tensor bias) =>
        b.OpNamed(name, "Gemm", new[] { x, b.Constant($"{name}.weight", weight), b.Constant($"{name}.bias", bias) }, NodeAttribute.Of("transB", 1L));
}
