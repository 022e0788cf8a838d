using System.Text;
using EdgeToolkit.CodeGen.Writing;
using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Jacobian;

/// <summary>The Jacobian's share of model.h and model.c.</summary>
internal sealed record JacobianCode(string Declarations, string Definitions, long ArenaBytes);

/// <summary>
/// NAME_jacobian(x, y, jac) and NAME_jacobian_arena(arena, x, y, jac) of an MLP
/// (CodeGenOptions.EmitJacobian): one forward function per layer that keeps its activations,
/// then the backward functions from the output layer down to the input (OutputLayerSeedWriter,
/// BackwardLayerWriter). The weights are a copy of the layers' in the one layout both passes
/// read (row-major [outputs x inputs]); the run kernels keep theirs, packed their own way.
/// </summary>
internal sealed class JacobianWriter
{
    private readonly IReadOnlyList<JacobianLayer> _layers;
    private readonly string _prefix;

    private JacobianWriter(IReadOnlyList<JacobianLayer> layers, string prefix) { _layers = layers; _prefix = prefix; }

    /// <summary>Checks that the graph is an MLP and reserves the public names, before any kernel is named.</summary>
    public static JacobianWriter Plan(ModelGraph g, string prefix, SymbolTable symbols)
    {
        var layers = JacobianNetwork.From(g);
        foreach (var s in new[] { "_jacobian", "_jacobian_arena", "_jacobian_scratch" }) symbols.Unique(prefix + s);
        return new JacobianWriter(layers, prefix);
    }

    public JacobianCode Write(TargetProfile target, SymbolTable symbols, Func<string, Tensor, string> addConstant, Func<string, string> useHelper)
    {
        int k = _layers.Count, n = _layers[0].Dense.Inputs, m = _layers[^1].Dense.Outputs;
        var functions = new StringBuilder();
        var calls = new List<string>();
        var names = _layers.Select(l => CNames.Identifier(l.Dense.NodeName)).ToList();
        var weights = _layers.Select((l, i) => JacobianLayerWeights.Add(l, $"jacobian_{names[i]}", addConstant)).ToList();
        string Function(int layer, string pass) => symbols.Unique($"{_prefix}_jacobian_{names[layer]}_{pass}");
        string Hidden(int layer) => $"h{layer}"; // the input of layer `layer` (1..k-1), the output of layer-1

        for (int l = 0; l < k; l++)
        {
            var f = Function(l, "forward");
            functions.Append(ForwardLayerWriter.Write(f, _layers[l], weights[l], target, useHelper, Describe(l))).Append('\n');
            calls.Add($"{f}({(l == 0 ? "x" : Hidden(l))}, {(l == k - 1 ? "y" : Hidden(l + 1))});");
        }
        // jac == NULL: the forward pass alone, from the same weights, so a controller that needs
        // both y and dy/dx links one copy of the weights instead of two (the run kernels keep theirs).
        calls.Add("if (jac == 0) return 0;");
        // g_a and g_b take turns holding g = dy/dz for the pre-activations z of one layer: the seed
        // writes g_a, then each layer reads one and writes the other. Arguments go by parameter name.
        string G(int step) => step % 2 == 0 ? "g_a" : "g_b";
        void Add(string f, WrittenFunction written, Dictionary<string, string> args)
        {
            functions.Append(written.Code).Append('\n');
            calls.Add($"{f}({string.Join(", ", written.Parameters.Select(p => args[p]))});");
        }
        var seed = Function(k - 1, "seed");
        Add(seed, OutputLayerSeedWriter.Write(seed, _layers[^1], weights[^1], k > 1 ? _layers[^2].Dense.Activation : null, InputName(k - 1), Describe(k - 1)),
            new() { ["y"] = "y", ["h"] = k > 1 ? Hidden(k - 1) : "", ["g"] = G(0), ["jac"] = "jac" });
        for (int l = k - 2, step = 0; l >= 0; l--, step++)
        {
            var f = Function(l, "backward");
            Add(f, BackwardLayerWriter.Write(f, _layers[l], weights[l], m, l > 0 ? _layers[l - 1].Dense.Activation : null, InputName(l), target, Describe(l)),
                new() { ["g"] = G(step), ["h"] = l > 0 ? Hidden(l) : "", ["g_in"] = G(step + 1), ["jac"] = "jac" });
        }

        var (arena, bytes) = ArenaLayout(m);
        var c = new StringBuilder("\n").Append(Explanation(n, m));
        c.Append(functions);
        c.Append($"int {_prefix}_jacobian_arena(void *arena, const float *x, float *y, float *jac)\n{{\n");
        foreach (var line in arena) c.Append("    ").Append(line).Append('\n');
        if (arena.Count == 0) c.Append("    (void)arena;\n");
        foreach (var call in calls) c.Append("    ").Append(call).Append('\n');
        c.Append("    return 0;\n}\n\n");
        c.Append($"static EDGETK_ALIGN16 unsigned char {_prefix}_jacobian_scratch[{Math.Max(1, bytes)}];\n\n");
        c.Append($"int {_prefix}_jacobian(const float *x, float *y, float *jac)\n{{\n");
        c.Append($"    return {_prefix}_jacobian_arena({_prefix}_jacobian_scratch, x, y, jac);\n}}\n");
        return new JacobianCode(Declarations(n, m, bytes), c.ToString(), bytes);
    }

