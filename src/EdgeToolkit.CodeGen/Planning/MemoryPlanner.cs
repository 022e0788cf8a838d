using EdgeToolkit.CodeGen.Emitters;

namespace EdgeToolkit.CodeGen.Planning;

/// <summary>
/// Static memory plan over the kernel order: every intermediate value gets an arena slice for
/// its lifetime (first write to last read, aliases included); slices are packed first-fit by
/// decreasing size (TinyEngine-style), 16-byte aligned. In-place kernels write over input 0
/// when it dies at that step; alias kernels share their input's bytes and emit nothing.
/// Graph inputs, weights and graph outputs live in the caller's buffers, never in the arena.
/// </summary>
public static class MemoryPlanner
{
    public static MemoryPlan Plan(IReadOnlyList<PlanStep> steps, Func<string, long> bytesOf, IReadOnlySet<string> graphInputs,
        IReadOnlySet<string> constants, IReadOnlyList<string> graphOutputs)
    {
        var storage = new Dictionary<string, ValueStorage>();
        foreach (var v in graphInputs) storage[v] = new(StorageKind.GraphInput, v, 0);
        foreach (var v in constants) storage[v] = new(StorageKind.Constant, v, 0);
        var outputSet = new HashSet<string>();
        var finalCopies = new List<(int, string)>();
        for (int o = 0; o < graphOutputs.Count; o++)
        {
            var v = graphOutputs[o];
            // An output that is an input, a weight or listed twice has no kernel writing it: copy it at the end.
            if (storage.ContainsKey(v) || !outputSet.Add(v)) finalCopies.Add((o, v));
        }

        var lastUse = LastUses(steps, graphOutputs);
        var copySteps = new HashSet<int>();
        var arenaValues = new List<string>();      // non-alias arena values in production order
        var produced = new Dictionary<string, int>();
        var inPlaceOf = new Dictionary<string, string>();
        var groupOf = new Dictionary<string, string>(); // arena value -> the value owning its bytes (in-place chains)
        var groupLast = new Dictionary<string, int>();

        for (int s = 0; s < steps.Count; s++)
        {
            var step = steps[s];
            for (int o = 0; o < step.Outputs.Count; o++)
            {
                var v = step.Outputs[o];
                if (v.Length == 0) continue;
                produced[v] = s;
                bool isOutput = outputSet.Contains(v) && !storage.ContainsKey(v);
                if (o == 0 && step.Memory == KernelMemory.Alias && step.Inputs.Count > 0)
                {
                    if (isOutput) { copySteps.Add(s); storage[v] = new(StorageKind.GraphOutput, v, 0); continue; }
                    var root = storage[step.Inputs[0]];
                    storage[v] = root;
                    if (root.Kind == StorageKind.Arena) Extend(groupOf[root.Root], lastUse.GetValueOrDefault(v, s));
                    continue;
                }
                if (isOutput) { storage[v] = new(StorageKind.GraphOutput, v, 0); continue; }
                if (o == 0 && step.Memory == KernelMemory.InPlace && step.Inputs.Count > 0 && CanOverwrite(step.Inputs[0], v, s))
                {
                    var group = groupOf[storage[step.Inputs[0]].Root];
                    storage[v] = new(StorageKind.Arena, v, 0);
                    groupOf[v] = group;
                    inPlaceOf[v] = step.Inputs[0];
                    Extend(group, lastUse.GetValueOrDefault(v, s));
                }
                else
                {
                    storage[v] = new(StorageKind.Arena, v, 0);
                    groupOf[v] = v;
                    groupLast[v] = lastUse.GetValueOrDefault(v, s);
                }
                arenaValues.Add(v);
            }
        }

        // Pack one slice per group (in-place chains share one), plus each step's scratch.
        var slices = new List<Slice>();
        var sliceOf = new Dictionary<string, Slice>();
        foreach (var v in arenaValues.Where(v => groupOf[v] == v))
        {
            var members = arenaValues.Where(m => groupOf[m] == v).ToList();
            var slice = new Slice(v, Align(members.Max(bytesOf)), produced[v], groupLast[v]);
            slices.Add(slice); sliceOf[v] = slice;
        }
        var scratch = new Slice?[steps.Count];
        for (int s = 0; s < steps.Count; s++)
            if (steps[s].ScratchBytes > 0) slices.Add(scratch[s] = new Slice(steps[s].Node + ":scratch", Align(steps[s].ScratchBytes), s, s));
        long arenaBytes = Pack(slices);

        var buffers = new List<PlannedBuffer>();
        foreach (var v in arenaValues)
        {
            var slice = sliceOf[groupOf[v]];
            storage[v] = new(StorageKind.Arena, v, slice.Offset);
            int last = Math.Max(produced[v], LastUseWithAliases(v, storage, lastUse));
            buffers.Add(new PlannedBuffer(v, slice.Offset, bytesOf(v), produced[v], last) { InPlaceOf = inPlaceOf.GetValueOrDefault(v) });
        }
        // Aliases of arena values point at their root's (now placed) offset.
        foreach (var (v, st) in storage.ToList())
            if (st.Kind == StorageKind.Arena && st.Root != v) storage[v] = storage[st.Root] with { Root = st.Root };
        foreach (var s in scratch) if (s != null) buffers.Add(new PlannedBuffer(s.Name, s.Offset, s.Bytes, s.First, s.Last));

        return new MemoryPlan
        {
            Storage = storage, Buffers = buffers, ArenaBytes = arenaBytes,
            ScratchOffsets = scratch.Select(s => s?.Offset ?? -1).ToList(),
            CopySteps = copySteps, FinalCopies = finalCopies,
        };

        void Extend(string group, int last) => groupLast[group] = Math.Max(groupLast[group], last);

        // Input 0 may be overwritten when it is an arena value whose bytes nobody reads after this step.
        bool CanOverwrite(string input, string output, int s)
        {
            if (!storage.TryGetValue(input, out var st) || st.Kind != StorageKind.Arena) return false;
            var group = groupOf[st.Root];
            return groupLast[group] <= s && bytesOf(output) == bytesOf(input);
        }
    }

