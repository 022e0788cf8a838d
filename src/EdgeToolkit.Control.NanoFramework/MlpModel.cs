using System;

namespace EdgeToolkit.Control.NanoFramework
{
    /// <summary>
    /// The learned forward model y = f(x): a chain of dense layers act(W x + b), W row-major
    /// [outputs x inputs], with its reverse-mode Jacobian (jac[o*n + i] = dy[o]/dx[i]). Every buffer
    /// is allocated here, once: Forward and Jacobian allocate nothing.
    /// </summary>
    public sealed class MlpModel
    {
        private readonly float[][] _weights;
        private readonly float[][] _biases;
        private readonly LayerActivation[] _activations;
        private readonly int[] _layerInputs;
        /// <summary>Each layer's output after its activation, kept for the backward pass.</summary>
        private readonly float[][] _values;
        /// <summary>Each layer's activation derivative at that output.</summary>
        private readonly float[][] _slopes;
        private readonly float[] _backward;
        private readonly float[] _backwardNext;

        public int Inputs { get; }
        public int Outputs { get; }

        /// <summary>Layer l maps biases[l-1].Length values (inputs for l = 0) to biases[l].Length.</summary>
        public MlpModel(int inputs, float[][] weights, float[][] biases, LayerActivation[] activations)
        {
            int layers = biases.Length;
            if (layers == 0 || weights.Length != layers || activations.Length != layers)
                throw new ArgumentException("an MLP needs at least one layer and as many weights, biases and activations");
            _weights = weights;
            _biases = biases;
            _activations = activations;
            _layerInputs = new int[layers];
            _values = new float[layers][];
            _slopes = new float[layers][];
            int width = inputs, widest = inputs;
            for (int l = 0; l < layers; l++)
            {
                int outs = biases[l].Length;
                if (weights[l].Length != outs * width)
                    throw new ArgumentException("layer " + l + " has " + weights[l].Length + " weights for " + width + " inputs and " + outs + " outputs");
                _layerInputs[l] = width;
                _values[l] = new float[outs];
                _slopes[l] = new float[outs];
                width = outs;
                if (outs > widest) widest = outs;
            }
            Inputs = inputs;
            Outputs = width;
            _backward = new float[widest];
            _backwardNext = new float[widest];
        }

        /// <summary>y[Outputs] = f(x[Inputs]).</summary>
        public void Forward(float[] x, float[] y)
        {
            Evaluate(x, false);
            Array.Copy(_values[_values.Length - 1], y, Outputs);
        }

        /// <summary>y = f(x) and jacobian[Outputs * Inputs] = df/dx: for each output o, e_o pulled back through the layers.</summary>
        public void Jacobian(float[] x, float[] y, float[] jacobian)
        {
            Evaluate(x, true);
            int last = _values.Length - 1;
            Array.Copy(_values[last], y, Outputs);
            for (int o = 0; o < Outputs; o++)
            {
                float[] back = _backward, next = _backwardNext;
                for (int k = 0; k < Outputs; k++) back[k] = k == o ? 1.0f : 0.0f;
                for (int l = last; l >= 0; l--)
                {
                    int outs = _values[l].Length, ins = _layerInputs[l];
                    float[] w = _weights[l], slope = _slopes[l];
                    for (int k = 0; k < outs; k++) back[k] *= slope[k];
                    for (int i = 0; i < ins; i++)
                    {
                        float s = 0.0f;
                        for (int k = 0; k < outs; k++) s += w[k * ins + i] * back[k];
                        next[i] = s;
                    }
                    float[] swap = back; back = next; next = swap;
                }
                Array.Copy(back, 0, jacobian, o * Inputs, Inputs);
            }
        }

        /// <summary>Dense layers accumulate bias + sum_i w[o][i] x[i] in ascending i, as the generated C does.</summary>
        private void Evaluate(float[] x, bool withSlopes)
        {
            float[] input = x;
            for (int l = 0; l < _values.Length; l++)
            {
                float[] w = _weights[l], b = _biases[l], value = _values[l], slope = _slopes[l];
                int ins = _layerInputs[l];
                LayerActivation act = _activations[l];
                for (int o = 0; o < value.Length; o++)
                {
                    float s = b[o];
                    int row = o * ins;
                    for (int i = 0; i < ins; i++) s += w[row + i] * input[i];
                    float v, d;
                    switch (act)
                    {
                        case LayerActivation.Tanh: v = PortableMath.Tanh(s); d = 1.0f - v * v; break;
                        case LayerActivation.Sigmoid: v = PortableMath.Sigmoid(s); d = v * (1.0f - v); break;
                        case LayerActivation.Relu: v = s > 0.0f ? s : 0.0f; d = s > 0.0f ? 1.0f : 0.0f; break;
                        default: v = s; d = 1.0f; break;
                    }
                    value[o] = v;
                    if (withSlopes) slope[o] = d;
                }
                input = value;
            }
        }
    }
}
