namespace EdgeToolkit.Control.Runtime;

/// <summary>A controller for one plant: its settings and the names of its commands and outputs (what controller.json holds).</summary>
public sealed record ControllerPreset(string Plant, IReadOnlyList<string> InputNames, IReadOnlyList<string> OutputNames, ControllerSettings Settings);
