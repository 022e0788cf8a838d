using EdgeToolkit.CodeGen.Emitters;

namespace EdgeToolkit.CodeGen.Planning;

/// <summary>One kernel in execution order, as the planner sees it: which values it reads and writes, and how.</summary>
public sealed record PlanStep(string Node, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs, KernelMemory Memory, long ScratchBytes);
