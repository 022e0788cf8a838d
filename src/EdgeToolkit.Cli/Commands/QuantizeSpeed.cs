using System.Text.Json.Nodes;
using EdgeToolkit.Cli.Pipeline;
using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Passes;
using EdgeToolkit.Onnx;

namespace EdgeToolkit.Cli.Commands;

/// <summary>
/// `quantize --dynamic --measure`: ONNX Runtime latency of the float and the int8 model on the same
/// seeded input, in this process, one thread, so the speed check's prediction can be held against
/// a measurement. Rounds alternate float and int8 so that machine load hits both alike.
/// </summary>
public static class QuantizeSpeed
{
    public sealed record Measurement(double FloatNs, double Int8Ns)
    {
        public double Ratio => Int8Ns / FloatNs;
        public JsonObject ToJson() => new() { ["float_ns"] = FloatNs, ["int8_ns"] = Int8Ns, ["int8_over_float"] = Ratio };
    }

    public static Measurement Measure(ModelGraph floatGraph, byte[] floatBytes, byte[] int8Bytes, IReadOnlyList<string> shapeSpecs, Reporter reporter)
    {
        var pinned = floatGraph.Clone();
        new PinShapesPass(PipelineOptions.ParseAssignments(shapeSpecs, "--shape")).Run(pinned);
        var input = InputGenerator.Generate(pinned.Inputs, 1, 1, new Dictionary<string, (long, long)>())[0];
        using var f = new OrtSession(floatBytes);
        using var q = new OrtSession(int8Bytes);
        var fs = new List<double>();
        var qs = new List<double>();
        const int rounds = 5;
        for (int r = 0; r < rounds; r++)
        {
            reporter.Progress($"measuring ONNX Runtime latency, float and int8, round {r + 1} of {rounds}");
            fs.AddRange(f.MeasureNs(input, warmup: 20, runs: 60));
            qs.AddRange(q.MeasureNs(input, warmup: 20, runs: 60));
        }
        return new Measurement(Median(fs), Median(qs));
    }

    private static double Median(List<double> v) { v.Sort(); return v[v.Count / 2]; }
}
