using System.Globalization;
using EdgeToolkit.CodeGen;
using EdgeToolkit.Graph;
using EdgeToolkit.Targets.Boards;
using EdgeToolkit.Targets.Tools;

namespace EdgeToolkit.Targets.Running;

/// <summary>
/// Builds a generated model with a generated harness for a target, runs it (host, qemu-aarch64, or
/// a QEMU board), and returns its outputs and measured figures. Each run builds in a fresh folder;
/// only the platform objects are shared (PlatformObjects).
/// </summary>
public static class TargetRunner
{
    public static TargetRunResult Run(GeneratedModel model, string target, BoardDefinition? board,
        IReadOnlyList<IReadOnlyDictionary<string, Tensor>> cases, RunOptions options)
    {
        if (!TargetProfile.AllTargets.Contains(target))
            throw new EdgeToolkitException(ErrorKind.BadInput, $"unknown target '{target}'", hint: $"targets: {string.Join(", ", TargetProfile.AllTargets)}");
        if (cases.Count == 0)
            throw new EdgeToolkitException(ErrorKind.BadInput, "no input cases to run");
        if (BoardCatalog.IsMcuTarget(target)) board ??= BoardCatalog.FromRepository().Default(target);
        else if (board != null)
            throw new EdgeToolkitException(ErrorKind.BadInput, $"target '{target}' runs on no board, but board '{board.Name}' was given", hint: "drop --board");

        var recipe = BuildRecipe.For(target, board, options, options.Toolchain ?? Toolchain.Default);
        if (options.FastMath) recipe = recipe.WithFastMath();
        var platform = PlatformObjects.Get(recipe);
        var dir = Path.Combine(options.BuildRoot ?? Path.GetTempPath(), $"edgetk-{model.Name}-{target}-{Guid.NewGuid().ToString("N")[..8]}");
        try
        {
            model.WriteTo(dir);
            if (board != null) File.WriteAllText(Path.Combine(dir, "link.ld"), LinkerScript.For(board));
            File.WriteAllText(Path.Combine(dir, "main.c"), HarnessWriter.Write(model, cases, recipe, options.StatePairs));

            var timing = recipe.TimesNanoseconds
                ? new[] { string.Create(CultureInfo.InvariantCulture, $"-DEDGETK_TIME_BUDGET_NS={options.HostTimingPerCase.TotalMilliseconds * 1e6:0}") }
                    .Concat(options.HostTimedCases is int timed ? new[] { $"-DEDGETK_TIMED_CASES={Math.Max(1, timed)}" } : Array.Empty<string>()).ToArray()
                : Array.Empty<string>();
            var modelSources = model.Sources.Order(StringComparer.Ordinal).ToList();
            var (elf, command) = Build(recipe, dir, "model.elf", timing, modelSources, platform);
            var (stubElf, _) = Build(recipe, dir, "stub.elf", new[] { "-DEDGETK_STUB_MODEL" }, Array.Empty<string>(), platform);
            var (runCommand, output) = Execute(recipe, dir, elf, model, cases.Count, options);

            var withModel = ElfSize.Measure(recipe.SizeTool, elf);
            var without = ElfSize.Measure(recipe.SizeTool, stubElf);
            IReadOnlyList<LayerCost>? layers = null;
            if (options.PerLayer)
            {
                var (layerElf, _) = Build(recipe, dir, "layers.elf", timing.Concat(new[] { "-DEDGETK_PER_LAYER", "-include", "edgetk_layer_hooks.h" }).ToList(), modelSources, platform);
                layers = LayerCosts(recipe, Execute(recipe, dir, layerElf, model, cases.Count, options).Output);
            }
            var perCase = recipe.IsMcu
                ? output.Ticks.Select(t => recipe.TicksToInstructions(t) - recipe.TicksToInstructions(output.EmptyRegionTicks ?? 0)).ToList()
                : null;
            return new TargetRunResult
            {
                Target = target,
                Board = board?.Name,
                Outputs = output.Outputs,
                InstructionsPerInference = perCase == null ? null : Median(perCase),
                InstructionsPerCase = perCase,
                NsPerInference = recipe.TimesNanoseconds ? Median(output.Ns.ToList()) : null,
                FlashBytes = withModel.Flash - without.Flash,
                RamBytes = withModel.Ram - without.Ram,
                ImageFlashBytes = withModel.Flash,
                ImageRamBytes = withModel.Ram,
                StackBytes = recipe.IsMcu ? output.StackBytes.Max() : null,
                Layers = layers,
                CompileCommand = command,
                CompilerFlags = recipe.CompileFlags.Concat(timing).ToList(),
                RunCommand = runCommand,
                MeasurementNotes = Notes(recipe, options),
                BuildDirectory = dir,
            };
        }
        finally
        {
            if (!options.KeepBuild && Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    internal static (string Elf, string Command) Build(BuildRecipe recipe, string dir, string elfName, IReadOnlyList<string> extraFlags,
        IReadOnlyList<string> modelSources, IReadOnlyList<string> platformObjects)
    {
        var args = recipe.CompileFlags.Concat(extraFlags).Concat(new[] { "-o", elfName, "main.c" }).Concat(modelSources)
            .Concat(platformObjects).Concat(recipe.LinkFlags).ToList();
        var command = ProcessRunner.Quote(recipe.Compiler, args);
        var r = ProcessRunner.Run(recipe.Compiler, args, dir, TimeSpan.FromMinutes(5));
        if (r.ExitCode != 0)
        {
            var text = r.CombinedOutput;
            if (recipe.Board != null && LinkerScript.OverflowError(text, recipe.Board) is { } overflow) throw overflow;
            var lines = text.Split('\n').Where(l => l.Trim().Length > 0).Take(20);
            throw new EdgeToolkitException(ErrorKind.CheckFailed,
                $"the generated C does not build for {recipe.Board?.Name ?? recipe.Target}:\n{string.Join("\n", lines)}",
                file: Path.Combine(dir, modelSources.FirstOrDefault() ?? "main.c"), hint: $"build command: {command}");
        }
        return (Path.Combine(dir, elfName), command);
    }

    private static (string Command, HarnessOutput Output) Execute(BuildRecipe recipe, string dir, string elf, GeneratedModel model, int caseCount, RunOptions options)
    {
        var run = ImageRunner.Run(recipe, elf, dir, options.RunTimeout);
        var output = HarnessOutput.Parse(run.StdOut, model, caseCount);
        if (output.ModelError is { } e)
            throw new EdgeToolkitException(ErrorKind.CheckFailed, $"{model.Name}_run returned {e.Code} for case {e.Case} on {ImageRunner.Where(recipe)}");
        ImageRunner.ThrowIfFailed(run, recipe, "the model", output.Complete);
        return (run.Command, output);
    }

    private static IReadOnlyList<LayerCost> LayerCosts(BuildRecipe recipe, HarnessOutput output)
    {
        var empty = output.EmptyLayerCost ?? 0;
        return output.Layers.Select((l, i) =>
        {
            if (l.Calls == 0) return new LayerCost(i, null, null);
            if (recipe.IsMcu)
                return new LayerCost(i, Math.Max(0, recipe.TicksToInstructions(l.Total / l.Calls) - recipe.TicksToInstructions(empty)), null);
            return new LayerCost(i, null, recipe.TimesNanoseconds ? Math.Max(0, l.Total / l.Calls - empty) : null);
        }).ToList();
    }

    private static IReadOnlyList<string> Notes(BuildRecipe recipe, RunOptions options)
    {
        var notes = new List<string>
        {
            $"flash/RAM share: {Path.GetFileName(recipe.SizeTool)} (text+data, data+bss) of the harness with the model minus the same harness with a stub",
        };
        if (recipe.Board is { } b)
        {
            notes.Add($"instructions: QEMU {b.QemuMachine} -icount shift={BuildRecipe.IcountShift}, {b.Timer.Kind} timer at {b.Timer.Hz} Hz read around the call, minus an empty region, median over cases (a dynamic instruction count, not cycles; cycles about {b.CyclesPerInstruction.Min}-{b.CyclesPerInstruction.Max}x)");
            notes.Add("stack: high-water mark of the painted stack below the harness's call site");
        }
        else if (recipe.TimesNanoseconds)
            notes.Add($"ns: CLOCK_MONOTONIC around batches of calls (>= 0.2 ms each) repeated for {options.HostTimingPerCase.TotalMilliseconds} ms per case; median per case, then median over cases");
        else
            notes.Add("no latency: qemu-user has no cost counter");
        if (options.PerLayer)
            notes.Add("per-layer: a separate build with EDGETK_LAYER_BEGIN/END hooks reading the same counter, minus an empty hook pair");
        return notes;
    }

    private static long? Median(IReadOnlyList<long> values)
    {
        if (values.Count == 0) return null;
        var s = values.Order().ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
    }

    private static double? Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return null;
        var s = values.Order().ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : 0.5 * (s[s.Count / 2 - 1] + s[s.Count / 2]);
    }
}
