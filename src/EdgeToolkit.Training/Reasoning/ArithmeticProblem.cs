using System.Globalization;

namespace EdgeToolkit.Training.Reasoning;

public enum ArithmeticOp { Add, Sub, Mul }

/// <summary>
/// One problem and its written forms. Answers are written least significant digit first (Lee et
/// al., "Teaching Arithmetic to Small Transformers"), so every emitted digit depends on digits
/// already visible plus one carry. Operands are written most significant digit first and, for add
/// and sub, zero-padded to 4 digits: then the two digits an answer digit needs sit at a fixed
/// offset from it, whatever the operands' lengths (unpadded, a 3-layer model learned the product
/// scratchpad but not the alignment of variable-length sums in 3,000 steps).
/// <list type="bullet">
/// <item>add: <c>1234+0987=1222$</c> (2221 reversed)</item>
/// <item>sub: <c>0012-0345=333-$</c> (a negative difference ends with its sign)</item>
/// <item>mul with scratchpad: <c>47*38=673+0141=6871$</c>: 47*8 = 376 reversed as 3 digits,
/// 47*30 = 1410 reversed as 4 digits, then their sum reversed. The fixed widths put each digit of
/// the sum under the two digits it adds, so each step is one digit plus a local carry.</item>
/// <item>mul without scratchpad: <c>47*38=6871$</c></item>
/// </list>
/// </summary>
public sealed record ArithmeticProblem(ArithmeticOp Op, int A, int B)
{
    public char Sign => Op switch { ArithmeticOp.Add => '+', ArithmeticOp.Sub => '-', _ => '*' };

    public string Prompt => $"{Operand(A)}{Sign}{Operand(B)}=";

    private string Operand(int v) => v.ToString(CultureInfo.InvariantCulture).PadLeft(Op == ArithmeticOp.Mul ? 0 : ArithmeticData.MaxOperandDigits, '0');

    /// <summary>The exact value written by the final answer.</summary>
    public long Value => Op switch { ArithmeticOp.Add => A + B, ArithmeticOp.Sub => A - B, _ => (long)A * B };

    /// <summary>The final answer as written: reversed digits, then '-' when negative.</summary>
    public string Answer => Reversed(Math.Abs(Value)) + (Value < 0 ? "-" : "");

    /// <summary>Everything the model writes after the prompt, up to and including the end token.</summary>
    public string Completion(bool scratchpad)
    {
        if (Op != ArithmeticOp.Mul || !scratchpad) return Answer + ArithmeticVocabulary.End;
        long units = (long)A * (B % 10), tens = (long)A * (B / 10) * 10;
        return $"{Reversed(units, 3)}+{Reversed(tens, 4)}={Answer}{ArithmeticVocabulary.End}";
    }

    public string Text(bool scratchpad) => Prompt + Completion(scratchpad);

    /// <summary>The final answer in a generated text: after the last '=', up to the end token (null without one).</summary>
    public static string? FinalAnswerOf(string promptAndCompletion)
    {
        int end = promptAndCompletion.IndexOf(ArithmeticVocabulary.End);
        if (end < 0) return null;
        int eq = promptAndCompletion.LastIndexOf('=', end);
        return eq < 0 ? null : promptAndCompletion[(eq + 1)..end];
    }

    private static string Reversed(long value, int width = 0)
    {
        var digits = value.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0').ToCharArray();
        Array.Reverse(digits);
        return new string(digits);
    }
}
