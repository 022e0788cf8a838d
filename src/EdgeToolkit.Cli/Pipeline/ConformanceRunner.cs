using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Evaluation;
using EdgeToolkit.Graph.Ops;
using EdgeToolkit.Onnx;

namespace EdgeToolkit.Cli.Pipeline;

public enum CaseStatus { Passed, Failed, Unsupported, NotRun }

/// <summary>One ONNX backend case: how the reference evaluator and the generated C (on host) did.</summary>
public sealed record ConformanceResult(string Suite, string Case, string Ops, CaseStatus Evaluator, CaseStatus C, string? Reason)
{
    /// <summary>Supported means both the evaluator and the C generator take every node of the case.</summary>
    public bool Supported => Evaluator != CaseStatus.Unsupported && C != CaseStatus.Unsupported;
}

/// <summary>
/// Runs the ONNX backend test cases (Debian's libonnx-testdata) through the importer, the
/// reference evaluator and the generated C on the host, against the cases' own reference outputs.
/// </summary>
public static class ConformanceRunner
{
    public const string DataRoot = "/usr/share/libonnx-testdata/data";
    public const double Atol = 1e-4, Rtol = 1e-4;

    public static IReadOnlyList<string> Cases(string suite = "node", string root = DataRoot)
    {
        var dir = Path.Combine(root, suite);
        return Directory.Exists(dir)
            ? Directory.GetDirectories(dir).Where(d => File.Exists(Path.Combine(d, "model.onnx"))).OrderBy(d => d, StringComparer.Ordinal).ToList()
            : Array.Empty<string>();
    }

    /// <summary>Runs one case. compileC runs generated C for the case on the host (null to skip C).</summary>
    public static ConformanceResult Run(string caseDir, Func<ModelGraph, IReadOnlyList<Dictionary<string, Tensor>>, IReadOnlyList<Dictionary<string, Tensor>>>? runC)
    {
        var suite = Path.GetFileName(Path.GetDirectoryName(caseDir)!) ?? "";
        var name = Path.GetFileName(caseDir);
        OnnxTestCase tc;
        ModelGraph g;
        try
        {
            tc = OnnxTestCase.Load(caseDir);
            g = OnnxImporter.Load(tc.ModelPath);
        }
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
                Compare(evalCmp, g, outs, ds.ExpectedOutputs, k);
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
            for (int k = 0; k < results.Count; k++) Compare(cCmp, g, results[k], tc.DataSets[k].ExpectedOutputs, k);
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

    private static void Compare(OutputComparison cmp, ModelGraph g, IReadOnlyDictionary<string, Tensor> actual,
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
