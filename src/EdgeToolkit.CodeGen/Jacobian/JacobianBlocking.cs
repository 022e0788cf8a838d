namespace EdgeToolkit.CodeGen.Jacobian;

/// <summary>
/// How many sums the Jacobian's loops keep in registers at once. Blocking changes only which sums
/// run side by side, never the order of the terms within a sum.
/// </summary>
internal static class JacobianBlocking
{
    /// <summary>FPv4/FPv5 have 32 single registers: 16 sums leave room for the operands (more spill on every target we measured).</summary>
    public static int Sums(TargetProfile target) => Math.Clamp(target.FloatRegisters, 1, 16);

    /// <summary>
    /// Outputs per block of a forward layer with row-major weights: the block reads w[r * inputs + i]
    /// for r in the block, and VLDR reaches 255 words past its base register, so wider blocks of long
    /// rows would cost an address computation per weight.
    /// </summary>
    public static int ForwardRows(TargetProfile target, int outputs, int inputs) =>
        Balanced(outputs, Math.Min(Sums(target), 1 + 255 / Math.Max(1, inputs)));

    /// <summary>Inputs per block of a backward layer: every one of the m outputs has a sum per input.</summary>
    public static int BackwardColumns(TargetProfile target, int inputs, int outputsOfModel) =>
        Balanced(inputs, Math.Max(1, Sums(target) / outputsOfModel));

    /// <summary>The block width at most max that splits n into equal blocks where it can (32 by 8 is 4 x 8; 7 by 8 is 1 x 7).</summary>
    private static int Balanced(int n, int max)
    {
        int blocks = (n + max - 1) / max;
        return (n + blocks - 1) / blocks;
    }
}
