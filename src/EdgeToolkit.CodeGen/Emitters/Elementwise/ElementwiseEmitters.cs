using System.Globalization;
using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.Elementwise;

/// <summary>
/// Broadcasting elementwise ops with any number of inputs: arithmetic (float32 and every integer
/// type, wrapping like the reference's fixed-width types), Pow (float32 or integer base, any
/// exponent type), PRelu, comparisons (bool out), Where. Scalar constants become literals; the
/// output overwrites input 0 in place when they have the same shape and type.
/// </summary>
public sealed class ElementwiseEmitters : IKernelEmitterProvider
{
    private static readonly DataType[] Numeric =
    {
        DataType.Float32, DataType.Int8, DataType.UInt8, DataType.Int16, DataType.UInt16, DataType.Int32, DataType.UInt32, DataType.Int64, DataType.UInt64,
    };
    private static readonly DataType[] FloatOnly = { DataType.Float32 };
    private static readonly DataType[] Signed = { DataType.Float32, DataType.Int8, DataType.Int16, DataType.Int32, DataType.Int64 };

    public IEnumerable<IKernelEmitter> Emitters() => new IKernelEmitter[]
    {
        new Elementwise("Add", Numeric, (_, a, _) => Fold(a, (x, y) => $"{x} + {y}")),
        new Elementwise("Sub", Numeric, (_, a, _) => $"{a[0]} - {a[1]}"),
        // uint16 operands promote to int, whose product can overflow: multiply them as unsigned.
        new Elementwise("Mul", Numeric, (_, a, t) => Fold(a, (x, y) => t == DataType.UInt16 ? $"(uint32_t){x} * {y}" : $"{x} * {y}")),
        new Elementwise("Div", Numeric, (_, a, _) => $"{a[0]} / {a[1]}"),
        new Elementwise("Sum", Numeric, (_, a, _) => Fold(a, (x, y) => $"{x} + {y}")),
        new Elementwise("Mean", FloatOnly, (_, a, _) => $"({Fold(a, (x, y) => $"{x} + {y}")}) / {a.Length}.0f"),
        new Elementwise("Max", Numeric, (_, a, t) => Fold(a, (x, y) => t.IsFloat() ? $"({x} > {y} || {x} != {x} ? {x} : {y})" : $"({x} > {y} ? {x} : {y})")),
        new Elementwise("Min", Numeric, (_, a, t) => Fold(a, (x, y) => t.IsFloat() ? $"({x} < {y} || {x} != {x} ? {x} : {y})" : $"({x} < {y} ? {x} : {y})")),
        new Elementwise("Pow", Numeric, Pow),
        new Elementwise("PRelu", Signed, (_, a, t) => $"({a[0]} < 0 ? {a[0]} * {a[1]} : {a[0]})"),
        new Elementwise("Equal", Numeric, (_, a, _) => $"(uint8_t)({a[0]} == {a[1]})"),
        new Elementwise("Less", Numeric, (_, a, _) => $"(uint8_t)({a[0]} < {a[1]})"),
        new Elementwise("LessOrEqual", Numeric, (_, a, _) => $"(uint8_t)({a[0]} <= {a[1]})"),
        new Elementwise("Greater", Numeric, (_, a, _) => $"(uint8_t)({a[0]} > {a[1]})"),
        new Elementwise("GreaterOrEqual", Numeric, (_, a, _) => $"(uint8_t)({a[0]} >= {a[1]})"),
        new Elementwise("Where", Numeric, (_, a, _) => $"({a[0]} ? {a[1]} : {a[2]})", firstOperandIsCondition: true),
    };

    /// <summary>Left fold, so a + b + c rounds as ((a + b) + c) like the reference.</summary>
    private static string Fold(string[] a, Func<string, string, string> op) => a.Skip(1).Aggregate(a[0], op);

