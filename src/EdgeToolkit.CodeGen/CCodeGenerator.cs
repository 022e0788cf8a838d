using EdgeToolkit.CodeGen.Emitters;
using EdgeToolkit.CodeGen.Jacobian;
using EdgeToolkit.CodeGen.Planning;
using EdgeToolkit.CodeGen.Runtime;
using EdgeToolkit.CodeGen.Writing;
using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Ops;

namespace EdgeToolkit.CodeGen;

/// <summary>
/// Graph -> C99: checks that every shape is concrete and every node has an emitter, plans the
/// arena, lets each emitter write its kernel, and assembles model.c, model.h and the weights.
/// </summary>
public static class CCodeGenerator
{
    public static GeneratedModel Generate(ModelGraph graph, CodeGenOptions options)
    {
        var g = graph.Clone();
        if (g.Nodes.Any(n => n.Outputs.Any(o => o.Length > 0 && !g.ValueInfos.ContainsKey(o)))) ShapeInference.Run(g);
        GraphValidation.RequireConcreteShapes(g);

        var symbols = new SymbolTable();
        var prefix = symbols.Unique(options.Name ?? g.Name);
        foreach (var s in new[] { "_run", "_run_arena", "_arena", "_weights_blob" }) symbols.Unique(prefix + s);
        var jacobian = options.EmitJacobian ? JacobianWriter.Plan(g, prefix, symbols) : null;
        var target = options.Target;

        var emitters = g.Nodes.Select(n => GraphValidation.EmitterFor(g, n)).ToList();
        var probes = g.Nodes.Select(n => Probe(g, n, target, prefix)).ToList();
        for (int i = 0; i < g.Nodes.Count; i++) GraphValidation.RequireSupported(g, g.Nodes[i], emitters[i], probes[i]);

        var steps = g.Nodes.Select((n, i) => new PlanStep(n.Name, n.Inputs, n.Outputs, emitters[i].Memory(probes[i]), emitters[i].ScratchBytes(probes[i]))).ToList();
        var outputNames = g.Outputs.Select(o => o.Name).ToList();
        var plan = MemoryPlanner.Plan(steps, v => BytesOf(g.GetInfo(v)), g.Inputs.Select(i => i.Name).ToHashSet(),
            g.Initializers.Keys.ToHashSet(), outputNames);

        var inputs = g.Inputs.Select(i => Port(g, i.Name, symbols)).ToList();
        var outputs = g.Outputs.Select(o => Port(g, o.Name, symbols)).ToList();
        var ports = inputs.Select(p => new PortParam(p.CName, $"const {p.Type.CType()} *{p.CName}"))
            .Concat(outputs.Select(p => new PortParam(p.CName, $"{p.Type.CType()} *{p.CName}"))).ToList();
        var weights = new WeightTable(prefix, symbols);
        var helpers = new SortedSet<string>(StringComparer.Ordinal);
        var values = new ValueExpressions(g, plan, inputs, outputs, weights);

        var kernels = new List<EmittedKernel>();
        var layers = new List<GeneratedLayer>();
        for (int s = 0; s < g.Nodes.Count; s++)
        {
            var node = g.Nodes[s];
            if (steps[s].Memory == KernelMemory.Alias && !plan.CopySteps.Contains(s)) continue;
            var function = symbols.Unique(prefix + "_" + (node.Name.Length > 0 ? node.Name : $"{node.OpType}_{s}"));
            var kernel = plan.CopySteps.Contains(s)
                ? Copy(function, $"{Describe(g, node)}: its result is a graph output, so the alias becomes a copy", values, node.Inputs[0], node.Outputs[0])
                : Emit(g, node, emitters[s], target, prefix, function, values, plan.ScratchOffsets[s], weights, helpers);
            kernels.Add(kernel);
            var probe = probes[s];
            layers.Add(new GeneratedLayer(layers.Count, function, node.OpType, node.AllNames().ToList(),
                plan.CopySteps.Contains(s) ? 0 : emitters[s].Macs(probe), node.Outputs.Where(o => o.Length > 0).Sum(o => BytesOf(g.GetInfo(o)))));
        }
        foreach (var (o, source) in plan.FinalCopies)
        {
            var function = symbols.Unique($"{prefix}_copy_{g.Outputs[o].Name}");
            kernels.Add(Copy(function, $"graph output {o} '{CNames.Comment(g.Outputs[o].Name)}' is '{CNames.Comment(source)}'", values, source, null, outputs[o]));
            layers.Add(new GeneratedLayer(layers.Count, function, "Copy", Array.Empty<string>(), 0, outputs[o].Bytes));
        }

        var jacobianCode = jacobian?.Write(target, symbols, weights.Add, h => { var f = PortableMath.FunctionName(h); helpers.Add(h); return f; });

        // Weights are emitted only when some kernel's code names them (a re-laid-out original costs no flash).
        foreach (var k in kernels) weights.ConfirmUsed(k.Body);
        long macs = layers.Sum(l => l.Macs);
        bool blob = options.WeightsBlob ?? weights.Bytes > target.BlobThresholdBytes;
        var summary = new ModelSummary(prefix, g.Name, target, plan.ArenaBytes, weights.Bytes, macs, layers.Count);
        var files = new Dictionary<string, string>
        {
            ["model.h"] = HeaderWriter.Write(summary.Header("model.h"), prefix, plan.ArenaBytes, weights.Bytes, macs, layers.Count, inputs, outputs, ports,
                jacobianCode?.Declarations ?? ""),
            ["model.c"] = ModelSourceWriter.Write(summary.Header("model.c"), prefix, plan.ArenaBytes, weights.Emitted, PortableMath.Code(helpers), kernels, ports)
                + (jacobianCode?.Definitions ?? ""),
        };
        var binaries = new Dictionary<string, byte[]>();
        if (blob)
        {
            var (bytes, asm) = WeightsWriter.Blob(summary.Header("model_weights.S"), prefix, weights.Emitted);
            files["model_weights.S"] = asm;
            binaries["model_weights.bin"] = bytes;
        }
        else files["model_weights.c"] = WeightsWriter.CFile(summary.Header("model_weights.c"), weights.Emitted);

        return new GeneratedModel
        {
            Name = prefix, Files = files, BinaryFiles = binaries, Inputs = inputs, Outputs = outputs,
            ArenaBytes = plan.ArenaBytes, WeightBytes = weights.Bytes, Macs = macs, Layers = layers, Plan = plan.Buffers,
            JacobianArenaBytes = jacobianCode?.ArenaBytes,
        };
    }

