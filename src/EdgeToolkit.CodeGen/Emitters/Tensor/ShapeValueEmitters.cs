using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Ops;
using EdgeToolkit.CodeGen.Writing;

namespace EdgeToolkit.CodeGen.Emitters.TensorOps;

/// <summary>
/// Shape, Size and ConstantOfShape, whose outputs follow from shapes and constants alone: the
/// reference evaluator computes the output at generation time and the kernel writes it (a fill
/// for a single repeated value). Constant folding removes these nodes where it can; they remain
/// where their output is a graph output.
/// </summary>
public sealed class ShapeValueEmitters : IKernelEmitterProvider
{
    public IEnumerable<IKernelEmitter> Emitters() => new IKernelEmitter[]
    {
        new ShapeValue("Shape", readsInputValues: false), new ShapeValue("Size", readsInputValues: false), new ShapeValue("ConstantOfShape", readsInputValues: true),
    };

    private sealed class ShapeValue(string opType, bool readsInputValues) : IKernelEmitter
    {
        public string OpType => opType;

        public string? CheckSupported(KernelContext ctx)
        {
            if (readsInputValues && Enumerable.Range(0, ctx.Node.Inputs.Count).Any(i => ctx.HasInput(i) && ctx.Constant(i) == null))
                return $"{opType} needs constant inputs (fix them with --const)";
            return DataMovement.CheckType(ctx, ctx.OutputType(0));
        }

        public void Emit(KernelContext ctx)
        {
            var value = Value(ctx);
            var w = ctx.Code;
            DataMovement.Header(ctx, "known at generation time");
            if (value.Length == 0) { w.Line("/* empty output: nothing to write */"); return; }
            var type = value.Type.CType();
            var literals = Enumerable.Range(0, value.Length).Select(i => WeightsWriter.Literal(value, i)).ToList();
            w.Line($"{type} *y = {ctx.Out(0)};");
            w.Line("long j;");
            if (literals.Distinct().Count() == 1)
            {
                w.Line($"for (j = 0; j < {value.Length}L; j++) y[j] = {literals[0]};");
                return;
            }
            w.Line($"static const {type} values[{value.Length}] = {{ {string.Join(", ", literals)} }};");
            w.Line($"for (j = 0; j < {value.Length}L; j++) y[j] = values[j];");
        }

        /// <summary>The op run by the reference evaluator; inputs whose values it does not read are zeros of their shape.</summary>
        private static Tensor Value(KernelContext ctx)
        {
            var inputs = Enumerable.Range(0, ctx.Node.Inputs.Count)
                .Select(i => !ctx.HasInput(i) ? null : ctx.Constant(i) ?? Tensor.Zeros(DataType.Float32, ctx.InputShape(i))).ToArray();
            var eval = new EvalContext(ctx.Node, ctx.Graph.Opset, inputs);
            OperatorRegistry.Get(ctx.Node).Evaluate(eval);
            return eval.Outputs[0] ?? throw new InvalidOperationException($"{ctx.Node.OpType} '{ctx.Node.Name}' produced no output");
        }
    }
}
