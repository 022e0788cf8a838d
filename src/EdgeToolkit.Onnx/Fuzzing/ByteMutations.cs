namespace EdgeToolkit.Onnx.Fuzzing;

/// <summary>Damage that ignores the format: what a bad disk, a cut download or a wrong file gives.</summary>
internal static class ByteMutations
{
    public static IEnumerable<ByteMutation> All() => new ByteMutation[]
    {
        new("bit-flips", BitFlips),
        new("byte-values", ByteValues),
        new("truncate", Truncate),
        new("insert-bytes", InsertBytes),
        new("delete-range", DeleteRange),
        new("duplicate-range", DuplicateRange),
        new("splice", Splice),
    };

    private static (byte[], string) BitFlips(Random rng, byte[] b, byte[] _)
    {
        var r = (byte[])b.Clone();
        int flips = 1 + rng.Next(8);
        for (int i = 0; i < flips; i++) r[rng.Next(r.Length)] ^= (byte)(1 << rng.Next(8));
        return (r, $"{flips} bits flipped");
    }

    private static (byte[], string) ByteValues(Random rng, byte[] b, byte[] _)
    {
        byte[] values = { 0x00, 0x01, 0x7F, 0x80, 0xFF, 0x08, 0x0A, 0x12, 0x3A };
        var r = (byte[])b.Clone();
        int count = 1 + rng.Next(4);
        for (int i = 0; i < count; i++) r[rng.Next(r.Length)] = values[rng.Next(values.Length)];
        return (r, $"{count} bytes set to edge values");
    }

    private static (byte[], string) Truncate(Random rng, byte[] b, byte[] _)
    {
        int at = rng.Next(b.Length);
        return (b[..at], $"cut at byte {at} of {b.Length}");
    }

    private static (byte[], string) InsertBytes(Random rng, byte[] b, byte[] _)
    {
        var junk = new byte[1 + rng.Next(64)];
        rng.NextBytes(junk);
        int at = rng.Next(b.Length + 1);
        return ([.. b[..at], .. junk, .. b[at..]], $"{junk.Length} random bytes inserted at {at}");
    }

    private static (byte[], string) DeleteRange(Random rng, byte[] b, byte[] _)
    {
        int at = rng.Next(b.Length), len = 1 + rng.Next(Math.Min(256, b.Length - at));
        return ([.. b[..at], .. b[(at + len)..]], $"{len} bytes deleted at {at}");
    }

    private static (byte[], string) DuplicateRange(Random rng, byte[] b, byte[] _)
    {
        int at = rng.Next(b.Length), len = 1 + rng.Next(Math.Min(4096, b.Length - at));
        return ([.. b[..(at + len)], .. b[at..]], $"{len} bytes at {at} repeated");
    }

    /// <summary>The head of one real model glued to the tail of another.</summary>
    private static (byte[], string) Splice(Random rng, byte[] b, byte[] donor)
    {
        int cut = rng.Next(b.Length), from = rng.Next(donor.Length);
        return ([.. b[..cut], .. donor[from..]], $"first {cut} bytes, then another model from byte {from}");
    }
}
