namespace EdgeToolkit.Training.Reasoning;

/// <summary>
/// The problems: a fixed held-out set per operation (the evaluation data sets and the card use
/// it) and a seeded training stream that never yields a held-out problem.
/// Held-out add/sub operands are uniform in 0..9999 (mostly 4-digit, as in Lee et al.); held-out
/// products are uniform over 10..99 x 10..99. Training operands of add/sub have their length
/// drawn uniformly from 1..4 first, so short problems are as common as long ones. A third of the
/// training subtractions have operands of one length that share their leading digits: their sign
/// and the length of the difference depend on the low digits, and such pairs are rare otherwise
/// (a model trained without them missed about 2% of held-out differences, nearly all of them close pairs).
/// </summary>
public static class ArithmeticData
{
    public const int HeldOutSeed = 20_251_127;
    public const int HeldOutPerOp = 1000;
    public const int MaxOperandDigits = 4;
    /// <summary>Longest problem: a 2-digit product with its scratchpad, "47*38=673+0141=6871$".</summary>
    public const int MaxSequenceLength = 20;
    /// <summary>Positions the model knows (and the exported cache holds): a few more than the longest problem.</summary>
    public const int MaxContext = 24;

    public static readonly ArithmeticOp[] Ops = { ArithmeticOp.Add, ArithmeticOp.Sub, ArithmeticOp.Mul };

    private static readonly Lazy<IReadOnlyDictionary<ArithmeticOp, IReadOnlyList<ArithmeticProblem>>> HeldOutSets = new(() =>
    {
        var rng = new Random(HeldOutSeed);
        return Ops.ToDictionary(op => op, op =>
        {
            var set = new HashSet<ArithmeticProblem>();
            var list = new List<ArithmeticProblem>();
            while (list.Count < HeldOutPerOp)
            {
                var p = op == ArithmeticOp.Mul
                    ? new ArithmeticProblem(op, rng.Next(10, 100), rng.Next(10, 100))
                    : new ArithmeticProblem(op, rng.Next(0, 10_000), rng.Next(0, 10_000));
                if (set.Add(p)) list.Add(p);
            }
            return (IReadOnlyList<ArithmeticProblem>)list;
        });
    });

    private static readonly Lazy<HashSet<ArithmeticProblem>> HeldOutAll = new(() => HeldOutSets.Value.Values.SelectMany(v => v).ToHashSet());

    /// <summary>The 1,000 held-out problems of an operation, in a fixed order (evaluate takes the first N).</summary>
    public static IReadOnlyList<ArithmeticProblem> HeldOut(ArithmeticOp op) => HeldOutSets.Value[op];

    public static bool IsHeldOut(ArithmeticProblem p) => HeldOutAll.Value.Contains(p);

    /// <summary>A training problem of the given operation, never a held-out one.</summary>
    public static ArithmeticProblem SampleTraining(Random rng, ArithmeticOp op)
    {
        while (true)
        {
            var p = op switch
            {
                ArithmeticOp.Mul => new ArithmeticProblem(op, rng.Next(10, 100), rng.Next(10, 100)),
                ArithmeticOp.Sub when rng.Next(3) == 0 => ClosePair(rng),
                _ => new ArithmeticProblem(op, OperandOfRandomLength(rng), OperandOfRandomLength(rng)),
            };
            if (!IsHeldOut(p)) return p;
        }
    }

    /// <summary>a - b with b equal to a except for its last 1..L-1 digits (any digit when a has one).</summary>
    private static ArithmeticProblem ClosePair(Random rng)
    {
        int a = OperandOfRandomLength(rng);
        int length = a.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
        int low = Pow10(length == 1 ? 1 : rng.Next(1, length));
        return new ArithmeticProblem(ArithmeticOp.Sub, a, a / low * low + rng.Next(0, low));
    }

    private static int OperandOfRandomLength(Random rng)
    {
        int digits = rng.Next(1, MaxOperandDigits + 1);
        int lo = digits == 1 ? 0 : Pow10(digits - 1);
        return rng.Next(lo, Pow10(digits));
    }

    private static int Pow10(int n) { int r = 1; for (int i = 0; i < n; i++) r *= 10; return r; }
}
