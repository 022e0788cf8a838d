using System.Globalization;
using System.Text;

namespace EdgeToolkit.Text;

/// <summary>
/// BERT's uncased tokenizer, as all-MiniLM-L6-v2 was trained with: clean and lowercase the text,
/// strip accents, split on whitespace and punctuation, then cut each word into the longest
/// vocabulary pieces from the left ("##" marks a piece inside a word); a word that cannot be cut
/// becomes [UNK]. Wrapped in [CLS] ... [SEP].
/// </summary>
public sealed class WordPieceTokenizer
{
    private const int MaxWordChars = 100;
    private readonly Dictionary<string, int> _vocab;
    private readonly int _unk, _cls, _sep;

    public WordPieceTokenizer(IEnumerable<string> vocabLines)
    {
        _vocab = new Dictionary<string, int>();
        int id = 0;
        foreach (var line in vocabLines) _vocab.TryAdd(line.TrimEnd('\r'), id++);
        _unk = _vocab["[UNK]"]; _cls = _vocab["[CLS]"]; _sep = _vocab["[SEP]"];
    }

    public int VocabularySize => _vocab.Count;

    /// <summary>[CLS] pieces... [SEP], at most maxTokens long (pieces past the limit are dropped, as sentence-transformers truncates).</summary>
    public long[] Encode(string text, int maxTokens = 256)
    {
        var ids = new List<long> { _cls };
        foreach (var word in BasicTokens(text)) ids.AddRange(Pieces(word).Select(p => (long)p));
        if (ids.Count > maxTokens - 1) ids.RemoveRange(maxTokens - 1, ids.Count - (maxTokens - 1));
        ids.Add(_sep);
        return ids.ToArray();
    }

    /// <summary>Lowercased, accent-free words and single punctuation marks.</summary>
    public static IEnumerable<string> BasicTokens(string text)
    {
        var word = new StringBuilder();
        foreach (char c in text.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            var cat = char.GetUnicodeCategory(c);
            if (cat == UnicodeCategory.NonSpacingMark || c == '\0' || c == '\uFFFD' || (char.IsControl(c) && !char.IsWhiteSpace(c))) continue;
            if (char.IsWhiteSpace(c) || IsPunctuation(c) || IsCjk(c))
            {
                if (word.Length > 0) { yield return word.ToString(); word.Clear(); }
                if (!char.IsWhiteSpace(c)) yield return c.ToString();
                continue;
            }
            word.Append(c);
        }
        if (word.Length > 0) yield return word.ToString();
    }

    /// <summary>Greedy longest-match-first WordPiece of one word.</summary>
    public IEnumerable<int> Pieces(string word)
    {
        if (word.Length > MaxWordChars) return new[] { _unk };
        var pieces = new List<int>();
        for (int start = 0; start < word.Length;)
        {
            int end = word.Length, found = -1;
            for (; end > start; end--)
            {
                var piece = (start > 0 ? "##" : "") + word[start..end];
                if (_vocab.TryGetValue(piece, out found)) break;
            }
            if (end == start) return new[] { _unk };
            pieces.Add(found);
            start = end;
        }
        return pieces;
    }

    /// <summary>BERT counts every non-alphanumeric ASCII symbol as punctuation ('$', '^', '`'...), plus Unicode's P* classes.</summary>
    private static bool IsPunctuation(char c) =>
        c is >= '!' and <= '/' or >= ':' and <= '@' or >= '[' and <= '`' or >= '{' and <= '~'
        || char.GetUnicodeCategory(c) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
            or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;

    private static bool IsCjk(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF';
}
