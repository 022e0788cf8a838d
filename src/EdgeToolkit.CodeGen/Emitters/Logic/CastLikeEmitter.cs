using EdgeToolkit.CodeGen.Emitters.TensorOps;

namespace EdgeToolkit.CodeGen.Emitters.Logic;

/// <summary>CastLike: a Cast to the second input's element type (its values are not read), so the Cast kernel writes it.</summary>
public sealed class CastLikeEmitter : IKernelEmitter
{
    private static readonly CastEmitter Cast = new();

    public string OpType => "CastLike";

    public string? CheckSupported(KernelContext ctx) => Cast.CheckSupported(ctx);

    public void Emit(KernelContext ctx) => Cast.Emit(ctx);
}
