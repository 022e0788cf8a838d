using EdgeToolkit.Graph;

namespace EdgeToolkit.Training.Reasoning;

/// <summary>
/// Character-level tokens of the arithmetic models: one token per digit or sign, '$' ends an
/// answer (and pads training sequences, where the loss ignores it).
/// </summary>
public static class ArithmeticVocabulary
{
    public const string Symbols = "0123456789+-*=$";
    public const long EndToken = 14;
    public const char End = '$';
    public static int Size => Symbols.Length;

    public static long[] Encode(string text) => text.Select(TokenOf).ToArray();

    public static string Decode(IEnumerable<long> tokens) =>
        new(tokens.Select(t => t >= 0 && t < Symbols.Length ? Symbols[(int)t] : '?').ToArray());

    public static long TokenOf(char c)
    {
        int i = Symbols.IndexOf(c);
        if (i < 0) throw new EdgeToolkitException(ErrorKind.BadInput, $"character '{c}' is not in the arithmetic vocabulary \"{Symbols}\"",
            hint: "arithmetic problems use digits and + - * = only");
        return i;
    }
}
