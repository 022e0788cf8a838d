namespace EdgeToolkit.Training.Reasoning;

/// <summary>
/// Exact match of generated answers. The metric is the final answer (after the last '=', up to
/// the end token), so models with and without a scratchpad are scored alike; the trace match
/// also requires every scratchpad token to be right.
/// </summary>
public static class ArithmeticScoring
{
    public sealed record Score(int Samples, int AnswerCorrect, int TraceCorrect)
    {
        public double ExactMatch => Samples == 0 ? 0 : (double)AnswerCorrect / Samples;
        public double TraceExactMatch => Samples == 0 ? 0 : (double)TraceCorrect / Samples;
    }

    public static Score Compute(IReadOnlyList<ArithmeticProblem> problems, IReadOnlyList<long[]> generated, bool scratchpad)
    {
        if (problems.Count != generated.Count) throw new ArgumentException($"{problems.Count} problems but {generated.Count} generations");
        int answers = 0, traces = 0;
        for (int i = 0; i < problems.Count; i++)
        {
            var completion = ArithmeticVocabulary.Decode(generated[i]);
            if (ArithmeticProblem.FinalAnswerOf(problems[i].Prompt + completion) == problems[i].Answer) answers++;
            if (completion == problems[i].Completion(scratchpad)) traces++;
        }
        return new Score(problems.Count, answers, traces);
    }

    public static IReadOnlyList<long[]> Prompts(IEnumerable<ArithmeticProblem> problems) =>
        problems.Select(p => ArithmeticVocabulary.Encode(p.Prompt)).ToList();
}
