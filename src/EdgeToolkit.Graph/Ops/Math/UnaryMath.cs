using EdgeToolkit.Graph.Ops.Common;
using M = System.Math;

// Not "Ops.Math": a namespace named Math would hide System.Math in every EdgeToolkit.Graph.Ops.* file.
namespace EdgeToolkit.Graph.Ops.MathOps;

/// <summary>Elementwise math: Exp, Log, Sqrt, Erf, Neg, Abs, Reciprocal, Floor, Ceil, Round, Sign, trigonometric and hyperbolic functions.</summary>
public sealed class UnaryMathOperators : IOperatorProvider
{
    public IEnumerable<IOperator> Operators() => new IOperator[]
    {
        new UnaryOperator("Exp", M.Exp),
        new UnaryOperator("Log", M.Log),
        new UnaryOperator("Sqrt", M.Sqrt),
        new UnaryOperator("Erf", SpecialFunctions.Erf),
        new UnaryOperator("Reciprocal", x => 1 / x),
        new UnaryOperator("Floor", M.Floor),
        new UnaryOperator("Ceil", M.Ceiling),
        // ONNX Round rounds halves to even.
        new UnaryOperator("Round", x => M.Round(x, MidpointRounding.ToEven)),
        new UnaryOperator("Sin", M.Sin),
        new UnaryOperator("Cos", M.Cos),
        new UnaryOperator("Tan", M.Tan),
        new UnaryOperator("Asin", M.Asin),
        new UnaryOperator("Acos", M.Acos),
        new UnaryOperator("Atan", M.Atan),
        new UnaryOperator("Sinh", M.Sinh),
        new UnaryOperator("Cosh", M.Cosh),
        new UnaryOperator("Asinh", M.Asinh),
        new UnaryOperator("Acosh", M.Acosh),
        new UnaryOperator("Atanh", M.Atanh),
        new UnaryOperator("Neg", x => -x, x => unchecked(-x), TypeSupport.SignedNumeric),
        new UnaryOperator("Abs", M.Abs, x => x < 0 ? unchecked(-x) : x),
        // Keeps 0 and NaN as they are (Math.Sign throws on NaN).
        new UnaryOperator("Sign", x => x > 0 ? 1 : x < 0 ? -1 : x, x => M.Sign(x)),
    };
}