    /// <summary>The arena's pointers (hidden activations h1.., then g_a and g_b) and its size in bytes.</summary>
    private (List<string> Lines, long Bytes) ArenaLayout(int m)
    {
        var lines = new List<string>();
        long offset = 0;
        void Take(string name, long floats, string comment)
        {
            lines.Add($"float *{name} = (float *)arena + {offset}; /* {comment} */");
            offset += floats;
        }
        int k = _layers.Count;
        for (int l = 1; l < k; l++) Take($"h{l}", _layers[l].Dense.Inputs, $"[{_layers[l].Dense.Inputs}] output of {CNames.Comment(_layers[l - 1].Dense.NodeName)}");
        // g_a holds dy/dz behind h(k-1), h(k-3), ...; g_b behind h(k-2), h(k-4), ...
        for (int parity = 0; parity < 2; parity++)
        {
            var held = Enumerable.Range(1, Math.Max(0, k - 1)).Where(h => (k - 1 - h) % 2 == parity).ToList();
            if (held.Count == 0) continue;
            int units = held.Max(h => _layers[h].Dense.Inputs);
            Take(parity == 0 ? "g_a" : "g_b", (long)units * m, $"[{units}][{m}] dy/dz, z the pre-activations of {string.Join(", ", held.Select(h => $"h{h}"))}");
        }
        return (lines, offset * sizeof(float));
    }

    private string InputName(int layer) => layer == 0 ? "x" : $"{CNames.Comment(_layers[layer - 1].Dense.NodeName)}'s output";

    private string Describe(int layer)
    {
        var l = _layers[layer];
        var op = l.BiasAfterSum ? (l.HasBias ? "MatMul + Add" : "MatMul") : "Gemm";
        var act = ActivationCode.Name(l.Dense.Activation);
        return $"{CNames.Comment(l.Dense.NodeName)} ({op}{(act.Length > 0 ? " + " + act : "")}, {l.Dense.Inputs} -> {l.Dense.Outputs})";
    }

    private string Explanation(int n, int m) => $$"""
        /* {{_prefix}}_jacobian: y = f(x) and jac = dy/dx ([{{m}} x {{n}}] row-major), by reverse mode.
           Forward: each layer's function computes and keeps its output h = act(b + W u); the sums and
           activations are those of the run kernels, term for term, so y is {{_prefix}}_run's output bit
           for bit. Backward: row o of the Jacobian is e_o^T (dy/dx) = e_o^T D_L W_L ... D_1 W_1, D_l
           the diagonal of act' at layer l; evaluated from the left, it is pulled back one layer at a
           time, g <- (g W) D, g = dy/dz for the pre-activations z of one layer. Every act' comes from
           the forward value t: tanh' = 1 - t*t, sigmoid' = t*(1 - t), relu' = (t > 0). The {{m}} rows
           go back together, g stored [unit][output], so one pass over each weight matrix serves
           every output and each weight is loaded once. */

        """;

    private string Declarations(int n, int m, long bytes)
    {
        var up = _prefix.ToUpperInvariant();
        return $"""

            /* The Jacobian, reverse mode: y[{m}] = the output (with -ffp-contract=off, bit for bit what
               {_prefix}_run gives) and jac[{m} x {n}] row-major, jac[o * {n} + i] = dy[o]/dx[i].
               Returns 0. With a built-in static arena. jac may be NULL: then only y is computed (the
               forward pass alone, from the Jacobian's own weights, so that a firmware that needs both
               links one copy of the weights instead of also linking {_prefix}_run's). */
            int {_prefix}_jacobian(const float *x, float *y, float *jac);
            /* The same with a caller-provided arena of {up}_JACOBIAN_ARENA_BYTES bytes, 16-byte aligned. */
            #define {up}_JACOBIAN_ARENA_BYTES {bytes}
            int {_prefix}_jacobian_arena(void *arena, const float *x, float *y, float *jac);

            """;
    }
}
