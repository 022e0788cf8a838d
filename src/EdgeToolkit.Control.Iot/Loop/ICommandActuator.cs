namespace EdgeToolkit.Control.Iot.Loop;

/// <summary>Applies the commands u, in the forward model's units and order.</summary>
public interface ICommandActuator
{
    int Commands { get; }
    void Write(ReadOnlySpan<float> commands);
}
