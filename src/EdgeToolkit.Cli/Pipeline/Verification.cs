using System.Text.Json.Nodes;
using EdgeToolkit.Graph;
using EdgeToolkit.Onnx;
using EdgeToolkit.Targets.Running;

namespace EdgeToolkit.Cli.Pipeline;

/// <summary>What verify found: the comparison with the reference and the figures of the run.</summary>
/// <param name="IntegerCheck">For quantized models: the C against the C# integer evaluator (must be bit-exact).</param>
/// <param name="StatePairs">Streaming: the state carried between chunks (the cases are consecutive chunks).</param>
public sealed record VerifyResult(Compilation Compilation, TargetRunResult Run, OutputComparison Comparison, string Reference, int Cases,
    OutputComparison? IntegerCheck = null, bool Quantized = false, IReadOnlyList<StatePair>? StatePairs = null)
{
    public bool Ok => Comparison.Ok && (IntegerCheck?.Ok ?? true);

    public JsonObject ToJson()
    {
        var c = Compilation;
        var board = c.Board;
        var o = new JsonObject
        {
            ["ok"] = Ok,
            ["model"] = c.Source.Display,
            ["target"] = c.Target,
            ["board"] = board?.Name,
            ["reference"] = Reference,
            ["cases"] = Cases,
            ["atol"] = Comparison.Atol,
            ["rtol"] = Comparison.Rtol,
            ["max_abs_error"] = Comparison.MaxAbsError,
            ["max_rel_error"] = Comparison.MaxRelError,
            ["mismatches"] = Comparison.Mismatches,
            ["flash_bytes"] = Run.FlashBytes,
            ["ram_bytes"] = Run.RamBytes,
            ["arena_bytes"] = c.Code.ArenaBytes,
            ["weight_bytes"] = c.Code.WeightBytes,
            ["macs"] = c.Code.Macs,
            ["stack_bytes"] = Run.StackBytes,
            ["instructions_per_inference"] = Run.InstructionsPerInference,
            ["ns_per_inference"] = Run.NsPerInference,
            ["image_flash_bytes"] = Run.ImageFlashBytes,
            ["numerics"] = c.FastMath
                ? "fast mode: -ffp-contract=fast, multiply-adds may fuse; not bit-identical across targets"
                : "-ffp-contract=off: bit-identical across host, aarch64 and every Cortex-M target",
        };
        if (board != null && Run.InstructionsPerInference is long n)
            o["latency_estimate_us"] = new JsonObject
            {
                ["clock_hz"] = board.ClockHz,
                ["min"] = n * board.CyclesPerInstruction.Min / board.ClockHz * 1e6,
                ["max"] = n * board.CyclesPerInstruction.Max / board.ClockHz * 1e6,
                ["cycles_per_instruction"] = new JsonArray(board.CyclesPerInstruction.Min, board.CyclesPerInstruction.Max),
            };
        if (StatePairs is { Count: > 0 })
            o["stream"] = new JsonObject
            {
                ["chunks"] = Cases,
                ["state"] = new JsonArray(StatePairs.Select(p => (JsonNode)$"{p.Input}={p.Output}").ToArray()),
                ["carried"] = "on the device: each state output is copied into its input before the next chunk; the reference carries its own",
                ["chunk_max_abs_error"] = new JsonArray(Enumerable.Range(0, Cases).Select(k => (JsonNode)Comparison.CaseMaxAbsError(k)).ToArray()),
                ["instructions_per_chunk"] = Run.InstructionsPerCase == null ? null : new JsonArray(Run.InstructionsPerCase.Select(n => (JsonNode)n).ToArray()),
            };
        o["quantized"] = Quantized;
        if (Quantized && IntegerCheck == null)
            o["integer_reference"] = "not checked: " + (QuantizedReference.NotBitExactBecause(Compilation.Graph) ?? "no integer reference");
        if (IntegerCheck != null)
        {
            o["quantization_steps"] = new JsonObject(Comparison.OutputAtol.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value))));
            o["within_one_step_fraction"] = Comparison.AgreeingFraction;
            o["allowed_mismatch_fraction"] = Comparison.AllowedMismatchFraction;
            o["integer_reference"] = new JsonObject
            {
                ["reference"] = "the C# integer evaluator of the compiled graph",
                ["bit_exact"] = IntegerCheck.Ok,
                ["elements"] = IntegerCheck.Elements,
                ["mismatches"] = IntegerCheck.Mismatches,
                ["problems"] = new JsonArray(IntegerCheck.Problems.Select(p => (JsonNode)p).ToArray()),
            };
        }
        o["problems"] = new JsonArray(Comparison.Problems.Select(p => (JsonNode)p).ToArray());
        o["compile_command"] = Run.CompileCommand;
        o["measurement"] = new JsonArray(Run.MeasurementNotes.Select(p => (JsonNode)p).ToArray());
        return o;
    }
}

/// <summary>
/// verify: compile, run on the target (emulated board, qemu-user or host) and compare every output
/// with ONNX Runtime on the original model, or with a test-case folder's reference outputs.
/// </summary>
public static class Verification
{
    /// <param name="Cases">Inputs to run instead of seeded random ones (e.g. consecutive windows of a signal).</param>
    /// <param name="StatePairs">Streaming: the cases are consecutive chunks (Inputs of them) and each pair's output feeds its input on the next chunk.</param>
    public sealed record Options(int Inputs = 8, int Seed = 1, double Atol = 1e-4, double Rtol = 1e-4,
        IReadOnlyList<string>? InputSpecs = null, bool KeepBuild = false, bool HostNative = false, bool PerLayer = false,
        IReadOnlyList<StatePair>? StatePairs = null, IReadOnlyList<Dictionary<string, Tensor>>? Cases = null);

