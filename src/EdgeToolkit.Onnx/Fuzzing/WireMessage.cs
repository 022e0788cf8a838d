using Google.Protobuf.Reflection;

namespace EdgeToolkit.Onnx.Fuzzing;

/// <summary>Protobuf wire types (the low three bits of a field tag).</summary>
internal enum WireType { Varint = 0, Fixed64 = 1, Bytes = 2, StartGroup = 3, EndGroup = 4, Fixed32 = 5 }

/// <summary>
/// One field as it sits on the wire. Mutators edit these directly, so that they can write what a
/// typed message object never would: lengths that lie, wrong wire types, fields repeated at will.
/// </summary>
internal sealed class WireField
{
    public int Number { get; set; }
    public WireType Type { get; set; }
    /// <summary>The value of varint and fixed fields.</summary>
    public ulong Scalar { get; set; }
    /// <summary>The payload of a length-delimited field (ignored while <see cref="Message"/> is set).</summary>
    public byte[] Payload { get; set; } = Array.Empty<byte>();
    /// <summary>The payload parsed as a message, when the schema says the field holds one.</summary>
    public WireMessage? Message { get; set; }
    /// <summary>Added to the true length when the prefix is written: a length that lies about its payload.</summary>
    public long LengthLie { get; set; }

    public WireField Clone() => new()
    {
        Number = Number, Type = Type, Scalar = Scalar, Payload = Payload, Message = Message?.Clone(), LengthLie = LengthLie,
    };

    public static WireField OfVarint(int number, ulong value) => new() { Number = number, Type = WireType.Varint, Scalar = value };
    public static WireField OfBytes(int number, byte[] payload) => new() { Number = number, Type = WireType.Bytes, Payload = payload };
    public static WireField OfString(int number, string s) => OfBytes(number, System.Text.Encoding.UTF8.GetBytes(s));
    public static WireField OfMessage(int number, WireMessage m) => new() { Number = number, Type = WireType.Bytes, Message = m };

    public string Text
    {
        get => System.Text.Encoding.UTF8.GetString(Message != null ? Message.ToBytes() : Payload);
        set { Message = null; Payload = System.Text.Encoding.UTF8.GetBytes(value); }
    }
}

/// <summary>
/// A protobuf message as its list of wire fields, parsed with the generated ONNX descriptors so
/// that nested messages (graphs, nodes, tensors) become trees mutators can walk. Serializing an
/// unmodified tree gives back bytes equivalent to the input.
/// </summary>
internal sealed class WireMessage
{
    public MessageDescriptor? Schema { get; }
    public List<WireField> Fields { get; } = new();

    public WireMessage(MessageDescriptor? schema) { Schema = schema; }

    public string TypeName => Schema?.Name ?? "?";

    public WireMessage Clone()
    {
        var m = new WireMessage(Schema);
        foreach (var f in Fields) m.Fields.Add(f.Clone());
        return m;
    }

    public IEnumerable<WireField> All(int number) => Fields.Where(f => f.Number == number);
    public WireField? First(int number) => Fields.FirstOrDefault(f => f.Number == number);
    public IEnumerable<WireMessage> Children(int number) => All(number).Where(f => f.Message != null).Select(f => f.Message!);

    /// <summary>Replaces every occurrence of a scalar field by one with this value.</summary>
    public void SetVarint(int number, ulong value)
    {
        Fields.RemoveAll(f => f.Number == number);
        Fields.Add(WireField.OfVarint(number, value));
    }

    public void SetText(int number, string value)
    {
        Fields.RemoveAll(f => f.Number == number);
        Fields.Add(WireField.OfString(number, value));
    }

