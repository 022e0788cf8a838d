namespace EdgeToolkit.Onnx.Fuzzing;

/// <summary>The protobuf wire encodings the fuzzer reads and writes (varints, fixed-width, packed lists).</summary>
internal static class WireCodec
{
    public static ulong ReadVarint(ReadOnlySpan<byte> bytes, ref int pos)
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (pos >= bytes.Length) throw new FormatException("varint past the end of the message");
            byte b = bytes[pos++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
        throw new FormatException("varint longer than 10 bytes");
    }

    public static ulong ReadFixed(ReadOnlySpan<byte> bytes, ref int pos, int width)
    {
        if (pos + width > bytes.Length) throw new FormatException("fixed-width value past the end of the message");
        ulong value = 0;
        for (int i = 0; i < width; i++) value |= (ulong)bytes[pos + i] << (8 * i);
        pos += width;
        return value;
    }

    public static void WriteVarint(Stream w, ulong value)
    {
        while (value >= 0x80) { w.WriteByte((byte)(value | 0x80)); value >>= 7; }
        w.WriteByte((byte)value);
    }

    public static int VarintLength(ulong value)
    {
        int n = 1;
        while (value >= 0x80) { value >>= 7; n++; }
        return n;
    }

    public static void WriteFixed(Stream w, ulong value, int width)
    {
        for (int i = 0; i < width; i++) w.WriteByte((byte)(value >> (8 * i)));
    }

    /// <summary>A packed repeated varint field (proto3 writes int64 lists this way).</summary>
    public static List<ulong> ReadPacked(ReadOnlySpan<byte> payload)
    {
        var values = new List<ulong>();
        int pos = 0;
        while (pos < payload.Length) values.Add(ReadVarint(payload, ref pos));
        return values;
    }

    public static byte[] WritePacked(IEnumerable<ulong> values)
    {
        var w = new MemoryStream();
        foreach (var v in values) WriteVarint(w, v);
        return w.ToArray();
    }
}
