using EdgeToolkit.Training.Evaluation;

namespace EdgeToolkit.Training.Reasoning;

/// <summary>
/// Held-out arithmetic problems scored by greedy decoding through the backend: all prompts go to
/// one Generate call, so a target backend can run the whole decoding loop on the board.
/// </summary>
public abstract class ArithmeticEvaluationDataset : IEvaluationDataset
{
    private const int MaxNewTokens = 18; // longest completion is 14 tokens ("673+0141=6871$")
    private readonly ArithmeticOp _op;

    protected ArithmeticEvaluationDataset(ArithmeticOp op) { _op = op; }

    public abstract string Name { get; }
    public abstract string Summary { get; }
    public string Metric => "exact_match";
    public bool HigherIsBetter => true;

    public int DefaultSamples(string target) => target is "ort" or "host" ? ArithmeticData.HeldOutPerOp : 100;

    public EvaluationResult Evaluate(EvaluationContext context)
    {
        ReasoningConfig.CheckVocabulary(context.Config, context.ModelPath);
        var signature = ReasoningConfig.ReadSignature(context.Config, context.ModelPath);
        bool scratchpad = ReasoningConfig.ReadScratchpad(context.Config);
        var all = ArithmeticData.HeldOut(_op);
        var problems = all.Take(context.SampleCount(this, all.Count)).ToList();
        var generated = context.Backend.Generate(signature, ArithmeticScoring.Prompts(problems), MaxNewTokens);
        var score = ArithmeticScoring.Compute(problems, generated, scratchpad);
        var details = new Dictionary<string, double>
        {
            ["correct"] = score.AnswerCorrect,
            ["trace_exact_match"] = score.TraceExactMatch,
            ["generated_tokens"] = generated.Sum(g => g.Length),
        };
        return new EvaluationResult(Name, Metric, score.ExactMatch, problems.Count, details,
            "exact match of the final answer (reversed digits, sign last); trace_exact_match also requires every scratchpad token");
    }
}

public sealed class ArithmeticAddDataset : ArithmeticEvaluationDataset
{
    public ArithmeticAddDataset() : base(ArithmeticOp.Add) { }
    public override string Name => "arithmetic-add";
    public override string Summary => "1,000 held-out additions of up to 4-digit numbers, answer reversed (greedy decoding, exact match)";
}

public sealed class ArithmeticSubDataset : ArithmeticEvaluationDataset
{
    public ArithmeticSubDataset() : base(ArithmeticOp.Sub) { }
    public override string Name => "arithmetic-sub";
    public override string Summary => "1,000 held-out subtractions of up to 4-digit numbers, answer reversed with the sign last (greedy decoding, exact match)";
}

public sealed class ArithmeticMulDataset : ArithmeticEvaluationDataset
{
    public ArithmeticMulDataset() : base(ArithmeticOp.Mul) { }
    public override string Name => "arithmetic-mul";
    public override string Summary => "1,000 held-out 2-digit by 2-digit products, answer reversed (greedy decoding, exact match of the final answer)";
}
