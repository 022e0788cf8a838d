using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.Logic;

/// <summary>
/// And, Or, Xor, Not on bool tensors (uint8_t 0/1) and the integer bitwise ops: BitwiseAnd/Or/Xor/Not
/// (opset 18) and BitShift (unsigned types; a shift by the type's width or more gives 0, as ONNX
/// Runtime does, where C would be undefined).
/// </summary>
public sealed class LogicalEmitters : IKernelEmitterProvider
{
    private static bool IsBool(DataType t) => t == DataType.Bool;
    private static bool IsUnsigned(DataType t) => t is DataType.UInt8 or DataType.UInt16 or DataType.UInt32 or DataType.UInt64;

    public IEnumerable<IKernelEmitter> Emitters() => new IKernelEmitter[]
    {
        // Logical rather than bitwise operators: any non-zero byte counts as true.
        ElementwiseKernel.Expression("And", IsBool, "bool", (_, a) => $"(uint8_t)({a[0]} && {a[1]})"),
        ElementwiseKernel.Expression("Or", IsBool, "bool", (_, a) => $"(uint8_t)({a[0]} || {a[1]})"),
        ElementwiseKernel.Expression("Xor", IsBool, "bool", (_, a) => $"(uint8_t)(!{a[0]} != !{a[1]})"),
        ElementwiseKernel.Expression("Not", IsBool, "bool", (_, a) => $"(uint8_t)!{a[0]}"),
        ElementwiseKernel.Expression("BitwiseAnd", t => t.IsInteger(), "integer types", (ctx, a) => $"({ctx.OutputType(0).CType()})({a[0]} & {a[1]})"),
        ElementwiseKernel.Expression("BitwiseOr", t => t.IsInteger(), "integer types", (ctx, a) => $"({ctx.OutputType(0).CType()})({a[0]} | {a[1]})"),
        ElementwiseKernel.Expression("BitwiseXor", t => t.IsInteger(), "integer types", (ctx, a) => $"({ctx.OutputType(0).CType()})({a[0]} ^ {a[1]})"),
        ElementwiseKernel.Expression("BitwiseNot", t => t.IsInteger(), "integer types", (ctx, a) => $"({ctx.OutputType(0).CType()})~{a[0]}"),
        ElementwiseKernel.Expression("BitShift", IsUnsigned, "unsigned integer types", Shift,
            ctx => ctx.Node.GetString("direction", "") is "LEFT" or "RIGHT" ? null : "BitShift needs direction LEFT or RIGHT",
            ctx => "direction " + ctx.Node.GetString("direction", "")),
    };

    private static string Shift(KernelContext ctx, string[] a)
    {
        var t = ctx.OutputType(0);
        int bits = t.SizeOf() * 8;
        // uint8/uint16 would be promoted to (signed) int, where a left shift can overflow: shift as uint32_t.
        var value = bits < 32 ? $"(uint32_t){a[0]}" : a[0];
        var op = ctx.Node.GetString("direction", "") == "LEFT" ? "<<" : ">>";
        return $"({a[1]} >= {bits} ? 0 : ({t.CType()})({value} {op} {a[1]}))";
    }
}