    public static VerifyResult Run(ModelSource source, ModelOptions modelOptions, Options options, Reporter? reporter = null)
    {
        var compilation = Compiler.Compile(source, modelOptions, reporter);
        var graph = compilation.Graph;
        var specs = options.InputSpecs ?? Array.Empty<string>();
        var files = InputFiles(specs);
        var pairs = options.StatePairs ?? Array.Empty<StatePair>();
        if (pairs.Count > 0 && source.ReferenceCases.Count > 0 && files.Count == 0)
            throw new EdgeToolkitException(ErrorKind.BadInput, "--stream runs seeded chunks, but this test-case folder brings its own reference cases",
                file: source.Display, hint: "give the folder's model.onnx instead, or drop --stream/--state");
        StatePairs.Check(pairs, compilation.Code.Inputs, compilation.Code.Outputs);

        List<Dictionary<string, Tensor>> cases;
        List<Dictionary<string, Tensor>> references;
        string referenceName;
        if (source.ReferenceCases.Count > 0 && files.Count == 0)
        {
            cases = source.ReferenceCases.Select(rc => graph.Inputs.ToDictionary(i => i.Name, i => rc.Inputs[i.Name])).ToList();
            references = source.ReferenceCases.Select(rc => rc.Outputs).ToList();
            referenceName = "test-case reference outputs";
        }
        else
        {
            cases = options.Cases?.Select(c => new Dictionary<string, Tensor>(c)).ToList()
                ?? InputGenerator.Generate(graph.Inputs, options.Inputs, options.Seed, InputGenerator.ParseRanges(specs));
            foreach (var c in cases) foreach (var (name, t) in files) c[name] = t;
            StreamFeed.ZeroInitialStates(cases, pairs, files.Keys.ToHashSet());
            var consts = GraphOptimizer.ConstValues(source.Graph, modelOptions);
            reporter?.Progress(pairs.Count > 0 ? $"running ONNX Runtime on {cases.Count} consecutive chunks for the reference" : $"running ONNX Runtime on {cases.Count} inputs for the reference");
            using var ort = new OrtSession(source.OnnxBytes); // one session for every case, not one per case
            references = StreamFeed.Run(cases, pairs, c =>
            {
                var feed = new Dictionary<string, Tensor>(c);
                foreach (var (k, v) in consts) feed[k] = v;
                return ort.Run(feed);
            });
            referenceName = "onnxruntime";
        }

        reporter?.Progress(compilation.Board != null
            ? $"building for {compilation.Target} and running on the emulated {compilation.Board.Name} (QEMU)"
            : $"building for {compilation.Target} and running");
        var run = TargetRunner.Run(compilation.Code, compilation.Target, compilation.Board,
            cases.Select(c => (IReadOnlyDictionary<string, Tensor>)c).ToList(),
            new RunOptions
            {
                KeepBuild = options.KeepBuild, HostNative = options.HostNative, PerLayer = options.PerLayer, FastMath = modelOptions.FastMath,
                StatePairs = pairs,
            });

        bool quantized = QuantizedReference.IsQuantized(graph) || QuantizedReference.IsQuantized(source.Graph);
        var cmp = quantized && source.ReferenceCases.Count == 0
            ? QuantizedReference.OrtComparison(source.Graph, options.Atol, options.Rtol)
            : new OutputComparison(options.Atol, options.Rtol);
        for (int k = 0; k < cases.Count; k++)
            foreach (var o in graph.Outputs)
            {
                if (!references[k].TryGetValue(o.Name, out var r)) { cmp.AddProblem($"the reference has no output '{o.Name}'"); continue; }
                cmp.Add(o.Name, run.Outputs[k][o.Name], r, k);
            }
        OutputComparison? integer = null;
        if (quantized && QuantizedReference.NotBitExactBecause(graph) == null)
        {
            reporter?.Progress("checking the C against the C# integer evaluator, bit for bit");
            integer = QuantizedReference.CompareWithEvaluator(graph, cases, run.Outputs, pairs);
        }
        return new VerifyResult(compilation, run, cmp, referenceName, cases.Count, integer, quantized, pairs);
    }

    /// <summary>--input name=file.pb feeds a TensorProto file for that input in every case.</summary>
    private static Dictionary<string, Tensor> InputFiles(IEnumerable<string> specs)
    {
        var d = new Dictionary<string, Tensor>();
        foreach (var s in specs)
        {
            var eq = s.IndexOf('=');
            if (eq <= 0) throw Args.Usage($"--input {s}: expected name=file.pb or name=lo..hi");
            var value = s[(eq + 1)..];
            if (value.Contains("..") && !File.Exists(value)) continue;
            if (!File.Exists(value)) throw new EdgeToolkitException(ErrorKind.BadInput, "no such input file", file: value, hint: "give a TensorProto .pb file");
            d[s[..eq]] = TensorProtoFile.Read(value).Value;
        }
        return d;
    }
}
