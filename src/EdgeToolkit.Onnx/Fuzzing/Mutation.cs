namespace EdgeToolkit.Onnx.Fuzzing;

/// <summary>
/// One way of damaging a model at the protobuf level. Apply edits the tree in place and says what
/// it did (for the reproducer's notes), or returns null when the model has nothing it can act on.
/// </summary>
internal sealed record WireMutation(string Name, Func<MutationInput, string?> Apply);

/// <summary>One way of damaging a model's bytes directly, without looking at their structure.</summary>
internal sealed record ByteMutation(string Name, Func<Random, byte[], byte[], (byte[] Bytes, string Detail)> Apply);

/// <summary>What a wire mutation works on: the model tree, a second real model to borrow from, and the case's random source.</summary>
internal sealed record MutationInput(WireMessage Model, WireMessage Donor, Random Rng)
{
    public T? Pick<T>(IReadOnlyList<T> items) where T : class => items.Count == 0 ? null : items[Rng.Next(items.Count)];

    public IReadOnlyList<WireMessage> OfType(string typeName) => Model.DescendantsOfType(typeName).ToList();

    /// <summary>Values at the edges where sizes overflow, turn negative or exhaust memory.</summary>
    public ulong HostileNumber(ulong original)
    {
        ulong[] edges =
        {
            0, 1, 2, 0x7F, 0x80, 0xFF, 0xFFFF, int.MaxValue, (ulong)int.MaxValue + 1, uint.MaxValue, (ulong)uint.MaxValue + 1,
            1UL << 40, 1UL << 62, long.MaxValue, 1UL << 63, ulong.MaxValue, unchecked((ulong)(long)int.MinValue),
            unchecked((ulong)-2L), 1_000_000_000_000,
        };
        return Rng.Next(4) switch
        {
            0 => original + 1,
            1 => original - 1,
            _ => edges[Rng.Next(edges.Length)],
        };
    }
}