    private static long BytesOf(ValueInfo v) => (v.Shape.ElementCount ?? 0) * v.Type.SizeOf();

    private static CPort Port(ModelGraph g, string name, SymbolTable symbols)
    {
        var info = g.GetInfo(name);
        return new CPort(name, symbols.Unique(name), info.Type, info.Shape.ToConcrete());
    }

    private static KernelContext Probe(ModelGraph g, Node n, TargetProfile target, string prefix) => new()
    {
        Node = n, Graph = g, Target = target, Code = new CWriter(), Prefix = prefix,
        InputExprs = n.Inputs.Select((v, i) => v.Length == 0 ? "" : $"in{i}").ToList(),
        OutputExprs = n.Outputs.Select((v, o) => v.Length == 0 ? "" : $"out{o}").ToList(),
        ScratchExpr = "scratch",
        AddConstant = (_, _) => "probe_constant",
        UseHelper = PortableMath.FunctionName,
    };

    private static EmittedKernel Emit(ModelGraph g, Node node, IKernelEmitter emitter, TargetProfile target, string prefix, string function,
        ValueExpressions values, long scratchOffset, WeightTable weights, ISet<string> helpers)
    {
        var pars = new List<KernelParam>();
        var inputExprs = new List<string>();
        for (int i = 0; i < node.Inputs.Count; i++)
        {
            var v = node.Inputs[i];
            if (v.Length == 0) { inputExprs.Add(""); continue; }
            var constant = values.ConstantSymbol(v);
            if (constant != null) { inputExprs.Add(constant); continue; }
            inputExprs.Add($"in{i}");
            pars.Add(new KernelParam($"const {g.GetInfo(v).Type.CType()} *in{i}", values.Argument(v)));
        }
        var outputExprs = new List<string>();
        for (int o = 0; o < node.Outputs.Count; o++)
        {
            var v = node.Outputs[o];
            if (v.Length == 0) { outputExprs.Add(""); continue; }
            outputExprs.Add($"out{o}");
            pars.Add(new KernelParam($"{g.GetInfo(v).Type.CType()} *out{o}", values.Argument(v)));
        }
        if (scratchOffset >= 0) pars.Add(new KernelParam("char *scratch", $"(char *)(arena + {scratchOffset})"));
        var code = new CWriter();
        var ctx = new KernelContext
        {
            Node = node, Graph = g, Target = target, Code = code, Prefix = prefix, InputExprs = inputExprs, OutputExprs = outputExprs,
            ScratchExpr = scratchOffset >= 0 ? "scratch" : null,
            AddConstant = weights.Add,
            UseHelper = h => { var f = PortableMath.FunctionName(h); helpers.Add(h); return f; },
        };
        try { emitter.Emit(ctx); }
        catch (Exception e) when (e is not EdgeToolkitException)
        {
            throw new EdgeToolkitException(ErrorKind.BadInput, $"the C emitter failed: {e.Message}", g.SourcePath, node.Name, node.OpType,
                "this is a bug in EdgeToolkit; please report it with the model", e);
        }
        var body = code.ToString();
        // A kernel that ignores a buffer (a shape input, say) must not have an unused parameter: -Wextra would fail the build.
        var used = pars.Where(p => CodeText.Mentions(body, p.Declaration[(p.Declaration.LastIndexOf('*') + 1)..])).ToList();
        return new EmittedKernel(function, Describe(g, node), used, body);
    }

    private static EmittedKernel Copy(string function, string comment, ValueExpressions values, string source, string? output, CPort? port = null)
    {
        var info = values.Info(source);
        var pars = new List<KernelParam>();
        var from = values.ConstantSymbol(source);
        if (from == null) { from = "in0"; pars.Add(new KernelParam($"const {info.Type.CType()} *in0", values.Argument(source))); }
        pars.Add(new KernelParam($"{info.Type.CType()} *out0", port != null ? port.CName : values.Argument(output!)));
        long n = info.Shape.ElementCount ?? 0;
        var body = $"long i;\nfor (i = 0; i < {n}L; i++) out0[i] = {from}[i];\n";
        return new EmittedKernel(function, comment, pars, body);
    }

    /// <summary>"fc1: Gemm + act1 Tanh; x [1x2] -> y [1x32]" for the comment above a kernel.</summary>
    private static string Describe(ModelGraph g, Node n)
    {
        string Shapes(IEnumerable<string> vs) => string.Join(", ", vs.Where(v => v.Length > 0 && !g.IsInitializer(v))
            .Select(v => $"{v} [{string.Join("x", g.GetInfo(v).Shape.ToConcrete())}]"));
        var fused = string.Concat(n.Fused.Select(f => $" + {f.Name} {f.OpType}"));
        return CNames.Comment($"{n.Name}: {n.OpType}{fused}; {Shapes(n.Inputs)} -> {Shapes(n.Outputs)}");
    }
}
