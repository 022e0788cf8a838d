using Google.Protobuf.Reflection;
using Onnx;

namespace EdgeToolkit.Onnx;

/// <summary>
/// Finds a non-repeated message field (a graph, a type, a shape) written more than once in one
/// message. Protobuf merges such repeats, and Google.Protobuf merges a oneof member by copying
/// everything merged so far: a few thousand repeats of a value's type make parsing quadratic
/// (minutes for a few MB). No ONNX writer repeats them, so the importer refuses them up front.
/// One pass over the wire; malformed bytes are left for the parser to report.
/// </summary>
internal static class RepeatedSingularFields
{
    /// <summary>"Message.field" of the first repeat, or null.</summary>
    public static string? Find(ReadOnlySpan<byte> model) => Scan(model, ModelProto.Descriptor, 0);

    private static string? Scan(ReadOnlySpan<byte> bytes, MessageDescriptor type, int depth)
    {
        if (depth > ReaderLimits.MaxMessageNesting) return null;
        ulong seen = 0; // one bit per field number; ONNX numbers its fields below 64
        int pos = 0;
        while (pos < bytes.Length)
        {
            if (!TryVarint(bytes, ref pos, out ulong tag) || tag >> 3 > int.MaxValue) return null;
            switch (tag & 7)
            {
                case 0: if (!TryVarint(bytes, ref pos, out _)) return null; break;
                case 1: pos += 8; break;
                case 5: pos += 4; break;
                case 2:
                    if (!TryVarint(bytes, ref pos, out ulong length) || length > (ulong)(bytes.Length - pos)) return null;
                    int number = (int)(tag >> 3);
                    if (type.FindFieldByNumber(number) is { FieldType: FieldType.Message } field)
                    {
                        if (!field.IsRepeated && number < 64)
                        {
                            if ((seen & (1UL << number)) != 0) return $"{type.Name}.{field.Name}";
                            seen |= 1UL << number;
                        }
                        if (Scan(bytes.Slice(pos, (int)length), field.MessageType, depth + 1) is { } found) return found;
                    }
                    pos += (int)length;
                    break;
                default: return null;
            }
        }
        return null;
    }

    private static bool TryVarint(ReadOnlySpan<byte> bytes, ref int pos, out ulong value)
    {
        value = 0;
        for (int shift = 0; shift < 64 && pos < bytes.Length; shift += 7)
        {
            byte b = bytes[pos++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return true;
        }
        return false;
    }
}
