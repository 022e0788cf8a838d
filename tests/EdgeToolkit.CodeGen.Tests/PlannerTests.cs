using EdgeToolkit.CodeGen.Emitters;
using EdgeToolkit.CodeGen.Planning;
using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Builders;

namespace EdgeToolkit.CodeGen.Tests;

/// <summary>The static memory plan: its invariant, reuse, in-place and alias behaviour, and copies into output buffers.</summary>
public class PlannerTests
{
    /// <summary>No two buffers live at the same step share a byte, except an in-place output and the input it overwrote at that step.</summary>
    internal static void AssertNoLiveOverlap(IReadOnlyList<PlannedBuffer> plan, long arenaBytes)
    {
        foreach (var a in plan)
        {
            Assert.Equal(0, a.Offset % 16);
            Assert.True(a.Offset + a.Bytes <= arenaBytes, $"{a.Value} ends past the arena");
            foreach (var b in plan)
            {
                if (ReferenceEquals(a, b)) continue;
                bool timeOverlap = a.First <= b.Last && b.First <= a.Last;
                bool byteOverlap = a.Offset < b.Offset + b.Bytes && b.Offset < a.Offset + a.Bytes;
                if (!timeOverlap || !byteOverlap) continue;
                bool handover = b.InPlaceOf == a.Value && a.Last == b.First || a.InPlaceOf == b.Value && b.Last == a.First;
                Assert.True(handover || InPlaceChain(plan, a, b), $"{a} and {b} are live together in the same bytes");
            }
        }
    }

    private static bool InPlaceChain(IReadOnlyList<PlannedBuffer> plan, PlannedBuffer a, PlannedBuffer b)
    {
        // a -> x -> b in place: a dies where x is born, x dies where b is born, so a and b never meet.
        return a.Last <= b.First && IsAncestor(plan, b, a.Value) || b.Last <= a.First && IsAncestor(plan, a, b.Value);
    }

    private static bool IsAncestor(IReadOnlyList<PlannedBuffer> plan, PlannedBuffer v, string ancestor)
    {
        for (var p = v.InPlaceOf; p != null; p = plan.FirstOrDefault(x => x.Value == p)?.InPlaceOf)
            if (p == ancestor) return true;
        return false;
    }

    [Fact]
    public void Mlp_arena_is_smaller_than_the_sum_of_its_intermediates()
    {
        var g = ExampleModels.Get("mlp-relu");
        var model = CCodeGenerator.Generate(g, new CodeGenOptions());
        long sum = model.Plan.Sum(b => b.Bytes);
        Assert.True(model.ArenaBytes < sum, $"arena {model.ArenaBytes} vs sum {sum}");
        AssertNoLiveOverlap(model.Plan, model.ArenaBytes);
        // Relu runs in place on its Gemm's output: 64 floats ping-pong between two buffers.
        Assert.Equal(2 * 64 * 4, model.ArenaBytes);
        Assert.Contains(model.Plan, b => b.InPlaceOf == "fc1_out");
    }

    [Fact]
    public void In_place_chain_reuses_one_buffer()
    {
        var b = new GraphBuilder("chain");
        var x = b.Input("x", DataType.Float32, 1, 100);
        var y = b.OpNamed("exp", "Exp", new[] { x });
        y = b.OpNamed("relu", "Relu", new[] { y });
        y = b.OpNamed("neg", "Neg", new[] { y });
        y = b.OpNamed("tanh", "Tanh", new[] { y });
        b.Output(y);
        var model = ModelCheck.AssertMatchesReference(b.Graph, ModelCheck.RandomInputs(b.Graph, 1));
        Assert.Equal(400, model.ArenaBytes);
        Assert.Single(model.Plan.Select(p => p.Offset).Distinct());
        AssertNoLiveOverlap(model.Plan, model.ArenaBytes);
    }

    [Fact]
    public void A_value_read_later_is_not_overwritten_in_place()
    {
        var b = new GraphBuilder("skip");
        var x = b.Input("x", DataType.Float32, 1, 32);
        var e = b.OpNamed("exp", "Exp", new[] { x });
        var r = b.OpNamed("neg", "Neg", new[] { e });
        b.Output(b.OpNamed("add", "Add", new[] { r, e }));
        var model = ModelCheck.AssertMatchesReference(b.Graph, ModelCheck.RandomInputs(b.Graph, 2));
        var exp = model.Plan.Single(p => p.Value == "exp_out");
        var neg = model.Plan.Single(p => p.Value == "neg_out");
        Assert.NotEqual(exp.Offset, neg.Offset);
        AssertNoLiveOverlap(model.Plan, model.ArenaBytes);
    }