    /// <summary>
    /// Small constant exponents become multiplications (exact, and no helper call). An integer base
    /// takes integer powers; a float base takes the exponent as float, whatever its type.
    /// </summary>
    private static string Pow(KernelContext ctx, string[] a, DataType t)
    {
        if (t != DataType.Float32) return $"({t.CType()}){ctx.UseHelper("powi")}((int64_t){a[0]}, (int64_t){a[1]})";
        if (ctx.InputType(1) != DataType.Float32) return $"{ctx.UseHelper("pow")}({a[0]}, (float){a[1]})";
        if (ctx.Constant(1) is { Length: 1 } e)
            switch (e.GetDouble(0))
            {
                case 1: return a[0];
                case 2: return $"{a[0]} * {a[0]}";
                case 3: return $"{a[0]} * {a[0]} * {a[0]}";
                case 0.5: return $"{ctx.UseHelper("sqrt")}({a[0]})";
                case -1: return $"1.0f / {a[0]}";
            }
        return $"{ctx.UseHelper("pow")}({a[0]}, {a[1]})";
    }

    private sealed class Elementwise(string opType, DataType[] types, Func<KernelContext, string[], DataType, string> element,
        bool firstOperandIsCondition = false) : IKernelEmitter
    {
        public string OpType => opType;

        public string? CheckSupported(KernelContext ctx)
        {
            if (ctx.Node.Fused.Count > 0) return $"{opType} with fused post-ops";
            for (int i = firstOperandIsCondition ? 1 : 0; i < ctx.Node.Inputs.Count; i++)
                if (!types.Contains(ctx.InputType(i)))
                    return $"{opType} supports {string.Join(", ", types.Select(t => t.OnnxName()))}, input {i} is {ctx.InputType(i).OnnxName()}";
            if (firstOperandIsCondition && ctx.InputType(0) != DataType.Bool) return $"{opType} needs a bool condition";
            return null;
        }

        public KernelMemory Memory(KernelContext ctx) =>
            ctx.InputType(0) == ctx.OutputType(0) && ctx.InputShape(0).SequenceEqual(ctx.OutputShape(0)) ? KernelMemory.InPlace : KernelMemory.Separate;

        public void Emit(KernelContext ctx)
        {
            var type = ctx.InputType(firstOperandIsCondition ? 1 : 0);
            var operands = new List<Operand>();
            for (int i = 0; i < ctx.Node.Inputs.Count; i++)
            {
                var c = ctx.Constant(i);
                operands.Add(c is { Length: 1 } && !(firstOperandIsCondition && i == 0)
                    ? Operand.Literal(Literal(c, ctx.InputType(i)))
                    : new Operand(ctx.In(i), opType == "PRelu" && i == 1 ? LegacySlopeShape(ctx) : ctx.InputShape(i)));
            }
            if (firstOperandIsCondition) BroadcastLoop.WriteSelect(ctx.Code, ctx.OutputShape(0), operands, ctx.Out(0), args => element(ctx, args, type));
            else BroadcastLoop.Write(ctx.Code, ctx.OutputShape(0), operands, ctx.Out(0), args => element(ctx, args, type));
        }

        /// <summary>Before opset 7 a PRelu slope of shape [C] is per channel (X's dim 1): it walks as [C, 1, ...].</summary>
        private static int[] LegacySlopeShape(KernelContext ctx)
        {
            int[] x = ctx.InputShape(0), slope = ctx.InputShape(1);
            if (ctx.Graph.Opset >= 7 || slope.Length != 1 || x.Length < 2 || slope[0] == 1 || slope[0] != x[1]) return slope;
            return new[] { slope[0] }.Concat(Enumerable.Repeat(1, x.Length - 2)).ToArray();
        }

        private static string Literal(Tensor c, DataType t) => t switch
        {
            DataType.Float32 => "(" + CNames.Float((float)c.GetDouble(0)) + ")",
            DataType.Int64 => c.GetInt64(0) == long.MinValue ? "(-9223372036854775807LL - 1)" : $"({c.GetInt64(0).ToString(CultureInfo.InvariantCulture)}LL)",
            DataType.UInt64 => $"({((ulong)c.GetInt64(0)).ToString(CultureInfo.InvariantCulture)}ULL)",
            DataType.UInt32 => $"({c.GetInt64(0).ToString(CultureInfo.InvariantCulture)}U)",
            _ => $"({c.GetInt64(0).ToString(CultureInfo.InvariantCulture)})",
        };
    }
}
