using EdgeToolkit.CodeGen.Emitters.Conv;
using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters.Quantized;

/// <summary>
/// How the grouped (non-depthwise) QConv kernel lays out its operands. The TAPS = C/group * kh * kw
/// taps of one output are split into quads of 4 (the last one zero-padded); pairs of taps travel
/// as the two int16 halves of a word, the operand of SMLAD.
/// Blocks (two output channels of one group; an odd last channel is paired with itself), one
/// array of words so that one pointer reaches everything a block needs: the two channels' int32
/// biases, their requantisation rows, then the int8 weights four taps per word, the two channels
/// interleaved: [block][bias 2][rows 2][quad][channel].
/// Within a word the bytes are taps (t0, t2, t1, t3), so SXTB16 yields the int16 pair (t0, t1) and
/// SXTB16 of the word rotated by 8 yields (t2, t3): natural pairs, matching the im2col columns.
/// Columns (scratch): per pair of output pixels and quad, four words: pixel 0 taps (t0, t1), pixel 1
/// (t0, t1), pixel 0 (t2, t3), pixel 1 (t2, t3), so each SMLAD operand pair is one LDRD; a trailing
/// half quad holds only its first two words.
/// </summary>
internal sealed record QConvPacking(ConvGeometry G)
{
    public int Taps => G.TapsPerOutput;
    /// <summary>Taps rounded up to a whole pair (an odd last tap is paired with a zero).</summary>
    public int PairedTaps => (Taps + 1) / 2 * 2;
    public int Quads => (Taps + 3) / 4;
    public int FullQuads => PairedTaps / 4;
    /// <summary>The last quad holds one pair only (PairedTaps = 4k + 2).</summary>
    public bool HalfQuad => PairedTaps % 4 == 2;
    public int BlocksPerGroup => (G.OutChannelsPerGroup + 1) / 2;
    /// <summary>Words in front of a block's weights: two biases and two requantisation rows.</summary>
    public int HeaderWords(int rowWidth) => 2 + 2 * rowWidth;
    public int WordsPerBlock(int rowWidth) => HeaderWords(rowWidth) + 2 * Quads;
    /// <summary>Words of one column pair (two pixels) in the scratch.</summary>
    public int PairWords => 4 * Quads;

    /// <summary>Word of a tap pair i (taps 2i, 2i+1) of pixel p (0 or 1) within its column pair.</summary>
    public static int ColumnWord(int pair, int pixel) => (pair >> 1 << 2) + 2 * (pair & 1) + pixel;

    /// <summary>The blocks: bias [M], requantisation rows per channel, W [M, C/group, kh, (kw)] int8 as little-endian words.</summary>
    public Tensor PackBlocks(Tensor w, int[] bias, Func<int, int[]> row)
    {
        var src = w.Int8s;
        int taps = Taps, ocg = G.OutChannelsPerGroup;
        var words = new List<int>();
        for (int grp = 0; grp < G.Groups; grp++)
            for (int b = 0; b < BlocksPerGroup; b++)
            {
                int oc0 = grp * ocg + 2 * b, oc1 = 2 * b + 1 < ocg ? oc0 + 1 : oc0;
                words.Add(bias[oc0]);
                words.Add(bias[oc1]);
                words.AddRange(row(oc0));
                words.AddRange(row(oc1));
                for (int q = 0; q < Quads; q++)
                    foreach (var oc in new[] { oc0, oc1 })
                    {
                        int Tap(int k) => 4 * q + k < taps ? src[oc * taps + 4 * q + k] : 0;
                        words.Add((byte)Tap(0) | (byte)Tap(2) << 8 | (byte)Tap(1) << 16 | (byte)Tap(3) << 24);
                    }
            }
        return Tensor.FromInt32s(new[] { words.Count }, words.ToArray());
    }
}
