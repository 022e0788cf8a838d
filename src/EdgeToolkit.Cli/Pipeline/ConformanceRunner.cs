using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Evaluation;
using EdgeToolkit.Graph.Ops;
using EdgeToolkit.Onnx;

namespace EdgeToolkit.Cli.Pipeline;

/// <summary>
/// Runs the ONNX backend test cases (Debian's libonnx-testdata) through the importer, the
/// reference evaluator and the generated C on the host, against the cases' own reference outputs;
/// optionally ONNX Runtime too, for comparison.
/// </summary>
public static class ConformanceRunner
{
    public const string DataRoot = ConformanceCases.DataRoot;
    public const double Atol = 1e-4, Rtol = 1e-4;

    /// <summary>Runs one case. runC runs generated C for the case (null to skip C); ort also runs ONNX Runtime on it.</summary>
    public static ConformanceResult Run(string caseDir,
        Func<ModelGraph, IReadOnlyList<Dictionary<string, Tensor>>, IReadOnlyList<Dictionary<string, Tensor>>>? runC, bool ort = false)
    {
        var suite = ConformanceCases.SuiteOf(caseDir);
        var name = Path.GetFileName(caseDir);
        OnnxTestCase tc;
        try { tc = OnnxTestCase.Load(caseDir); }
        catch (EdgeToolkitException e)
        {
            // Sequence and optional test data: neither we nor (through this harness) ORT can be fed.
            var why = "test data: " + e.Problem;
            return new(suite, name, "?", CaseStatus.Unsupported, CaseStatus.NotRun, why) { OrtReason = ort ? why : null };
        }
        var ours = RunOurs(suite, name, tc, runC);
        if (!ort) return ours;
        var (status, reason) = ConformanceOrt.Run(tc, ours.Ops);
        return ours with { Ort = status, OrtReason = reason };
    }

    private static ConformanceResult RunOurs(string suite, string name, OnnxTestCase tc,
        Func<ModelGraph, IReadOnlyList<Dictionary<string, Tensor>>, IReadOnlyList<Dictionary<string, Tensor>>>? runC)
    {
        ModelGraph g;
        try { g = OnnxImporter.Load(tc.ModelPath); }
        catch (EdgeToolkitException e) { return new(suite, name, "?", CaseStatus.Unsupported, CaseStatus.NotRun, "import: " + e.Problem); }
        var ops = string.Join(" ", g.Nodes.Select(n => n.OpType).Distinct());
        if (tc.DataSets.Count == 0) return new(suite, name, ops, CaseStatus.Unsupported, CaseStatus.NotRun, "no test data sets");

        // Shapes come from the case's own inputs, as a user would pin them with --shape.
        var first = tc.DataSets[0].Inputs;
        for (int i = 0; i < g.Inputs.Count; i++)
            if (first.TryGetValue(g.Inputs[i].Name, out var t))
            {
                // The declared type rules (old test data stores bfloat16 as uint16 bits, for instance).
                if (t.Type != g.Inputs[i].Type)
                    return new(suite, name, ops, CaseStatus.Unsupported, CaseStatus.NotRun,
                        $"input '{g.Inputs[i].Name}' is declared {g.Inputs[i].Type.OnnxName()} but its test data is {t.Type.OnnxName()}");
                g.Inputs[i] = g.Inputs[i] with { Shape = t.SymShape };
            }

        try { ShapeInference.Run(g); }
        catch (EdgeToolkitException e) when (e.Unsupported) { return new(suite, name, ops, CaseStatus.Unsupported, CaseStatus.NotRun, Where(e)); }
        catch (EdgeToolkitException e) { return new(suite, name, ops, CaseStatus.Failed, CaseStatus.NotRun, "shape inference: " + Where(e)); }

        var evalCmp = new OutputComparison(Atol, Rtol);
        try
        {
            foreach (var (ds, k) in tc.DataSets.Select((d, k) => (d, k)))
            {
                var outs = Evaluator.Run(g, ds.Inputs);
                Compare(evalCmp, outs, ds.ExpectedOutputs, k);
            }
        }
        catch (EdgeToolkitException e) when (e.Unsupported) { return new(suite, name, ops, CaseStatus.Unsupported, CaseStatus.NotRun, Where(e)); }
        catch (EdgeToolkitException e) { evalCmp.AddProblem("evaluation failed: " + Where(e)); }
        var evalStatus = evalCmp.Ok ? CaseStatus.Passed : CaseStatus.Failed;
        if (runC == null) return new(suite, name, ops, evalStatus, CaseStatus.NotRun, evalCmp.Ok ? null : evalCmp.Problems[0]);

        var cCmp = new OutputComparison(Atol, Rtol);
        try
        {
            var results = runC(g, tc.DataSets.Select(d => d.Inputs).ToList());
            for (int k = 0; k < results.Count; k++) Compare(cCmp, results[k], tc.DataSets[k].ExpectedOutputs, k);
        }
        catch (EdgeToolkitException e) when (e.Unsupported)
        {
            return new(suite, name, ops, evalStatus, CaseStatus.Unsupported, evalCmp.Ok ? "C: " + Where(e) : evalCmp.Problems[0]);
        }
        catch (EdgeToolkitException e) { cCmp.AddProblem("C: " + Where(e)); }
        var cStatus = cCmp.Ok ? CaseStatus.Passed : CaseStatus.Failed;
        string? reason = !evalCmp.Ok ? "evaluator: " + evalCmp.Problems[0] : !cCmp.Ok ? "C: " + cCmp.Problems[0] : null;
        return new(suite, name, ops, evalStatus, cStatus, reason);
    }

    /// <summary>Every expected output against the actual one of that name (same type, shape, values within the tolerance).</summary>
    public static void Compare(OutputComparison cmp, IReadOnlyDictionary<string, Tensor> actual,
        IReadOnlyDictionary<string, Tensor> expected, int caseIndex)
    {
        foreach (var (name, exp) in expected)
        {
            if (!actual.TryGetValue(name, out var act)) { cmp.AddProblem($"case {caseIndex}: output '{name}' missing"); continue; }
            if (act.Type != exp.Type) { cmp.AddProblem($"case {caseIndex}, output '{name}': type {act.Type.OnnxName()}, expected {exp.Type.OnnxName()}"); continue; }
            if (exp.Type == DataType.String) { if (!((string[])act.Data).SequenceEqual((string[])exp.Data)) cmp.AddProblem($"output '{name}' differs"); continue; }
            cmp.Add(name, act, exp, caseIndex);
        }
    }

    private static string Where(EdgeToolkitException e) =>
        (e.NodeName != null ? $"{e.Op} '{e.NodeName}': " : "") + e.Problem;
}
