using EdgeToolkit.CodeGen;
using EdgeToolkit.Targets.Boards;

namespace EdgeToolkit.Targets.Decoding;

/// <summary>Splits prompts into consecutive runs that fit the board's flash and the time limit.</summary>
public static class DecodeBatches
{
    /// <summary>Flash kept for the model's code, the loop and the board support beside the weights.</summary>
    public const long CodeReserveBytes = 64 * 1024;
    private const long HostedPromptBytes = 16L << 20;
    private const long MinimumPromptBytes = 4096;

    /// <summary>The most steps a prompt can take: its tokens, then one per generated token after the first, within the context.</summary>
    public static long StepBound(long[] prompt, int maxNewTokens, int maxContext) =>
        Math.Max(1, Math.Min(maxContext, (long)prompt.Length + maxNewTokens - 1));

    /// <summary>Prompt bytes one run may put in flash: half of what the weights and code leave free.</summary>
    public static long PromptBytesPerRun(BoardDefinition? board, GeneratedModel model) =>
        board == null ? HostedPromptBytes : Math.Max(MinimumPromptBytes, (board.Flash.Bytes - model.WeightBytes - CodeReserveBytes) / 2);

    /// <summary>
    /// Steps for the first run, whose speed then sizes the others: about 2e9 emulated instructions
    /// (some seconds of QEMU), guessing a step's cost from its MACs: a few instructions per MAC with an
    /// FPU, tens without (soft float), never less than 16 steps nor more than 4096.
    /// </summary>
    public static int FirstRunSteps(BoardDefinition? board, GeneratedModel model)
    {
        if (board == null) return MaxFirstRunSteps;
        double perStep = Math.Max(2000, model.Macs * (board.HasFpu ? 8.0 : 80.0));
        return (int)Math.Clamp(2e9 / perStep, 16, MaxFirstRunSteps);
    }

    private const int MaxFirstRunSteps = 4096;

    /// <summary>Flash bytes of one prompt: its tokens plus its offset.</summary>
    public static long PromptBytes(long[] prompt, int vocab) => (long)prompt.Length * DecodeHarnessWriter.TokenBytes(vocab) + 4;

    /// <summary>How many prompts from start go into the next run (at least one).</summary>
    public static int Take(IReadOnlyList<long[]> prompts, int start, int vocab, int maxNewTokens, int maxContext, long byteBudget, long stepBudget)
    {
        long bytes = 0, steps = 0;
        int n = 0;
        while (start + n < prompts.Count)
        {
            bytes += PromptBytes(prompts[start + n], vocab);
            steps += StepBound(prompts[start + n], maxNewTokens, maxContext);
            if (n > 0 && (bytes > byteBudget || steps > stepBudget)) break;
            n++;
        }
        return Math.Max(1, n);
    }
}
