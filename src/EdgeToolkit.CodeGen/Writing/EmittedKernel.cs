namespace EdgeToolkit.CodeGen.Writing;

/// <summary>A parameter of a kernel function and the argument run_arena passes for it.</summary>
internal sealed record KernelParam(string Declaration, string Argument);

/// <summary>One static kernel function of model.c and its call.</summary>
internal sealed record EmittedKernel(string Function, string Comment, IReadOnlyList<KernelParam> Params, string Body);

/// <summary>A parameter of the public run functions.</summary>
internal sealed record PortParam(string CName, string Declaration);
