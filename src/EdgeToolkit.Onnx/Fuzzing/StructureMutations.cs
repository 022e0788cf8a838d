namespace EdgeToolkit.Onnx.Fuzzing;

/// <summary>Schema-blind damage at the wire level: numbers, lengths, wire types and whole fields.</summary>
internal static class StructureMutations
{
    public static IEnumerable<WireMutation> All() => new WireMutation[]
    {
        new("varint", HostileVarint),
        new("length-lie", LengthLie),
        new("drop-field", DropField),
        new("repeat-field", RepeatField),
        new("wrong-wire-type", WrongWireType),
        new("splice-subtree", SpliceSubtree),
    };

    private static IReadOnlyList<(WireMessage Owner, WireField Field)> Fields(MutationInput m, Func<WireField, bool> where) =>
        m.Model.AllFields().Where(x => where(x.Field)).ToList();

    private static (WireMessage Owner, WireField Field)? PickField(MutationInput m, Func<WireField, bool> where)
    {
        var all = Fields(m, where);
        return all.Count == 0 ? null : all[m.Rng.Next(all.Count)];
    }

    private static string? HostileVarint(MutationInput m)
    {
        if (PickField(m, f => f.Type == WireType.Varint) is not { } picked) return null;
        var (owner, f) = picked;
        var before = f.Scalar;
        f.Scalar = m.HostileNumber(f.Scalar);
        return $"{owner.TypeName} field {f.Number}: {before} -> {(long)f.Scalar}";
    }

    private static string? LengthLie(MutationInput m)
    {
        if (PickField(m, f => f.Type == WireType.Bytes) is not { } picked) return null;
        var (owner, f) = picked;
        long[] lies = { -1, 1, 2, -2, 1000, int.MaxValue, -int.MaxValue, long.MaxValue / 2, -WireSize(f) - 1 };
        f.LengthLie = lies[m.Rng.Next(lies.Length)];
        return $"{owner.TypeName} field {f.Number}: length off by {f.LengthLie}";
    }

    private static string? DropField(MutationInput m)
    {
        if (PickField(m, _ => true) is not { } picked) return null;
        var (owner, f) = picked;
        owner.Fields.Remove(f);
        return $"{owner.TypeName} field {f.Number} removed";
    }

    /// <summary>Repeats a field, so repeated lists (nodes, inputs, dims) grow and singular ones appear twice.</summary>
    private static string? RepeatField(MutationInput m)
    {
        if (PickField(m, _ => true) is not { } picked) return null;
        var (owner, f) = picked;
        int copies = m.Rng.Next(3) switch { 0 => 1, 1 => m.Rng.Next(2, 100), _ => m.Rng.Next(100, 5000) };
        copies = AffordableCopies(f, copies);
        // Copies share the payload: the file grows, the fuzzer's memory does not.
        int at = owner.Fields.IndexOf(f);
        owner.Fields.InsertRange(at, Enumerable.Range(0, copies).Select(_ => f.Message == null ? f.Clone() : f));
        return $"{owner.TypeName} field {f.Number} repeated {copies} more times";
    }

    /// <summary>Keeps repeated copies of a large field (a weight tensor, a whole graph) within a file size the fuzzer can afford.</summary>
    private const long MaxGrowthBytes = 8 << 20;

    public static long WireSize(WireField f) => f.Type == WireType.Bytes ? f.Message?.EncodedLength() ?? f.Payload.Length : 10;

    /// <summary>How many copies of a field fit in the growth budget (at least one).</summary>
    public static int AffordableCopies(WireField f, int wanted) => (int)Math.Max(1, Math.Min(wanted, MaxGrowthBytes / (WireSize(f) + 1)));

    private static string? WrongWireType(MutationInput m)
    {
        if (PickField(m, _ => true) is not { } picked) return null;
        var (owner, f) = picked;
        var before = f.Type;
        long size = WireSize(f);
        var types = new[] { WireType.Varint, WireType.Fixed64, WireType.Bytes, WireType.Fixed32 }.Where(t => t != f.Type).ToArray();
        f.Type = types[m.Rng.Next(types.Length)];
        // The old value reappears in the new form: a scalar becomes 8 payload bytes, a payload becomes its length.
        if (f.Type == WireType.Bytes) f.Payload = BitConverter.GetBytes(f.Scalar);
        if (before == WireType.Bytes) { f.Scalar = (ulong)size; f.Message = null; }
        return $"{owner.TypeName} field {f.Number}: wire type {before} -> {f.Type}";
    }

    /// <summary>Puts a message from another real model where one of the same type was: plausible but foreign content.</summary>
    private static string? SpliceSubtree(MutationInput m)
    {
        var targets = Fields(m, f => f.Message != null);
        if (targets.Count == 0) return null;
        var (owner, f) = targets[m.Rng.Next(targets.Count)];
        var donors = m.Donor.DescendantsOfType(f.Message!.TypeName).ToList();
        if (donors.Count == 0) return null;
        f.Message = donors[m.Rng.Next(donors.Count)].Clone();
        return $"{owner.TypeName} field {f.Number}: {f.Message.TypeName} taken from another model";
    }
}
