using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.Elementwise;

/// <summary>
/// Add, Sub, Mul, Div: two inputs of one type, multidirectional broadcasting (opset 7+; see
/// LegacyBroadcast for older opsets). Pow and Mod, with their own type rules, follow below.
/// </summary>
public sealed class BinaryArithmeticOperators : IOperatorProvider
{
    public IEnumerable<IOperator> Operators() => new IOperator[]
    {
        new BinaryArithmeticOperator("Add", (x, y) => x + y, (x, y) => unchecked(x + y)),
        new BinaryArithmeticOperator("Sub", (x, y) => x - y, (x, y) => unchecked(x - y)),
        new BinaryArithmeticOperator("Mul", (x, y) => x * y, (x, y) => unchecked(x * y)),
        new BinaryArithmeticOperator("Div", (x, y) => x / y, IntegerDivide),
    };

    /// <summary>C semantics: truncates toward zero. Division by zero is an error rather than a crash.</summary>
    internal static long IntegerDivide(long x, long y) =>
        y == 0 ? throw new ArgumentException("integer division by zero") : y == -1 ? unchecked(-x) : x / y;
}

/// <summary>One arithmetic op: both inputs of one numeric type, output of that type.</summary>
internal sealed class BinaryArithmeticOperator : IOperator
{
    private readonly Func<double, double, double> _float;
    private readonly Func<long, long, long> _int;
    public string OpType { get; }

    public BinaryArithmeticOperator(string opType, Func<double, double, double> floatOp, Func<long, long, long> intOp)
    {
        OpType = opType; _float = floatOp; _int = intOp;
    }

    public string? CheckSupported(ShapeContext ctx) => TypeSupport.RequireAll(ctx, TypeSupport.Numeric) ?? TypeSupport.RequireSame(ctx, 0, 1);

    public void InferShapes(ShapeContext ctx) => ctx.SetOutput(0, ctx.InputType(0), LegacyBroadcast.OutputShape(ctx));

    public void Evaluate(EvalContext ctx)
    {
        Tensor a = ctx.Input(0), b = LegacyBroadcast.AlignSecond(ctx.Node, ctx.Opset, a, ctx.Input(1));
        ctx.SetOutput(0, ElementwiseKernels.Binary(a, b, _float, _int));
    }
}

/// <summary>
/// Pow: the output has the base's type; from opset 12 the exponent may have another numeric type.
/// Integer results truncate the real power, as ONNX Runtime's static_cast of std::pow does.
/// </summary>
public sealed class PowOperator : IOperator
{
    public string OpType => "Pow";

    public string? CheckSupported(ShapeContext ctx) =>
        TypeSupport.Require(ctx, 0, TypeSupport.Numeric, "base") ?? TypeSupport.Require(ctx, 1, TypeSupport.Numeric, "exponent");

    public void InferShapes(ShapeContext ctx) => ctx.SetOutput(0, ctx.InputType(0), LegacyBroadcast.OutputShape(ctx));

    public void Evaluate(EvalContext ctx)
    {
        Tensor x = ctx.Input(0), y = LegacyBroadcast.AlignSecond(ctx.Node, ctx.Opset, x, ctx.Input(1));
        if (!x.Type.IsFloat() && y.Type.IsFloat())
        {
            // Integer base, float exponent: compute in double, truncate into the base's type.
            var shape = Broadcasting.Shapes(x.Shape, y.Shape);
            int[] ix = Broadcasting.IndexMap(shape, x.Shape), iy = Broadcasting.IndexMap(shape, y.Shape);
            double[] b = TensorValues.ToDoubles(x), e = TensorValues.ToDoubles(y);
            var r = new long[ix.Length];
            for (int i = 0; i < r.Length; i++) r[i] = (long)Math.Pow(b[ix[i]], e[iy[i]]);
            ctx.SetOutput(0, TensorValues.FromLongs(x.Type, shape, r));
            return;
        }
        ctx.SetOutput(0, ElementwiseKernels.Binary(x, y, Math.Pow, IntegerPower));
    }

    private static long IntegerPower(long b, long e)
    {
        if (e < 0) return (long)Math.Pow(b, e);
        long r = 1;
        unchecked
        {
            for (; e > 0; e >>= 1, b *= b) if ((e & 1) != 0) r *= b;
        }
        return r;
    }
}

/// <summary>
/// Mod (opset 10): fmod=0 is the integer modulus with the divisor's sign (Python's %); fmod=1 is
/// C's fmod with the dividend's sign, and is required for float inputs.
/// </summary>
public sealed class ModOperator : IOperator
{
    public string OpType => "Mod";

    public string? CheckSupported(ShapeContext ctx)
    {
        var why = TypeSupport.RequireAll(ctx, TypeSupport.Numeric) ?? TypeSupport.RequireSame(ctx, 0, 1);
        if (why != null) return why;
        return ctx.InputType(0).IsFloat() && ctx.Node.GetInt("fmod", 0) == 0 ? "Mod of float inputs requires fmod=1 (ONNX)" : null;
    }

    public void InferShapes(ShapeContext ctx) => ctx.SetOutput(0, ctx.InputType(0), ElementwiseKernels.BroadcastInputs(ctx));

    public void Evaluate(EvalContext ctx)
    {
        bool fmod = ctx.Node.GetInt("fmod", 0) != 0;
        ctx.SetOutput(0, ElementwiseKernels.Binary(ctx.Input(0), ctx.Input(1), (x, y) => x % y, fmod ? TruncatedMod : FlooredMod));
    }

    private static long TruncatedMod(long x, long y) => y == 0 ? throw new ArgumentException("integer modulus by zero") : y == -1 ? 0 : x % y;

    private static long FlooredMod(long x, long y)
    {
        long r = TruncatedMod(x, y);
        return r != 0 && (r < 0) != (y < 0) ? r + y : r;
    }
}
