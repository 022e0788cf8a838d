using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Ops.Loss;

namespace EdgeToolkit.CodeGen.Emitters.Loss;

/// <summary>
/// NegativeLogLikelihoodLoss and SoftmaxCrossEntropyLoss on float32 (LossOperators has the
/// rules): one pass over the N x Inner positions, each reading its target class; the softmax form
/// takes the log-sum-exp of that position's C scores first (and writes the log-probabilities when
/// asked). Sums accumulate in double, as many terms may be added.
/// </summary>
public sealed class LossEmitters : IKernelEmitterProvider
{
    public IEnumerable<IKernelEmitter> Emitters() => new IKernelEmitter[] { new LossEmitter("NegativeLogLikelihoodLoss"), new LossEmitter("SoftmaxCrossEntropyLoss") };

    private sealed class LossEmitter(string opType) : IKernelEmitter
    {
        public string OpType => opType;
        private bool Softmax => opType == "SoftmaxCrossEntropyLoss";

        public string? CheckSupported(KernelContext ctx) =>
            ctx.InputType(0) != DataType.Float32 ? $"{opType} supports float32 only, got {ctx.InputType(0).OnnxName()}"
            : ctx.Node.Fused.Count > 0 ? $"{opType} with fused post-ops" : null;

        public void Emit(KernelContext ctx)
        {
            var g = new LossGeometry(ctx.InputShape(0));
            var reduction = LossGeometry.Reduction(ctx.Node);
            bool weighted = ctx.HasInput(2), logProb = Softmax && ctx.Node.Outputs.Count > 1 && ctx.Node.Outputs[1].Length > 0;
            var w = ctx.Code;
            w.Line($"/* {opType} '{CNames.Comment(ctx.Node.Name)}': N {g.N}, C {g.C}, positions {g.Inner}, reduction {reduction} */");
            w.Line($"const float *x = {ctx.In(0)};");
            w.Line($"const {ctx.InputType(1).CType()} *t = {ctx.In(1)};");
            if (weighted) w.Line($"const float *wt = {ctx.In(2)};");
            w.Line($"float *y = {ctx.Out(0)};");
            if (logProb) w.Line($"float *lp = {ctx.Out(1)};");
            w.Line("double loss_sum = 0.0, weight_sum = 0.0;");
            w.Line(Softmax ? "long n, d, c;" : "long n, d;");
            using (w.Block($"for (n = 0; n < {g.N}L; n++)"))
            using (w.Block($"for (d = 0; d < {g.Inner}L; d++)"))
            {
                w.Line($"const float *row = x + n * {(long)g.C * g.Inner}L + d;");
                w.Line("long k = (long)t[n * " + g.Inner + "L + d];");
                w.Line("float loss = 0.0f, weight = 1.0f;");
                if (Softmax) WriteLogSumExp(ctx, g, logProb);
                // An ignored position adds neither loss nor weight.
                var ignored = ctx.Node.HasAttribute("ignore_index") ? w.Block($"if (k != {ctx.Node.GetInt("ignore_index", 0)}L)") : null;
                if (weighted) w.Line("weight = wt[k];");
                w.Line($"loss = -{(Softmax ? $"(row[k * {g.Inner}L] - lse)" : $"row[k * {g.Inner}L]")} * weight;");
                w.Line("loss_sum += loss;");
                w.Line("weight_sum += weight;");
                ignored?.Dispose();
                if (reduction == "none") w.Line($"y[n * {g.Inner}L + d] = loss;");
            }
            if (reduction == "sum") w.Line("y[0] = (float)loss_sum;");
            else if (reduction == "mean") w.Line("y[0] = (float)(loss_sum / weight_sum);");
            else w.Line("(void)loss_sum; (void)weight_sum;");
        }

        /// <summary>lse = log(sum over c of e^row[c]) with the maximum taken out first; the log-probabilities are row - lse.</summary>
        private static void WriteLogSumExp(KernelContext ctx, LossGeometry g, bool logProb)
        {
            var w = ctx.Code;
            w.Line("float max = row[0], sum = 0.0f, lse;");
            w.Line($"for (c = 1; c < {g.C}L; c++) if (row[c * {g.Inner}L] > max) max = row[c * {g.Inner}L];");
            w.Line($"for (c = 0; c < {g.C}L; c++) sum += {ctx.UseHelper("exp")}(row[c * {g.Inner}L] - max);");
            w.Line($"lse = max + {ctx.UseHelper("log")}(sum);");
            if (logProb) w.Line($"for (c = 0; c < {g.C}L; c++) lp[n * {(long)g.C * g.Inner}L + d + c * {g.Inner}L] = row[c * {g.Inner}L] - lse;");
        }
    }
}
