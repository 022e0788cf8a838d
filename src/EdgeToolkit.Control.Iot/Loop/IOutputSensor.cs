namespace EdgeToolkit.Control.Iot.Loop;

/// <summary>Reads the plant's measured outputs y, in the forward model's units and order.</summary>
public interface IOutputSensor
{
    int Outputs { get; }
    /// <summary>Throws IOException (or TimeoutException) when the bus fails; the loop turns that into a NaN reading.</summary>
    void Read(Span<float> outputs);
}
