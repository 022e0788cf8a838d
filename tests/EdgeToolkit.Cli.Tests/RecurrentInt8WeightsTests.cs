using EdgeToolkit.Graph;

namespace EdgeToolkit.Cli.Tests;

/// <summary>
/// Weight-only int8 recurrent layers: LSTM/GRU/RNN whose W and R are DequantizeLinear of int8
/// constants compile to kernels that keep the weights int8 in flash (a quarter of the bytes) and
/// agree with ONNX Runtime running the QDQ model (which dequantizes them to float first).
/// </summary>
public class RecurrentInt8WeightsTests
{
    private static string Model(string op, string direction, bool perRow, int seed)
    {
        int gates = op switch { "LSTM" => 4, "GRU" => 3, _ => 1 }, dirs = direction == "bidirectional" ? 2 : 1;
        const int seq = 5, batch = 1, input = 6, hidden = 8;
        var rng = new Random(seed);
        var g = new ModelGraph { Name = "rec_int8", Opset = 14 };
        g.Inputs.Add(new ValueInfo("X", DataType.Float32, SymShape.FromConcrete(new[] { seq, batch, input })));
        var nodes = new List<Node>();
        string Dequantized(string name, int k)
        {
            int rows = dirs * gates * hidden;
            var q = Enumerable.Range(0, rows * k).Select(_ => (sbyte)rng.Next(-127, 128)).ToArray();
            var scales = Enumerable.Range(0, perRow ? rows : 1).Select(_ => (float)(0.002 + 0.01 * rng.NextDouble())).ToArray();
            g.Initializers[name + "_q"] = new Tensor(DataType.Int8, new[] { dirs, gates * hidden, k }, q);
            g.Initializers[name + "_scale"] = perRow ? Tensor.FromFloats(new[] { rows }, scales) : Tensor.Scalar(scales[0]);
            g.Initializers[name + "_zero"] = new Tensor(DataType.Int8, perRow ? new[] { rows } : Array.Empty<int>(), new sbyte[perRow ? rows : 1]);
            var dq = new Node(name + "_dq", "DequantizeLinear", new[] { name + "_q", name + "_scale", name + "_zero" }, new[] { name });
            if (perRow) dq.With(NodeAttribute.Of("axis", 1L));
            nodes.Add(dq);
            return name;
        }
        var w = Dequantized("W", input);
        var r = Dequantized("R", hidden);
        g.Initializers["B"] = Tensor.FromFloats(new[] { dirs, 2 * gates * hidden }, Enumerable.Range(0, dirs * 2 * gates * hidden).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray());
        var outputs = op == "LSTM" ? new[] { "Y", "Y_h", "Y_c" } : new[] { "Y", "Y_h" };
        nodes.Add(new Node("rec", op, new[] { "X", w, r, "B" }, outputs)
            .With(NodeAttribute.Of("hidden_size", (long)hidden)).With(NodeAttribute.Of("direction", direction)));
        g.Nodes.AddRange(nodes);
        foreach (var o in outputs) g.Outputs.Add(new ValueInfo(o, DataType.Float32, SymShape.UnknownRank));
        return TestModels.Save(g, CliRunner.TempDir(), $"{op}-{direction}-{perRow}.onnx");
    }

    [Theory]
    [InlineData("LSTM", "forward", true, "host")]
    [InlineData("LSTM", "forward", true, "cortex-m4")]
    [InlineData("GRU", "bidirectional", false, "host")]
    [InlineData("RNN", "reverse", true, "cortex-m0")]
    public void Int8_weights_stay_int8_and_match_onnx_runtime(string op, string direction, bool perRow, string target)
    {
        var model = Model(op, direction, perRow, seed: op.Length + direction.Length);
        var (exit, json, err) = CliRunner.RunJson("verify", model, "--target", target, "--inputs", "3", "--atol", "1e-5", "--rtol", "1e-5");
        Assert.True(exit == 0, err + json);
        var (_, inspect, _) = CliRunner.RunJson("inspect", model);
        Assert.DoesNotContain("DequantizeLinear", inspect["ops_after_passes"]!.AsObject().Select(kv => kv.Key));
        // int8 W and R (one byte each) plus the float bias and row scales: far below the float weights.
        int gates = op switch { "LSTM" => 4, "GRU" => 3, _ => 1 }, dirs = direction == "bidirectional" ? 2 : 1, rows = dirs * gates * 8;
        long int8Bytes = rows * (6 + 8) + 4L * (2 * rows + 2 * rows);
        Assert.True((long)json["weight_bytes"]! <= int8Bytes + 64, $"weights {json["weight_bytes"]} bytes, int8 layout needs {int8Bytes}");
    }
}
