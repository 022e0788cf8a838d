using System.Globalization;
using EdgeToolkit.CodeGen;
using EdgeToolkit.Targets.Boards;
using EdgeToolkit.Targets.Running;

namespace EdgeToolkit.Profiling;

/// <summary>What was learnt from running the generated C on one target, as the profiler gets it.</summary>
public sealed record CTargetRun(GeneratedModel Model, TargetRunResult Run, BoardDefinition? Board, bool Ok, double MaxAbsError,
    HostSamples? HostSamples = null, bool PerLayer = false);

/// <summary>Turns a run of the generated C (TargetRunner) into a TargetProfile with how each figure was measured.</summary>
public static class CTargetProfiles
{
    public static TargetProfile From(CTargetRun c)
    {
        var run = c.Run;
        var model = c.Model;
        var how = new Dictionary<string, string>
        {
            ["flash_bytes"] = "ELF with the model minus the same harness with a stub model (size: text+data): code, weights, constants and the libgcc/libm it pulls in",
            ["ram_bytes"] = "ELF with the model minus the stub harness (size: data+bss), includes the built-in arena",
            ["arena_bytes"] = "static memory plan of the generated code (the ARENA_BYTES define in model.h): intermediate activations only",
            ["weight_bytes"] = "weights and constants emitted into the generated C (the WEIGHT_BYTES define)",
            ["macs"] = "multiply-accumulates counted by the emitted kernels",
            ["ok"] = $"every output of every case against ONNX Runtime; max |difference| {c.MaxAbsError.ToString("G3", CultureInfo.InvariantCulture)}",
        };
        long? instructions = run.InstructionsPerInference;
        LatencyEstimate? estimate = null;
        if (c.Board is { } b)
        {
            how["stack_bytes"] = "high-water mark of the painted stack below the harness's call site, over every case";
            how["instructions_per_inference"] = $"QEMU {b.QemuMachine} -icount shift={BuildRecipe.IcountShift}, {b.Timer.Kind} timer read around the call minus an empty region, median over cases (instructions, not cycles; exact and repeatable)";
            if (instructions is long n)
            {
                var (min, max) = b.EstimateLatency(n);
                estimate = new LatencyEstimate(min * 1e6, max * 1e6, b.ClockHz, b.CyclesPerInstruction.Min, b.CyclesPerInstruction.Max);
                how["latency_estimate_us"] = $"instructions x {b.CyclesPerInstruction.Min}-{b.CyclesPerInstruction.Max} cycles per instruction at the board clock {b.ClockHz / 1e6:G} MHz: an estimate, not a cycle measurement";
            }
        }
        LatencyStats? stats = null;
        var samples = c.HostSamples?.Ns ?? Array.Empty<double>();
        if (run.NsPerInference is double)
        {
            stats = LatencyStats.Of(samples.Count > 0 ? samples.ToList() : new List<double> { run.NsPerInference.Value });
            var flags = string.Join(" ", run.CompilerFlags.Where(f => f.StartsWith("-O") || f.StartsWith("-march") || f.StartsWith("-ffp")));
            how["ns_per_inference"] = how["p50_ns"] = how["p90_ns"] = how["p99_ns"] =
                $"nearest-rank percentiles of {Math.Max(1, samples.Count)} per-case medians of timed batches (CLOCK_MONOTONIC, batches >= 0.2 ms) from {c.HostSamples?.Processes ?? 1} runs of the harness process ({flags}): run-to-run spread, not per-call jitter";
            how["peak_rss_bytes"] = c.HostSamples?.PeakRssBytes != null
                ? "ru_maxrss (wait4) of the harness process: the whole process (libc, test inputs and outputs, model), not the model alone"
                : "not measured: no launcher could be built (needs the host gcc)";
        }
        else if (run.Target == "aarch64")
            how["p50_ns"] = how["p90_ns"] = how["p99_ns"] = how["ns_per_inference"] = "null: qemu-user has no cost counter (correctness and sizes only)";

        IReadOnlyList<LayerProfile>? layers = null;
        if (run.Layers != null || c.PerLayer)
        {
            var costs = (run.Layers ?? Array.Empty<LayerCost>()).ToDictionary(l => l.Index);
            layers = model.Layers.Select(l => new LayerProfile(l.Index, l.Nodes, l.Op, l.Macs,
                costs.GetValueOrDefault(l.Index)?.Instructions, costs.GetValueOrDefault(l.Index)?.Ns)).ToList();
            how["layers"] = c.Board != null
                ? "a separate build with EDGETK_LAYER_BEGIN/END hooks reading the board timer under QEMU icount, minus an empty hook pair, mean per inference"
                : run.NsPerInference != null && run.Layers != null ? "a separate build with EDGETK_LAYER_BEGIN/END hooks reading CLOCK_MONOTONIC, minus an empty hook pair, mean per inference: a mean of wall-clock time, so preemption on a loaded machine inflates it and the layers can sum to more than the median inference; read their shares"
                : "no per-layer cost: qemu-user has no cost counter";
        }
        return new TargetProfile
        {
            Target = run.Target,
            Board = run.Board,
            Ok = c.Ok,
            MaxAbsError = c.MaxAbsError,
            FlashBytes = run.FlashBytes,
            RamBytes = run.RamBytes,
            ArenaBytes = model.ArenaBytes,
            WeightBytes = model.WeightBytes,
            Macs = model.Macs,
            StackBytes = run.StackBytes,
            PeakRssBytes = c.HostSamples?.PeakRssBytes,
            InstructionsPerInference = instructions,
            NsPerInference = stats?.P50 ?? run.NsPerInference,
            Latency = stats,
            LatencySamplesNs = samples,
            LatencyEstimate = estimate,
            Layers = layers,
            Arena = ArenaTimeline.Of(model),
            How = how,
        };
    }

    /// <summary>A target that could not be profiled (e.g. the model does not link for the board): the reason, no figures.</summary>
    public static TargetProfile Failed(string target, string? board, string error) =>
        new() { Target = target, Board = board, Ok = false, Error = error };
}
