using System.Text.RegularExpressions;
using EdgeToolkit.Cli.Pipeline;
using EdgeToolkit.CodeGen;

namespace EdgeToolkit.Profiling.Tests;

public class ArenaTimelineTests
{
    [Fact]
    public void Union_counts_shared_bytes_once()
    {
        Assert.Equal(0, ArenaTimeline.UnionLength(Array.Empty<(long, long)>()));
        Assert.Equal(30, ArenaTimeline.UnionLength(new[] { (0L, 10L), (20L, 40L) }));
        Assert.Equal(40, ArenaTimeline.UnionLength(new[] { (10L, 40L), (0L, 20L), (15L, 25L) }));
        Assert.Equal(10, ArenaTimeline.UnionLength(new[] { (0L, 10L), (0L, 10L), (2L, 5L) }));
    }

    [Fact]
    public void In_place_values_share_their_input_bytes()
    {
        // a (0..64) is overwritten in place by b at step 1; c sits above from step 1 to 2.
        var plan = new[]
        {
            new PlannedBuffer("a", 0, 64, 0, 1), new PlannedBuffer("b", 0, 64, 1, 2) { InPlaceOf = "a" }, new PlannedBuffer("c", 64, 32, 1, 2),
        };
        var t = ArenaTimeline.Of(Model(plan, arenaBytes: 96));
        Assert.Equal(new long[] { 64, 96, 96 }, t.LiveBytes);
        Assert.Equal(96, t.PeakLiveBytes);
    }

    [Fact]
    public void The_cnn_schedule_peaks_at_the_arena_of_model_h()
    {
        var c = Compiler.Compile(ModelSource.Load("builtin:cnn"), new ModelOptions { Target = "cortex-m4" });
        var define = Regex.Match(c.Code.Files["model.h"], @"#define\s+CNN_ARENA_BYTES\s+(\d+)");
        Assert.True(define.Success, "model.h defines CNN_ARENA_BYTES");
        long arena = long.Parse(define.Groups[1].Value);

        var t = ArenaTimeline.Of(c.Code);
        Assert.Equal(arena, c.Code.ArenaBytes);
        Assert.Equal(arena, t.ArenaBytes);
        Assert.Equal(arena, t.PeakLiveBytes);
        Assert.Equal(arena, t.PeakTopBytes);

        // Independent reference: mark every arena byte a live buffer covers, step by step.
        for (int s = 0; s < t.LiveBytes.Count; s++)
        {
            var used = new bool[arena];
            foreach (var b in c.Code.Plan.Where(b => b.First <= s && s <= b.Last))
                for (long i = b.Offset; i < b.Offset + b.Bytes; i++) used[i] = true;
            Assert.Equal(used.Count(u => u), t.LiveBytes[s]);
        }
    }

    private static GeneratedModel Model(IReadOnlyList<PlannedBuffer> plan, long arenaBytes) => new()
    {
        Name = "m", Files = new Dictionary<string, string>(), Inputs = Array.Empty<CPort>(), Outputs = Array.Empty<CPort>(),
        ArenaBytes = arenaBytes, WeightBytes = 0, Macs = 0, Layers = Array.Empty<GeneratedLayer>(), Plan = plan,
    };
}