    /// <summary>Last step reading each value (graph outputs count as read after the last step).</summary>
    private static Dictionary<string, int> LastUses(IReadOnlyList<PlanStep> steps, IReadOnlyList<string> graphOutputs)
    {
        var last = new Dictionary<string, int>();
        for (int s = 0; s < steps.Count; s++)
            foreach (var i in steps[s].Inputs) if (i.Length > 0) last[i] = s;
        foreach (var o in graphOutputs) last[o] = steps.Count;
        return last;
    }

    private static int LastUseWithAliases(string v, Dictionary<string, ValueStorage> storage, Dictionary<string, int> lastUse) =>
        storage.Where(kv => kv.Key == v || kv.Value.Kind == StorageKind.Arena && kv.Value.Root == v && kv.Key != v)
            .Select(kv => lastUse.GetValueOrDefault(kv.Key, -1)).DefaultIfEmpty(-1).Max();

    private static long Align(long bytes) => (Math.Max(bytes, 1) + MemoryPlan.Alignment - 1) / MemoryPlan.Alignment * MemoryPlan.Alignment;

    /// <summary>First fit, largest first: each slice goes to the lowest aligned offset clear of every time-overlapping slice already placed.</summary>
    private static long Pack(List<Slice> slices)
    {
        long top = 0;
        var placed = new List<Slice>();
        foreach (var s in slices.OrderByDescending(s => s.Bytes).ThenBy(s => s.First))
        {
            long offset = 0;
            foreach (var p in placed.Where(p => p.First <= s.Last && s.First <= p.Last).OrderBy(p => p.Offset))
            {
                if (p.Offset - offset >= s.Bytes) break;
                offset = Math.Max(offset, p.Offset + p.Bytes);
            }
            s.Offset = offset;
            placed.Add(s);
            top = Math.Max(top, offset + s.Bytes);
        }
        return top;
    }

    private sealed class Slice(string name, long bytes, int first, int last)
    {
        public string Name { get; } = name;
        public long Bytes { get; } = bytes;
        public int First { get; } = first;
        public int Last { get; } = last;
        public long Offset { get; set; }
    }
}
