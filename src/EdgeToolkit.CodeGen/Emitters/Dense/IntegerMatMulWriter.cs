using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Ops.Dense;

namespace EdgeToolkit.CodeGen.Emitters.Dense;

/// <summary>Where an integer MatMul's operands and zero points sit among its node's inputs (a zero point input may be omitted).</summary>
internal sealed record IntegerMatMulInputs(int A, int AZero, int B, int BZero);

/// <summary>One result of the integer sums, as C expressions: the int32 sum, its row of A and column of B (within the matrix) and y's element.</summary>
internal sealed record IntegerSum(string Sum, string Row, string Column, string Y);

/// <summary>
/// The exact integer part that MatMulInteger and QLinearMatMul share: s = sum over k of
/// (a - a_zero) * (b - b_zero) in int32, zero points per tensor, per row of A or per column of B
/// (MatMulQuantParams), with MatMul's batching. A constant b shared by every batch (weights) takes
/// IntegerWeightRows; anything else a plain loop nest over the broadcast batch dims, as MatMul's.
/// The store callback writes each result.
/// </summary>
internal static class IntegerMatMulWriter
{
    /// <summary>Largest K whose sums cannot leave int32 (|(a - az)(b - bz)| &lt;= 255 * 255); signed overflow is undefined in C.</summary>
    private const int MaxK = int.MaxValue / (255 * 255);

    public static string? Check(KernelContext ctx, IntegerMatMulInputs io)
    {
        string op = ctx.Node.OpType;
        foreach (var (operand, zero) in new[] { (io.A, io.AZero), (io.B, io.BZero) })
        {
            if (ctx.InputType(operand) is not (DataType.Int8 or DataType.UInt8)) return $"{op} input {operand} must be int8 or uint8, not {ctx.InputType(operand).OnnxName()}";
            if (ctx.HasInput(zero) && ctx.InputType(zero) != ctx.InputType(operand)) return $"{op} zero point input {zero} must have the type of input {operand}";
        }
        if (ctx.Node.Fused.Count > 0) return $"{op} with fused post-ops";
        var g = MatMulShape.Of(ctx.InputShape(io.A), ctx.InputShape(io.B));
        if (g.K > MaxK) return $"{op} with K = {g.K} could overflow its int32 sums (at most {MaxK})";
        return CheckParam(ctx, io.AZero, io.A, ofA: true) ?? CheckParam(ctx, io.BZero, io.B, ofA: false);
    }

    /// <summary>Why a scale or zero point cannot be emitted: C takes them per tensor, per row of A or per column of B, not varying by batch.</summary>
    public static string? CheckParam(KernelContext ctx, int param, int operand, bool ofA)
    {
        if (!ctx.HasInput(param)) return null;
        var (kind, why) = MatMulQuantParams.Classify(ctx.InputShape(operand), ctx.InputShape(param), ofA);
        if (why != null) return $"{ctx.Node.OpType} input {param}: {why}";
        return kind == MatMulParamKind.Batched ? $"{ctx.Node.OpType} input {param} varies along the batch dims (C takes per-tensor, per-row and per-column parameters)" : null;
    }

    /// <summary>C expression of a parameter for a row of A or a column of B (index), "0" when the input is absent.</summary>
    public static string Param(KernelContext ctx, int param, int operand, bool ofA, string index)
    {
        if (!ctx.HasInput(param)) return "0";
        var kind = MatMulQuantParams.Classify(ctx.InputShape(operand), ctx.InputShape(param), ofA).Kind;
        return $"{ctx.In(param)}[{(kind == MatMulParamKind.PerTensor ? "0" : index)}]";
    }

    public static long Macs(KernelContext ctx, IntegerMatMulInputs io)
    {
        var g = MatMulShape.Of(ctx.InputShape(io.A), ctx.InputShape(io.B));
        return (long)g.Batch * g.M * g.K * g.N;
    }

    /// <summary>Writes the sums and calls store for each; y (the output, typed) is declared here.</summary>
    public static void Write(KernelContext ctx, IntegerMatMulInputs io, Action<IntegerSum> store)
    {
        var g = MatMulShape.Of(ctx.InputShape(io.A), ctx.InputShape(io.B));
        ctx.Code.Line($"{ctx.OutputType(0).CType()} *y = {ctx.Out(0)};");
        if (WeightRows(ctx, io) is { } rows) rows.Write(store);
        else WriteBatched(ctx, io, g, store);
    }

    /// <summary>Scratch for the DSP form of the weight-rows kernel (the row of a widened to int16).</summary>
    public static long ScratchBytes(KernelContext ctx, IntegerMatMulInputs io) => WeightRows(ctx, io)?.ScratchBytes ?? 0;

    /// <summary>The weight-rows kernel when b is a constant matrix shared by every batch, else null.</summary>
    private static IntegerWeightRows? WeightRows(KernelContext ctx, IntegerMatMulInputs io)
    {
        var g = MatMulShape.Of(ctx.InputShape(io.A), ctx.InputShape(io.B));
        return ctx.Constant(io.B) is { } b && g.BatchB == 1 ? new IntegerWeightRows(ctx, io, g, b) : null;
    }

    private static void WriteBatched(KernelContext ctx, IntegerMatMulInputs io, MatMulShape g, Action<IntegerSum> store)
    {
        var w = ctx.Code;
        int rank = g.OutBatch.Length;
        var idx = Enumerable.Range(0, rank).Select(d => $"i{d}").ToList();
        w.Line($"/* [{g.M}x{g.K}] x [{g.K}x{g.N}] per batch; exact int32 sums of (a - a_zero) * (b - b_zero) */");
        w.Line($"int {string.Join(", ", idx.Append("m").Append("n").Append("k"))};");
        var loops = new List<IDisposable>();
        for (int d = 0; d < rank; d++) loops.Add(w.Block($"for ({idx[d]} = 0; {idx[d]} < {g.OutBatch[d]}; {idx[d]}++)"));
        string Offset(int[] strides) => string.Join(" + ", Enumerable.Range(0, rank).Where(d => strides[d] != 0).Select(d => $"{idx[d]} * {strides[d]}").DefaultIfEmpty("0"));
        w.Line($"const {ctx.InputType(io.A).CType()} *a = {ctx.In(io.A)} + {Offset(g.StridesA)};");
        w.Line($"const {ctx.InputType(io.B).CType()} *b = {ctx.In(io.B)} + {Offset(g.StridesB)};");
        w.Line($"{ctx.OutputType(0).CType()} *yb = y + {Offset(g.StridesY)};");
        using (w.Block($"for (m = 0; m < {g.M}; m++)"))
        {
            w.Line($"const int32_t a_zero = {Param(ctx, io.AZero, io.A, ofA: true, "m")};");
            using (w.Block($"for (n = 0; n < {g.N}; n++)"))
            {
                w.Line($"const int32_t b_zero = {Param(ctx, io.BZero, io.B, ofA: false, "n")};");
                w.Line("int32_t s = 0;");
                w.Line($"for (k = 0; k < {g.K}; k++) s += ((int32_t)a[m * {g.K} + k] - a_zero) * ((int32_t)b[k * {g.N} + n] - b_zero);");
                store(new IntegerSum("s", "m", "n", $"yb[m * {g.N} + n]"));
            }
        }
        for (int d = rank - 1; d >= 0; d--) loops[d].Dispose();
    }
}
