using System.Globalization;
using System.Text;
using EdgeToolkit.CodeGen;
using EdgeToolkit.CodeGen.Emitters;
using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Tests.ConvAndTensor;

/// <summary>
/// A deliberately simple test-side program writer: one static buffer per value, one function per
/// node, weights in their own translation unit. It drives the emitters through the same
/// KernelContext the model writer uses, so the kernels are tested on their own, independently of
/// the memory planner.
/// </summary>
internal sealed class KernelProgram
{
    public required string ModelC { get; init; }
    public required string WeightsC { get; init; }
    public required IReadOnlyList<ValueInfo> Inputs { get; init; }
    public required IReadOnlyList<ValueInfo> Outputs { get; init; }

    public static IKernelEmitter EmitterFor(Node n) =>
        EmitterRegistry.Find(n.OpType, n.Domain) ?? throw new InvalidOperationException($"no emitter for {n.OpType}");

    public static KernelProgram Generate(ModelGraph g, TargetProfile? target = null)
    {
        target ??= TargetProfile.ForTarget("host");
        var weights = new StringBuilder("#include <stdint.h>\n");
        var decls = new StringBuilder();
        var body = new StringBuilder();
        var exprs = new Dictionary<string, string>();
        var constants = new Dictionary<string, string>();
        var helpers = new HashSet<string>();
        string AddConstant(string name, Tensor t)
        {
            var sym = CNames.Identifier("w_" + name);
            if (constants.ContainsKey(sym)) return sym;
            constants[sym] = name;
            var values = string.Join(",", Enumerable.Range(0, t.Length).Select(i => Literal(t, i)));
            weights.Append($"const {t.Type.CType()} {sym}[{Math.Max(1, t.Length)}] = {{{(t.Length == 0 ? "0" : values)}}};\n");
            decls.Append($"extern const {t.Type.CType()} {sym}[];\n");
            return sym;
        }
        foreach (var i in g.Inputs) exprs[i.Name] = Buffer(decls, i);
        var calls = new StringBuilder();
        int k = 0;
        foreach (var node in g.Nodes)
        {
            var emitter = EmitterFor(node);
            var code = new CWriter();
            var inputExprs = node.Inputs.Select(n => n.Length == 0 ? "" : exprs.TryGetValue(n, out var e) ? e
                : g.Initializers.TryGetValue(n, out var t) ? AddConstant(n, t) : throw new InvalidOperationException($"value {n} unknown")).ToList();
            var probe = Context(g, node, target, code, inputExprs, node.Outputs.Select(_ => "").ToList(), AddConstant, helpers);
            var why = emitter.CheckSupported(probe);
            if (why != null) throw new NotSupportedException($"{node.OpType} '{node.Name}': {why}");
            var outputExprs = new List<string>();
            for (int o = 0; o < node.Outputs.Count; o++)
            {
                var name = node.Outputs[o];
                if (name.Length == 0) { outputExprs.Add(""); continue; }
                var info = g.GetInfo(name);
                exprs[name] = emitter.Memory(probe) == KernelMemory.Alias && o == 0
                    ? $"(({info.Type.CType()} *){inputExprs[0]})"
                    : Buffer(decls, info);
                outputExprs.Add(exprs[name]);
            }
            var ctx = Context(g, node, target, code, inputExprs, outputExprs, AddConstant, helpers);
            emitter.Emit(ctx);
            body.Append($"static void kernel_{k}(void)\n{{\n");
            foreach (var line in code.ToString().Split('\n')) if (line.Length > 0) body.Append("    ").Append(line).Append('\n');
            body.Append("}\n\n");
            calls.Append($"    kernel_{k}();\n");
            k++;
        }
        var model = new StringBuilder("#include <stdint.h>\n#include <stddef.h>\n\n");
        model.Append(decls).Append('\n').Append(EdgeToolkit.CodeGen.Runtime.PortableMath.Code(helpers)).Append('\n').Append(body);
        model.Append("void model_run(void)\n{\n").Append(calls).Append("}\n\n");
        model.Append("void *const model_inputs[] = { ").Append(string.Join(", ", g.Inputs.Select(i => $"(void *){exprs[i.Name]}"))).Append(", NULL };\n");
        model.Append("void *const model_outputs[] = { ").Append(string.Join(", ", g.Outputs.Select(o => $"(void *){exprs[o.Name]}"))).Append(", NULL };\n");
        return new KernelProgram
        {
            ModelC = model.ToString(), WeightsC = weights.ToString(),
            Inputs = g.Inputs.ToList(), Outputs = g.Outputs.Select(o => g.GetInfo(o.Name)).ToList(),
        };
    }