    /// <summary>This message and every message nested in it, depth first.</summary>
    public IEnumerable<WireMessage> Descendants()
    {
        var stack = new Stack<WireMessage>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var m = stack.Pop();
            yield return m;
            for (int i = m.Fields.Count - 1; i >= 0; i--)
                if (m.Fields[i].Message is { } child) stack.Push(child);
        }
    }

    public IEnumerable<WireMessage> DescendantsOfType(string typeName) => Descendants().Where(m => m.TypeName == typeName);

    /// <summary>Every field of this message and of the messages nested in it.</summary>
    public IEnumerable<(WireMessage Owner, WireField Field)> AllFields() =>
        Descendants().SelectMany(m => m.Fields.Select(f => (m, f)));

    /// <summary>Parses well-formed protobuf (the seeds); throws FormatException otherwise.</summary>
    public static WireMessage Parse(ReadOnlySpan<byte> bytes, MessageDescriptor? schema)
    {
        var m = new WireMessage(schema);
        int pos = 0;
        while (pos < bytes.Length)
        {
            ulong tag = WireCodec.ReadVarint(bytes, ref pos);
            var f = new WireField { Number = checked((int)(tag >> 3)), Type = (WireType)(tag & 7) };
            switch (f.Type)
            {
                case WireType.Varint: f.Scalar = WireCodec.ReadVarint(bytes, ref pos); break;
                case WireType.Fixed64: f.Scalar = WireCodec.ReadFixed(bytes, ref pos, 8); break;
                case WireType.Fixed32: f.Scalar = WireCodec.ReadFixed(bytes, ref pos, 4); break;
                case WireType.Bytes:
                    ulong len = WireCodec.ReadVarint(bytes, ref pos);
                    if (len > (ulong)(bytes.Length - pos)) throw new FormatException("length past the end of the message");
                    var payload = bytes.Slice(pos, (int)len);
                    pos += (int)len;
                    var childSchema = schema?.FindFieldByNumber(f.Number) is { FieldType: FieldType.Message } fd ? fd.MessageType : null;
                    if (childSchema != null) f.Message = Parse(payload, childSchema);
                    else f.Payload = payload.ToArray();
                    break;
                default: throw new FormatException($"wire type {f.Type} is not used by ONNX");
            }
            m.Fields.Add(f);
        }
        return m;
    }

    /// <summary>
    /// The serialized size, without serializing. Mutations share repeated sub-messages, so a small
    /// tree can stand for an enormous file: callers check this before writing it out.
    /// </summary>
    public long EncodedLength() => EncodedLength(new Dictionary<WireMessage, long>(ReferenceEqualityComparer.Instance));

    private long EncodedLength(Dictionary<WireMessage, long> memo)
    {
        if (memo.TryGetValue(this, out var known)) return known;
        long total = 0;
        foreach (var f in Fields)
        {
            total += WireCodec.VarintLength(((ulong)(uint)f.Number << 3) | (ulong)f.Type);
            long length = f.Message?.EncodedLength(memo) ?? f.Payload.Length;
            total += f.Type switch
            {
                WireType.Varint => WireCodec.VarintLength(f.Scalar),
                WireType.Fixed64 => 8,
                WireType.Fixed32 => 4,
                _ => WireCodec.VarintLength(unchecked((ulong)(length + f.LengthLie))) + length,
            };
        }
        memo[this] = total;
        return total;
    }

    public byte[] ToBytes()
    {
        var w = new MemoryStream();
        Write(w);
        return w.ToArray();
    }

    private void Write(MemoryStream w)
    {
        foreach (var f in Fields)
        {
            WireCodec.WriteVarint(w, ((ulong)(uint)f.Number << 3) | (ulong)f.Type);
            switch (f.Type)
            {
                case WireType.Varint: WireCodec.WriteVarint(w, f.Scalar); break;
                case WireType.Fixed64: WireCodec.WriteFixed(w, f.Scalar, 8); break;
                case WireType.Fixed32: WireCodec.WriteFixed(w, f.Scalar, 4); break;
                case WireType.Bytes:
                    var payload = f.Message?.ToBytes() ?? f.Payload;
                    WireCodec.WriteVarint(w, unchecked((ulong)(payload.Length + f.LengthLie)));
                    w.Write(payload);
                    break;
            }
        }
    }
}
