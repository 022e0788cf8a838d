namespace EdgeToolkit.Control.NanoFramework
{
    /// <summary>
    /// The activation after a dense layer, with the same values as EdgeToolkit.Graph.Analysis.MlpActivation
    /// (this assembly cannot reference that one: it is built against nanoFramework's mscorlib).
    /// </summary>
    public enum LayerActivation { Identity = 0, Tanh = 1, Relu = 2, Sigmoid = 3 }
}
