namespace EdgeToolkit.Graph;

/// <summary>
/// How to run a stateful one-token-per-step language model (incremental decoding with a
/// key/value cache): the token and position inputs, the logits output, and which state output
/// feeds which state input on the next step (the CLI's --state IN=OUT). Greedy decoding feeds the
/// prompt one token per step from position 0, then the argmax of the logits, until EndToken or
/// MaxContext positions. States start at zero.
/// </summary>
/// <param name="TokenInput">int64 [1]: the token at this step.</param>
/// <param name="PositionInput">int64 [1]: its position, 0-based.</param>
/// <param name="LogitsOutput">float32 [1, vocab] (or [vocab]): next-token scores.</param>
public sealed record DecoderSignature(string TokenInput, string PositionInput, string LogitsOutput,
    IReadOnlyList<StatePair> States, long EndToken, int MaxContext);

/// <summary>A state carried from an output of one step to an input of the next.</summary>
public sealed record StatePair(string Input, string Output);
