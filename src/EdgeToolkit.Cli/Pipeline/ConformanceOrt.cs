using EdgeToolkit.Graph;
using EdgeToolkit.Onnx;

namespace EdgeToolkit.Cli.Pipeline;

/// <summary>
/// ONNX Runtime on one backend case, as shipped (the original model.onnx, not our re-export), with
/// the same comparison and tolerance as ours, so both pass counts mean the same thing.
/// </summary>
public static class ConformanceOrt
{
    /// <summary>Ops whose outputs ORT draws from its own unseeded generator: no fixed reference can match them.</summary>
    private static readonly string[] RandomOps = { "Bernoulli", "RandomUniform", "RandomUniformLike", "RandomNormal", "RandomNormalLike", "Multinomial" };

    /// <summary>Passed, or Failed with the reason: ORT refused the model, failed to run it or disagreed.</summary>
    /// <param name="ops">The case's op types (space-separated), to recognise random ones.</param>
    public static (CaseStatus Status, string? Reason) Run(OnnxTestCase tc, string ops)
    {
        if (tc.DataSets.Count == 0) return (CaseStatus.NotRun, "no test data sets");
        if (ops.Split(' ').Intersect(RandomOps).FirstOrDefault() is { } random)
            return (CaseStatus.NotRun, $"not compared: {random} is random in ORT, so its outputs differ from run to run");
        var cmp = new OutputComparison(ConformanceRunner.Atol, ConformanceRunner.Rtol);
        try
        {
            using var session = new OrtSession(File.ReadAllBytes(tc.ModelPath));
            foreach (var (ds, k) in tc.DataSets.Select((d, k) => (d, k)))
                ConformanceRunner.Compare(cmp, session.Run(ds.Inputs), ds.ExpectedOutputs, k);
        }
        catch (EdgeToolkitException e) { cmp.AddProblem(e.Problem); }
        return cmp.Ok ? (CaseStatus.Passed, null) : (CaseStatus.Failed, cmp.Problems[0]);
    }
}
