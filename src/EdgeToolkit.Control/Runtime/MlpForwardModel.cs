using EdgeToolkit.Graph.Analysis;
using EdgeToolkit.Onnx;

namespace EdgeToolkit.Control.Runtime;

/// <summary>
/// An MLP forward model in float32, computed as the generated C computes it: dense layers
/// accumulate bias + sum_i w[o][i] x[i] in ascending i, tanh is etk_tanhf (PortableTanh),
/// sigmoid etk_sigmoidf. The Jacobian is reverse mode: each output's unit row pulled back
/// through the layers, with tanh' = 1 - t^2 and sigmoid' = s (1 - s) from the forward values
/// and relu' = (pre-activation > 0). Buffers are allocated once: one instance per thread.
/// </summary>
public sealed class MlpForwardModel : IForwardModel
{
    private readonly MlpLayer[] _layers;
    // _activations[l] is layer l's output (post-activation), _pre[l] its pre-activation (relu' needs it).
    private readonly float[][] _activations, _pre;
    private readonly float[] _back, _backNext;

    public int Inputs { get; }
    public int Outputs { get; }

    public MlpForwardModel(MlpChain chain)
    {
        _layers = chain.Layers.ToArray();
        Inputs = chain.InputCount;
        Outputs = chain.OutputCount;
        _activations = _layers.Select(l => new float[l.Outputs]).ToArray();
        _pre = _layers.Select(l => new float[l.Outputs]).ToArray();
        int widest = _layers.Max(l => Math.Max(l.Inputs, l.Outputs));
        _back = new float[widest];
        _backNext = new float[widest];
    }

    /// <summary>Reads an MLP from an ONNX file (EdgeToolkitException when it is not one chain of dense layers).</summary>
    public static MlpForwardModel Load(string onnxPath) => new(MlpChain.Extract(OnnxImporter.Load(onnxPath)));

    public void Forward(ReadOnlySpan<float> x, Span<float> y)
    {
        Check(x.Length, y.Length);
        RunLayers(x);
        _activations[^1].AsSpan().CopyTo(y);
    }

    public void Jacobian(ReadOnlySpan<float> x, Span<float> y, Span<float> jacobian)
    {
        Check(x.Length, y.Length);
        if (jacobian.Length < Outputs * Inputs) throw new ArgumentException($"the Jacobian needs {Outputs * Inputs} floats, got {jacobian.Length}");
        RunLayers(x);
        _activations[^1].AsSpan().CopyTo(y);
        for (int o = 0; o < Outputs; o++)
        {
            var g = _back.AsSpan(0, Outputs);
            g.Clear();
            g[o] = 1f;
            for (int l = _layers.Length - 1; l >= 0; l--)
            {
                var layer = _layers[l];
                for (int j = 0; j < layer.Outputs; j++) _back[j] *= Derivative(layer.Activation, _activations[l][j], _pre[l][j]);
                var next = _backNext.AsSpan(0, layer.Inputs);
                next.Clear();
                for (int j = 0; j < layer.Outputs; j++)
                {
                    float gj = _back[j];
                    int row = j * layer.Inputs;
                    for (int i = 0; i < layer.Inputs; i++) next[i] += gj * layer.Weights[row + i];
                }
                next.CopyTo(_back);
            }
            _back.AsSpan(0, Inputs).CopyTo(jacobian.Slice(o * Inputs, Inputs));
        }
    }

    private void RunLayers(ReadOnlySpan<float> x)
    {
        ReadOnlySpan<float> a = x;
        for (int l = 0; l < _layers.Length; l++)
        {
            var layer = _layers[l];
            var pre = _pre[l];
            var post = _activations[l];
            for (int o = 0; o < layer.Outputs; o++)
            {
                float s = layer.Bias[o];
                int row = o * layer.Inputs;
                for (int i = 0; i < layer.Inputs; i++) s += layer.Weights[row + i] * a[i];
                pre[o] = s;
                post[o] = layer.Activation switch
                {
                    MlpActivation.Tanh => PortableTanh.Tanh(s),
                    MlpActivation.Sigmoid => PortableSigmoid.Sigmoid(s),
                    MlpActivation.Relu => s > 0f ? s : 0f,
                    _ => s,
                };
            }
            a = post;
        }
    }

    private static float Derivative(MlpActivation activation, float post, float pre) => activation switch
    {
        MlpActivation.Tanh => 1f - post * post,
        MlpActivation.Sigmoid => post * (1f - post),
        MlpActivation.Relu => pre > 0f ? 1f : 0f,
        _ => 1f,
    };

    private void Check(int inputs, int outputs)
    {
        if (inputs != Inputs) throw new ArgumentException($"the model takes {Inputs} inputs, got {inputs}");
        if (outputs < Outputs) throw new ArgumentException($"the model gives {Outputs} outputs, the buffer holds {outputs}");
    }
}
