namespace EdgeToolkit.CodeGen;

/// <summary>What the C generator is asked for.</summary>
public sealed record CodeGenOptions
{
    /// <summary>Symbol prefix of every global (made a C identifier); null takes the graph's name.</summary>
    public string? Name { get; init; }
    public TargetProfile Target { get; init; } = TargetProfile.ForTarget("host");
    /// <summary>Weights as a binary blob linked with .incbin (true), as C arrays (false), or blob only above Target.BlobThresholdBytes (null).</summary>
    public bool? WeightsBlob { get; init; }
    /// <summary>Also emit &lt;name&gt;_jacobian (dy/dx, row-major [outputs x inputs]); the graph must be an MLP (Analysis/MlpChain).</summary>
    public bool EmitJacobian { get; init; }
}