    private static KernelContext Context(ModelGraph g, Node node, TargetProfile target, CWriter code, List<string> ins, List<string> outs,
        Func<string, Tensor, string> addConstant, ISet<string> helpers) => new()
    {
        Node = node, Graph = g, Target = target, Code = code, Prefix = "t", InputExprs = ins, OutputExprs = outs,
        AddConstant = addConstant,
        // The portable helpers a kernel asks for go above the kernels, as the model writer puts them.
        UseHelper = h => { var f = EdgeToolkit.CodeGen.Runtime.PortableMath.FunctionName(h); helpers.Add(h); return f; },
    };

    private static string Buffer(StringBuilder decls, ValueInfo v)
    {
        var sym = CNames.Identifier("buf_" + v.Name);
        decls.Append($"static {v.Type.CType()} {sym}[{Math.Max(1, v.Shape.ElementCount ?? 1)}];\n");
        return sym;
    }

    private static string Literal(Tensor t, int i) => t.Type switch
    {
        DataType.Float32 => CNames.Float(((float[])t.Data)[i]),
        DataType.Float64 => ((double[])t.Data)[i].ToString("R", CultureInfo.InvariantCulture),
        DataType.Int64 => t.GetInt64(i) + "LL",
        _ => t.GetInt64(i).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Compiles for the host with the generated-C warning bar, runs once, returns the outputs.</summary>
    public Dictionary<string, Tensor> RunOnHost(IReadOnlyDictionary<string, Tensor> inputs)
    {
        var dir = Directory.CreateTempSubdirectory("etk-kernel-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "model.c"), ModelC);
            File.WriteAllText(Path.Combine(dir, "weights.c"), WeightsC);
            File.WriteAllText(Path.Combine(dir, "main.c"), HostMain);
            HostC.Exec("gcc", $"{HostC.Flags} -o prog model.c weights.c main.c", dir);
            var args = new StringBuilder();
            for (int i = 0; i < Inputs.Count; i++)
            {
                File.WriteAllBytes(Path.Combine(dir, $"in{i}.bin"), HostC.ToBytes(inputs[Inputs[i].Name]));
                args.Append($" in{i}.bin {Bytes(Inputs[i])}");
            }
            for (int o = 0; o < Outputs.Count; o++) args.Append($" out{o}.bin {Bytes(Outputs[o])}");
            HostC.Exec(Path.Combine(dir, "prog"), $"{Inputs.Count}{args}", dir);
            var r = new Dictionary<string, Tensor>();
            for (int o = 0; o < Outputs.Count; o++)
                r[Outputs[o].Name] = FromBytes(Outputs[o], File.ReadAllBytes(Path.Combine(dir, $"out{o}.bin")));
            return r;
        }
        finally { Directory.Delete(dir, true); }
    }

    private static long Bytes(ValueInfo v) => (v.Shape.ElementCount ?? 1) * v.Type.SizeOf();

    private const string HostMain = """
        #include <stdio.h>
        #include <stdlib.h>
        extern void *const model_inputs[];
        extern void *const model_outputs[];
        void model_run(void);
        /* usage: prog N in0.bin bytes0 ... out0.bin bytes0 ... */
        int main(int argc, char **argv)
        {
            int n = atoi(argv[1]), a = 2;
            for (int i = 0; i < n; i++, a += 2) {
                FILE *f = fopen(argv[a], "rb");
                size_t want = (size_t)atol(argv[a + 1]);
                if (!f) return 2;
                if (fread(model_inputs[i], 1, want, f) != want) return 4;
                fclose(f);
            }
            model_run();
            for (int o = 0; a + 1 < argc; o++, a += 2) {
                FILE *f = fopen(argv[a], "wb");
                if (!f) return 3;
                fwrite(model_outputs[o], 1, (size_t)atol(argv[a + 1]), f);
                fclose(f);
            }
            return 0;
        }
        """;

    private static Tensor FromBytes(ValueInfo v, byte[] bytes)
    {
        var shape = v.Shape.ToConcrete();
        var data = Array.CreateInstance(Tensor.ElementClrType(v.Type), Tensor.ElementCountOf(shape));
        if (data is bool[] b) for (int i = 0; i < b.Length; i++) b[i] = bytes[i] != 0;
        else System.Buffer.BlockCopy(bytes, 0, data, 0, bytes.Length);
        return new Tensor(v.Type, shape, data);
    }
}
