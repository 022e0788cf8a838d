namespace EdgeToolkit.CodeGen.Jacobian;

/// <summary>A static function of the backward pass and the names of its parameters, which the call passes by name.</summary>
internal sealed record WrittenFunction(string Code, IReadOnlyList<string> Parameters);