    [Fact]
    public void Planner_packs_by_size_with_first_fit()
    {
        // a(100) b(10) live together, then c(100) after a dies: c takes a's place.
        var steps = new List<PlanStep>
        {
            new("n0", new[] { "in" }, new[] { "a" }, KernelMemory.Separate, 0),
            new("n1", new[] { "in" }, new[] { "b" }, KernelMemory.Separate, 0),
            new("n2", new[] { "a", "b" }, new[] { "c" }, KernelMemory.Separate, 0),
            new("n3", new[] { "c", "b" }, new[] { "d" }, KernelMemory.Separate, 24),
            new("n4", new[] { "d" }, new[] { "out" }, KernelMemory.Separate, 0),
        };
        var sizes = new Dictionary<string, long> { ["in"] = 4, ["a"] = 100, ["b"] = 10, ["c"] = 100, ["d"] = 100, ["out"] = 4 };
        var plan = MemoryPlanner.Plan(steps, v => sizes[v], new HashSet<string> { "in" }, new HashSet<string>(), new[] { "out" });
        AssertNoLiveOverlap(plan.Buffers, plan.ArenaBytes);
        // a, c and d are 112 bytes aligned; at most two of them (plus b and the scratch) are ever live.
        Assert.Equal(112 + 112 + 16 + 32, plan.ArenaBytes);
        Assert.Equal(StorageKind.GraphOutput, plan.Storage["out"].Kind);
        Assert.Equal(StorageKind.GraphInput, plan.Storage["in"].Kind);
        Assert.True(plan.ScratchOffsets[3] >= 0);
    }

    [Fact]
    public void Alias_takes_no_buffer_and_no_code()
    {
        var b = new GraphBuilder("alias");
        var x = b.Input("x", DataType.Float32, 2, 6);
        var e = b.OpNamed("exp", "Exp", new[] { x });
        var r = b.OpNamed("flat", "Reshape", new[] { e, b.Constant("shape", Tensor.Vector(3L, 4L)) });
        b.Output(b.OpNamed("neg", "Neg", new[] { r }));
        var model = ModelCheck.AssertMatchesReference(b.Graph, ModelCheck.RandomInputs(b.Graph, 3));
        Assert.DoesNotContain(model.Plan, p => p.Value == "flat_out");
        Assert.Equal(2, model.Layers.Count);
    }

    [Fact]
    public void Alias_of_a_graph_output_is_copied_into_the_caller_buffer()
    {
        var b = new GraphBuilder("alias_out");
        var x = b.Input("x", DataType.Float32, 2, 6);
        var e = b.OpNamed("exp", "Exp", new[] { x });
        b.Output(b.OpNamed("flat", "Flatten", new[] { e }, NodeAttribute.Of("axis", 0L)));
        b.Output(x);
        var model = ModelCheck.AssertMatchesReference(b.Graph, ModelCheck.RandomInputs(b.Graph, 4));
        Assert.Contains(model.Layers, l => l.Nodes.Contains("flat"));
        Assert.Contains(model.Layers, l => l.Op == "Copy");
    }

    [Fact]
    public void Output_also_consumed_inside_is_written_once_and_read_back()
    {
        var b = new GraphBuilder("tap");
        var x = b.Input("x", DataType.Float32, 1, 8);
        var h = b.OpNamed("fc", "Gemm", new[] { x, b.Constant("w", ModelCheck.Random(new[] { 8, 8 }, 1)) });
        var y = b.OpNamed("tanh", "Tanh", new[] { h });
        b.Output(h);
        b.Output(b.OpNamed("sum", "Add", new[] { y, h }));
        var model = ModelCheck.AssertMatchesReference(b.Graph, ModelCheck.RandomInputs(b.Graph, 5));
        Assert.DoesNotContain(model.Plan, p => p.Value == "fc_out");
        AssertNoLiveOverlap(model.Plan, model.ArenaBytes);
    }

    [Fact]
    public void Output_that_is_a_weight_or_listed_twice_is_copied()
    {
        var b = new GraphBuilder("const_out");
        var x = b.Input("x", DataType.Float32, 1, 3);
        var k = b.Constant("k", Tensor.FromFloats(new[] { 1, 3 }, new[] { 1f, -2f, 3.5f }));
        var y = b.OpNamed("add", "Add", new[] { x, k });
        b.Output(y).Output(k).Output(y);
        var model = CCodeGenerator.Generate(b.Graph, new CodeGenOptions());
        Assert.Equal(3, model.Outputs.Count);
        var main = """
            #include <stdio.h>
            #include "model.h"
            int main(void)
            {
                float x[3] = { 0.5f, 0.25f, -1.0f }, a[3], c[3], d[3];
                const_out_run(x, a, c, d);
                printf("%g %g %g|%g %g %g|%g %g %g\n", a[0], a[1], a[2], c[0], c[1], c[2], d[0], d[1], d[2]);
                return 0;
            }
            """;
        var files = model.Files.Where(f => f.Key.EndsWith(".c") || f.Key.EndsWith(".h")).ToDictionary(f => f.Key, f => f.Value);
        files["main.c"] = main;
        Assert.Equal("1.5 -1.75 2.5|1 -2 3.5|1.5 -1.75 2.5", HostC.CompileAndRun(files).Trim());
        Assert.Equal(2, model.Layers.Count(l => l.Op == "Copy"));
    }
}
