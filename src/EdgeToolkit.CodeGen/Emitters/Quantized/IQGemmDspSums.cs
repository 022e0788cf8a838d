namespace EdgeToolkit.CodeGen.Emitters.Quantized;

/// <summary>
/// The SMLAD inner loop of QGemmDspKernel for one activation type: int8 rows (QGemmSmladLoop,
/// widened once to int16 pairs) or int16 rows (QGemmSmlad16Loop, read as they are). Each
/// decides which input each byte of a group's weight word multiplies, and the kernel packs W
/// in that order.
/// </summary>
internal interface IQGemmDspSums
{
    /// <summary>Byte b of a group's weight word holds the weight of input 4g + InputAt[b].</summary>
    IReadOnlyList<int> InputAt { get; }

    /// <summary>Bytes of scratch (arena) the loop needs.</summary>
    long ScratchBytes { get; }

    /// <summary>Declarations at the top of the kernel (under the DSP #if).</summary>
    void Declare();

    /// <summary>Once per input row, with `x` pointing at it (under the DSP #if).</summary>
    void PrepareRow();

    /// <summary>Adds the row's products into a0..a(r-1); moves w past the block.</summary>
    void Sums(int r);
}
