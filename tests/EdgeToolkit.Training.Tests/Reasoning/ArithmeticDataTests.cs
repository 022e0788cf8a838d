using EdgeToolkit.Training.Reasoning;

namespace EdgeToolkit.Training.Tests.Reasoning;

public class ArithmeticDataTests
{
    [Theory]
    [InlineData("0123456789+-*=$")]
    [InlineData("47*38=673+0141=6871$")]
    [InlineData("0012-0345=333-$")]
    public void TokenizerRoundTrips(string text)
    {
        var tokens = ArithmeticVocabulary.Encode(text);
        Assert.Equal(text.Length, tokens.Length);
        Assert.Equal(text, ArithmeticVocabulary.Decode(tokens));
        Assert.All(tokens, t => Assert.InRange(t, 0, ArithmeticVocabulary.Size - 1));
    }

    [Fact]
    public void EndTokenIsTheDollarSign() => Assert.Equal(ArithmeticVocabulary.EndToken, ArithmeticVocabulary.Encode("$")[0]);

    [Fact]
    public void CharacterOutsideTheVocabularyIsRejected() =>
        Assert.Throws<EdgeToolkit.Graph.EdgeToolkitException>(() => ArithmeticVocabulary.Encode("1/2"));

    // Answers worked out by hand: reversed digits, sign after the digits, padded operands.
    [Theory]
    [InlineData(ArithmeticOp.Add, 1234, 987, "1234+0987=1222$")]     // 2221
    [InlineData(ArithmeticOp.Add, 9999, 9999, "9999+9999=89991$")]   // 19998
    [InlineData(ArithmeticOp.Add, 0, 0, "0000+0000=0$")]
    [InlineData(ArithmeticOp.Add, 7, 5, "0007+0005=21$")]            // 12
    [InlineData(ArithmeticOp.Sub, 12, 345, "0012-0345=333-$")]       // -333
    [InlineData(ArithmeticOp.Sub, 5023, 18, "5023-0018=5005$")]      // 5005
    [InlineData(ArithmeticOp.Sub, 1000, 1, "1000-0001=999$")]        // 999
    [InlineData(ArithmeticOp.Sub, 7, 7, "0007-0007=0$")]
    [InlineData(ArithmeticOp.Sub, 0, 9999, "0000-9999=9999-$")]
    public void AddAndSubAreWrittenReversed(ArithmeticOp op, int a, int b, string expected) =>
        Assert.Equal(expected, new ArithmeticProblem(op, a, b).Text(scratchpad: true));

    [Theory]
    [InlineData(47, 38, "47*38=673+0141=6871$", "47*38=6871$")] // 47*8=376, 47*30=1410, 1786
    [InlineData(10, 10, "10*10=000+0010=001$", "10*10=001$")]   // 10*0=0, 10*10=100, 100
    [InlineData(99, 99, "99*99=198+0198=1089$", "99*99=1089$")] // 891, 8910, 9801
    [InlineData(25, 40, "25*40=000+0001=0001$", "25*40=0001$")] // 0, 1000, 1000
    public void ProductsAreWrittenWithAndWithoutScratchpad(int a, int b, string withScratchpad, string direct)
    {
        var p = new ArithmeticProblem(ArithmeticOp.Mul, a, b);
        Assert.Equal(withScratchpad, p.Text(scratchpad: true));
        Assert.Equal(direct, p.Text(scratchpad: false));
        Assert.True(withScratchpad.Length <= ArithmeticData.MaxSequenceLength);
    }

    [Theory]
    [InlineData("47*38=673+0141=6871$", "6871")]
    [InlineData("0012-0345=333-$", "333-")]
    [InlineData("47*38=673+0141=6871", null)]   // no end token: not an answer
    [InlineData("47*38=673+0141$", "673+0141")] // the scratchpad stopped early: wrong, not skipped
    public void FinalAnswerIsAfterTheLastEqualsUpToTheEnd(string text, string? answer) =>
        Assert.Equal(answer, ArithmeticProblem.FinalAnswerOf(text));

    [Fact]
    public void HeldOutSetsAreDistinctFixedAndNeverInTraining()
    {
        foreach (var op in ArithmeticData.Ops)
        {
            var held = ArithmeticData.HeldOut(op);
            Assert.Equal(1000, held.Count);
            Assert.Equal(1000, held.Distinct().Count());
            Assert.All(held, p => Assert.Equal(op, p.Op));
        }
        var all = ArithmeticData.Ops.SelectMany(ArithmeticData.HeldOut).ToHashSet();
        var rng = new Random(5);
        int sampled = 0;
        foreach (var op in ArithmeticData.Ops)
            for (int i = 0; i < 60_000; i++, sampled++)
                Assert.DoesNotContain(ArithmeticData.SampleTraining(rng, op), all);
        // Products: 1,000 of the 8,100 pairs are held out; a training stream this long visits all the others.
        var seenProducts = new HashSet<ArithmeticProblem>();
        for (int i = 0; i < 200_000; i++) seenProducts.Add(ArithmeticData.SampleTraining(rng, ArithmeticOp.Mul));
        Assert.Equal(8100 - 1000, seenProducts.Count);
    }

    [Fact]
    public void TrainingOperandLengthsAreBalanced()
    {
        var rng = new Random(9);
        var counts = new int[5];
        const int n = 40_000;
        for (int i = 0; i < n; i++) counts[ArithmeticData.SampleTraining(rng, ArithmeticOp.Add).A.ToString().Length]++;
        for (int digits = 1; digits <= 4; digits++) Assert.InRange(counts[digits] / (double)n, 0.23, 0.27);
    }

    [Fact]
    public void AboutAThirdOfTrainingSubtractionsAreClosePairs()
    {
        var rng = new Random(4);
        int close = 0;
        const int n = 30_000;
        for (int i = 0; i < n; i++)
        {
            var p = ArithmeticData.SampleTraining(rng, ArithmeticOp.Sub);
            string a = p.A.ToString(), b = p.B.ToString();
            if (a.Length == b.Length && a.Length > 1 && a[0] == b[0]) close++;
        }
        // A third are built close (3/4 of them longer than one digit), plus the random pairs that happen to be close (about 2.5%).
        Assert.InRange(close / (double)n, 0.25, 0.32);
    }

    [Fact]
    public void LossMaskCoversExactlyTheCompletion()
    {
        var problems = new[] { new ArithmeticProblem(ArithmeticOp.Add, 7, 5), new ArithmeticProblem(ArithmeticOp.Mul, 47, 38) };
        var (inputs, targets, mask) = ArithmeticBatch.Make(problems, scratchpad: true);
        var m = mask.data<float>().ToArray();
        var tg = targets.data<long>().ToArray();
        int steps = ArithmeticData.MaxSequenceLength - 1;
        Assert.Equal(new long[] { 2, steps }, inputs.shape);
        // Row 0: "0007+0005=21$": targets at steps 9..11 are '2', '1', '$'.
        Assert.Equal(Enumerable.Range(0, steps).Select(t => t is >= 9 and <= 11 ? 1f : 0f), m[..steps]);
        Assert.Equal("21$", ArithmeticVocabulary.Decode(tg[9..12]));
        // Row 1: "47*38=673+0141=6871$": 14 completion tokens from step 5.
        Assert.Equal(Enumerable.Range(0, steps).Select(t => t >= 5 ? 1f : 0f), m[steps..]);
        Assert.Equal("673+0141=6871$", ArithmeticVocabulary.Decode(tg[(steps + 5)..]));
    }
}
