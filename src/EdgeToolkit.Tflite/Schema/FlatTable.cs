using Google.FlatBuffers;

namespace EdgeToolkit.Tflite.Schema;

/// <summary>
/// One FlatBuffers table read by field number (the order of fields in schema.fbs; a union takes
/// two numbers, its type and its value). Every vector is checked against the end of the buffer
/// before anything is allocated, so a hostile length fails fast instead of exhausting memory;
/// reads past the end throw ArgumentOutOfRangeException, which TfliteReader turns into a
/// "truncated or corrupt" error naming the file.
/// </summary>
internal readonly struct FlatTable
{
    private readonly Table _t;

    public FlatTable(int position, ByteBuffer buffer) { _t = new Table(position, buffer); }

    private ByteBuffer Bytes => _t.bb;

    /// <summary>The field's offset from the table start, 0 when the field is absent.</summary>
    private int Field(int field) => _t.__offset(4 + 2 * field);

    public bool Has(int field) => Field(field) != 0;

    public int Int(int field, int dflt = 0) => Field(field) is var o and not 0 ? Bytes.GetInt(_t.bb_pos + o) : dflt;
    public uint UInt(int field, uint dflt = 0) => Field(field) is var o and not 0 ? Bytes.GetUint(_t.bb_pos + o) : dflt;
    public long Long(int field, long dflt = 0) => Field(field) is var o and not 0 ? Bytes.GetLong(_t.bb_pos + o) : dflt;
    public ulong ULong(int field, ulong dflt = 0) => Field(field) is var o and not 0 ? Bytes.GetUlong(_t.bb_pos + o) : dflt;
    public sbyte SByte(int field, sbyte dflt = 0) => Field(field) is var o and not 0 ? Bytes.GetSbyte(_t.bb_pos + o) : dflt;
    public byte Byte(int field, byte dflt = 0) => Field(field) is var o and not 0 ? Bytes.Get(_t.bb_pos + o) : dflt;
    public bool Bool(int field, bool dflt = false) => Field(field) is var o and not 0 ? Bytes.Get(_t.bb_pos + o) != 0 : dflt;
    public float Float(int field, float dflt = 0) => Field(field) is var o and not 0 ? Bytes.GetFloat(_t.bb_pos + o) : dflt;

    public string? String(int field)
    {
        int o = Field(field);
        if (o == 0) return null;
        int start = _t.__indirect(_t.bb_pos + o);
        int length = Bytes.GetInt(start);
        CheckSpan(start + 4, length, 1);
        return Bytes.GetStringUTF8(start + 4, length);
    }

    /// <summary>A sub-table (or a union's value), null when absent.</summary>
    public FlatTable? Table(int field)
    {
        int o = Field(field);
        if (o == 0) return null;
        int position = _t.__indirect(_t.bb_pos + o);
        CheckSpan(position, 4, 1);
        return new FlatTable(position, Bytes);
    }

    public int VectorLength(int field) => Field(field) is var o and not 0 ? Vector(o, 4).Length : 0;

    /// <summary>Element i of a vector of tables.</summary>
    public FlatTable TableAt(int field, int i)
    {
        var (start, length) = Vector(Field(field), 4);
        if ((uint)i >= (uint)length) throw new ArgumentOutOfRangeException(nameof(i));
        int slot = start + 4 * i;
        int position = slot + Bytes.GetInt(slot);
        CheckSpan(position, 4, 1);
        return new FlatTable(position, Bytes);
    }

    /// <summary>A vector of scalars (int, float, long, byte ...) copied out; empty when absent.</summary>
    public T[] Scalars<T>(int field) where T : unmanaged
    {
        int o = Field(field);
        if (o == 0) return Array.Empty<T>();
        int size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        var (start, length) = Vector(o, size);
        return length == 0 ? Array.Empty<T>() : Bytes.ToArray<T>(start, length);
    }

    /// <summary>The bytes of a [ubyte] vector, without copying; empty when absent.</summary>
    public ArraySegment<byte> ByteVector(int field)
    {
        int o = Field(field);
        if (o == 0) return ArraySegment<byte>.Empty;
        var (start, length) = Vector(o, 1);
        return Bytes.ToArraySegment(start, length);
    }

    private (int Start, int Length) Vector(int fieldOffset, int elementSize)
    {
        if (fieldOffset == 0) return (0, 0);
        int lengthAt = _t.__indirect(_t.bb_pos + fieldOffset);
        int length = Bytes.GetInt(lengthAt);
        CheckSpan(lengthAt + 4, length, elementSize);
        return (lengthAt + 4, length);
    }

    private void CheckSpan(int start, int count, int elementSize)
    {
        if (start < 0 || count < 0 || start + (long)count * elementSize > Bytes.Length)
            throw new ArgumentOutOfRangeException(nameof(count), $"{count} elements at byte {start} run past the end of the buffer");
    }
}
