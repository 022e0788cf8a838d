using System.Diagnostics;
using System.Globalization;
using EdgeToolkit.CodeGen;
using EdgeToolkit.Graph;
using EdgeToolkit.Targets.Boards;
using EdgeToolkit.Targets.Running;
using EdgeToolkit.Targets.Tools;

namespace EdgeToolkit.Targets.Decoding;

/// <summary>
/// Greedy decoding of a stateful one-token-per-step language model, with the whole loop on the
/// target: the board zeroes the states, feeds each prompt one token per step, feeds back the argmax
/// of the logits, and carries the states, so a token costs one model step and nothing more. Prompts
/// are batched per emulator run and split over several runs when they would not fit the flash or
/// the time limit. Same build and measurement machinery as TargetRunner.
/// </summary>
public static class TargetDecoder
{
    public static DecodeRunResult Generate(GeneratedModel model, DecoderSignature signature, string target, BoardDefinition? board,
        IReadOnlyList<long[]> prompts, int maxNewTokens, RunOptions options, DecodeLimits? limits = null)
    {
        limits ??= new DecodeLimits();
        if (!TargetProfile.AllTargets.Contains(target))
            throw new EdgeToolkitException(ErrorKind.BadInput, $"unknown target '{target}'", hint: $"targets: {string.Join(", ", TargetProfile.AllTargets)}");
        if (BoardCatalog.IsMcuTarget(target)) board ??= BoardCatalog.FromRepository().Default(target);
        else if (board != null)
            throw new EdgeToolkitException(ErrorKind.BadInput, $"target '{target}' runs on no board, but board '{board.Name}' was given", hint: "drop --board");
        var ports = DecoderPorts.Bind(model, signature);
        CheckPrompts(prompts, maxNewTokens, ports.Vocab);

        var recipe = BuildRecipe.For(target, board, options, options.Toolchain ?? Toolchain.Default);
        if (options.FastMath) recipe = recipe.WithFastMath();
        var platform = PlatformObjects.Get(recipe);
        var dir = Path.Combine(options.BuildRoot ?? Path.GetTempPath(), $"edgetk-decode-{model.Name}-{target}-{Guid.NewGuid().ToString("N")[..8]}");
        try
        {
            model.WriteTo(dir);
            if (board != null) File.WriteAllText(Path.Combine(dir, "link.ld"), LinkerScript.For(board));
            var timing = recipe.TimesNanoseconds
                ? new[] { string.Create(CultureInfo.InvariantCulture, $"-DEDGETK_TIME_BUDGET_NS={options.HostTimingPerCase.TotalMilliseconds * 1e6:0}") }
                : Array.Empty<string>();
            var modelSources = model.Sources.Order(StringComparer.Ordinal).ToList();
            long byteBudget = limits.MaxPromptBytesPerRun ?? DecodeBatches.PromptBytesPerRun(board, model);
            long stepBudget = limits.MaxStepsPerRun ?? limits.FirstRunSteps ?? DecodeBatches.FirstRunSteps(board, model);

            var tokens = new List<long[]>();
            var steps = new List<int>();
            var instructions = recipe.IsMcu ? new List<long>() : null;
            var runCommands = new List<string>();
            double nsTotal = 0;
            long nsSteps = 0, stack = 0, imageFlash = 0, imageRam = 0;
            ElfSize? withModel = null, without = null;
            string compileCommand = "";
            for (int start = 0; start < prompts.Count;)
            {
                int count = DecodeBatches.Take(prompts, start, ports.Vocab, maxNewTokens, signature.MaxContext, byteBudget, stepBudget);
                var batch = prompts.Skip(start).Take(count).ToList();
                File.WriteAllText(Path.Combine(dir, "main.c"), DecodeHarnessWriter.Write(model, ports, signature, batch, maxNewTokens, recipe));
                var (elf, command) = TargetRunner.Build(recipe, dir, "decode.elf", timing, modelSources, platform);
                var size = ElfSize.Measure(recipe.SizeTool, elf);
                if (withModel == null)
                {
                    compileCommand = command;
                    withModel = size;
                    var (stubElf, _) = TargetRunner.Build(recipe, dir, "stub.elf", new[] { "-DEDGETK_STUB_MODEL" }, Array.Empty<string>(), platform);
                    without = ElfSize.Measure(recipe.SizeTool, stubElf);
                }
                imageFlash = Math.Max(imageFlash, size.Flash);
                imageRam = Math.Max(imageRam, size.Ram);

                var clock = Stopwatch.StartNew();
                var run = ImageRunner.Run(recipe, elf, dir, options.RunTimeout);
                var seconds = clock.Elapsed.TotalSeconds;
                runCommands.Add(run.Command);
                var output = DecodeHarnessOutput.Parse(run.StdOut, batch.Count, recipe.IsMcu);
                if (output.ModelError is { } e)
                    throw new EdgeToolkitException(ErrorKind.CheckFailed,
                        $"{model.Name}_run returned {e.Code} while decoding prompt {start + e.Prompt} on {ImageRunner.Where(recipe)}");
                ImageRunner.ThrowIfFailed(run, recipe, "the decoding loop", output.Complete);

                tokens.AddRange(output.Tokens);
                steps.AddRange(output.Steps);
                int runSteps = output.Steps.Sum();
                if (instructions != null)
                {
                    long empty = recipe.TicksToInstructions(output.EmptyRegionTicks ?? 0);
                    instructions.AddRange(output.StepTicks.SelectMany(t => t).Select(t => recipe.TicksToInstructions(t) - empty));
                    stack = Math.Max(stack, output.StackBytes ?? 0);
                }
                if (output.NsPerStep is { } ns) { nsTotal += ns * runSteps; nsSteps += runSteps; }
                if (limits.MaxStepsPerRun == null)
                    stepBudget = Math.Max(1, (long)(options.RunTimeout.TotalSeconds * limits.TimeoutShare / (seconds / Math.Max(1, runSteps))));
                start += count;
            }

            return new DecodeRunResult
            {
                Target = target,
                Board = board?.Name,
                Tokens = tokens,
                StepsPerPrompt = steps,
                Steps = steps.Sum(s => (long)s),
                InstructionsPerStep = instructions,
                InstructionsPerTokenMedian = instructions is { Count: > 0 } ? Median(instructions) : null,
                InstructionsPerTokenMean = instructions is { Count: > 0 } ? instructions.Average() : null,
                NsPerToken = nsSteps > 0 ? nsTotal / nsSteps : null,
                FlashBytes = withModel!.Flash - without!.Flash,
                RamBytes = withModel.Ram - without.Ram,
                StateBytes = ports.States.Sum(s => 2 * s.Input.Bytes),
                ImageFlashBytes = imageFlash,
                ImageRamBytes = imageRam,
                StackBytes = recipe.IsMcu ? stack : null,
                Runs = runCommands.Count,
                CompileCommand = compileCommand,
                CompilerFlags = recipe.CompileFlags.Concat(timing).ToList(),
                RunCommands = runCommands,
                MeasurementNotes = Notes(recipe, options),
                BuildDirectory = dir,
            };
        }
        finally
        {
            if (!options.KeepBuild && Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    private static void CheckPrompts(IReadOnlyList<long[]> prompts, int maxNewTokens, int vocab)
    {
        if (prompts.Count == 0)
            throw new EdgeToolkitException(ErrorKind.BadInput, "no prompts to decode", hint: "give at least one prompt of token ids");
        if (maxNewTokens < 1)
            throw new EdgeToolkitException(ErrorKind.BadInput, $"maxNewTokens is {maxNewTokens}; it must be at least 1");
        for (int k = 0; k < prompts.Count; k++)
        {
            if (prompts[k].Length == 0)
                throw new EdgeToolkitException(ErrorKind.BadInput, $"prompt {k} is empty", hint: "every prompt needs at least one token (e.g. a start token)");
            // The generated C indexes tables with the token: an id outside the vocabulary would read past them.
            int bad = Array.FindIndex(prompts[k], t => t < 0 || t >= vocab);
            if (bad >= 0)
                throw new EdgeToolkitException(ErrorKind.BadInput, $"prompt {k} has token {prompts[k][bad]} at {bad}, outside the vocabulary [0, {vocab})",
                    hint: "tokenize with the model's own vocabulary");
        }
    }

    private static IReadOnlyList<string> Notes(BuildRecipe recipe, RunOptions options)
    {
        var notes = new List<string>
        {
            "the whole greedy loop runs on the target: zero states, prompt one token per step from position 0, then argmax (ties to the lowest index) fed back; states ping-pong between two buffers",
            $"flash/RAM share: {Path.GetFileName(recipe.SizeTool)} (text+data, data+bss) of the decoding image minus the same image with a stub model",
        };
        if (recipe.Board is { } b)
        {
            notes.Add($"instructions per token: QEMU {b.QemuMachine} -icount shift={BuildRecipe.IcountShift}, {b.Timer.Kind} timer at {b.Timer.Hz} Hz read around each step (model call plus argmax or next prompt token), minus an empty region; median and mean over all steps (a dynamic instruction count, not cycles; cycles about {b.CyclesPerInstruction.Min}-{b.CyclesPerInstruction.Max}x)");
            notes.Add("stack: high-water mark of the painted stack during one model step below the loop's call site");
        }
        else if (recipe.TimesNanoseconds)
            notes.Add($"ns per token: CLOCK_MONOTONIC around batches of decoding every prompt (>= 0.2 ms each) repeated for {options.HostTimingPerCase.TotalMilliseconds} ms; median ns per step");
        else
            notes.Add("no latency: qemu-user has no cost counter");
        return notes;
    }

    private static long Median(IReadOnlyList<long> values)
    {
        var s = values.Order().ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
    }
}
