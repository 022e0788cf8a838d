using EdgeToolkit.Graph;

namespace EdgeToolkit.Control.Tests.NanoFramework;

/// <summary>
/// A graph whose every Tanh node is replaced by etk_tanhf written as ONNX operators, in the C's
/// order of operations (Clip, then x2*c+c steps, then x*p/q). ONNX Runtime then evaluates the same
/// function as the generated C and the nanoFramework model, so a comparison with it measures the
/// dense-layer arithmetic alone, not the tanh approximation's error.
/// </summary>
internal static class EtkTanhGraph
{
    private static readonly float[] P = { -5.455301099743792e-09f, 6.7658820626093075e-06f, 0.0026423914823681116f, 0.12658849358558655f, 1.0f };
    private static readonly float[] Q = { 0.00018987013027071953f, 0.02261912077665329f, 0.4599192440509796f, 1.0f };

    public static ModelGraph Rewrite(ModelGraph g)
    {
        var tanhs = g.Nodes.Where(n => n.OpType == "Tanh" && n.Domain == "").ToList();
        foreach (var t in tanhs)
        {
            var added = new List<Node>();
            string Name(string what) => $"{t.Name}_etk_{what}";
            string Constant(string what, float v) { var name = Name(what); g.Initializers[name] = Tensor.Scalar(v); return name; }
            string Op(string op, string what, params string[] inputs) { var n = new Node(Name(what), op, inputs, new[] { Name(what) }); added.Add(n); return n.Outputs[0]; }

            var x = Op("Clip", "x", t.Inputs[0], Constant("lo", -8.6f), Constant("hi", 8.6f));
            var x2 = Op("Mul", "x2", x, x);
            var p = Op("Add", "p1", Op("Mul", "p1m", x2, Constant("p0", P[0])), Constant("p1c", P[1]));
            for (int k = 2; k < P.Length; k++) p = Op("Add", $"p{k}", Op("Mul", $"p{k}m", x2, p), Constant($"p{k}c", P[k]));
            var q = Op("Add", "q1", Op("Mul", "q1m", x2, Constant("q0", Q[0])), Constant("q1c", Q[1]));
            for (int k = 2; k < Q.Length; k++) q = Op("Add", $"q{k}", Op("Mul", $"q{k}m", x2, q), Constant($"q{k}c", Q[k]));
            var last = new Node(Name("y"), "Div", new[] { Op("Mul", "xp", x, p), q }, t.Outputs);
            added.Add(last);

            g.Nodes.InsertRange(g.Nodes.IndexOf(t), added);
            g.Nodes.Remove(t);
        }
        return g;
    }
}
