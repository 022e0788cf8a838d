using EdgeToolkit.Text;

namespace EdgeToolkit.Quantization.Tests.Dynamic;

/// <summary>The MiniLM tokenizer against BERT-uncased ids known from the reference implementation.</summary>
public class WordPieceTokenizerTests
{
    private static readonly WordPieceTokenizer Tokenizer = MiniLmPackage.Tokenizer();

    [Fact]
    public void Encodes_words_and_punctuation_with_the_bert_uncased_ids()
    {
        Assert.Equal(30522, Tokenizer.VocabularySize);
        // [CLS] hello , world ! don ' t [SEP]
        Assert.Equal(new long[] { 101, 7592, 1010, 2088, 999, 2123, 1005, 1056, 102 }, Tokenizer.Encode("Hello, world! Don't"));
    }

    [Fact]
    public void Lowercases_strips_accents_and_splits_punctuation()
    {
        Assert.Equal(new[] { "cafe", "-", "creme", "$", "5", "." }, WordPieceTokenizer.BasicTokens("Café-Crème $5."));
        Assert.Equal(Tokenizer.Encode("cafe"), Tokenizer.Encode("CAFÉ"));
    }

    [Fact]
    public void Cuts_unknown_words_into_the_longest_pieces_and_marks_the_rest_unknown()
    {
        var pieces = Tokenizer.Pieces("quantization").ToList();
        Assert.True(pieces.Count > 1, "a word outside the vocabulary is cut into pieces");
        Assert.Equal(Tokenizer.Pieces("quantization"), Tokenizer.Encode("quantization")[1..^1].Select(i => (int)i));
        Assert.Equal(new[] { 100 }, Tokenizer.Pieces(new string('a', 101))); // [UNK]: longer than BERT's 100 characters
        Assert.Equal(256, Tokenizer.Encode(string.Join(' ', Enumerable.Repeat("word", 400))).Length);
    }
}
