using Onnx;
using Dimension = Onnx.TensorShapeProto.Types.Dimension;
using TensorType = Onnx.TypeProto.Types.Tensor;

namespace EdgeToolkit.Onnx.Fuzzing;

/// <summary>Damage to tensors and declared shapes: sizes, element types, data that does not match them, external files.</summary>
internal static class TensorMutations
{
    private const string Tensor = nameof(TensorProto);

    public static IEnumerable<WireMutation> All() => new WireMutation[]
    {
        new("tensor-dims", TensorDims),
        new("huge-element-count", HugeElementCount),
        new("data-type", DataTypeCode),
        new("raw-data-length", RawDataLength),
        new("typed-data-count", TypedDataCount),
        new("external-data", ExternalData),
        new("declared-dims", DeclaredDims),
        new("tensor-values", TensorValues),
    };

    private static List<ulong> Dims(WireMessage t)
    {
        var dims = new List<ulong>();
        foreach (var f in t.All(TensorProto.DimsFieldNumber))
            if (f.Type == WireType.Varint) dims.Add(f.Scalar);
            else if (f.Type == WireType.Bytes) dims.AddRange(WireCodec.ReadPacked(f.Payload));
        return dims;
    }

    /// <summary>Writes dims packed or one field each at random: exporters write both forms.</summary>
    private static void SetDims(WireMessage t, IReadOnlyList<ulong> dims, Random rng)
    {
        t.Fields.RemoveAll(f => f.Number == TensorProto.DimsFieldNumber);
        if (rng.Next(2) == 0) t.Fields.Insert(0, WireField.OfBytes(TensorProto.DimsFieldNumber, WireCodec.WritePacked(dims)));
        else t.Fields.InsertRange(0, dims.Select(d => WireField.OfVarint(TensorProto.DimsFieldNumber, d)));
    }

    private static string? TensorDims(MutationInput m)
    {
        if (m.Pick(m.OfType(Tensor)) is not { } t) return null;
        var dims = Dims(t);
        switch (m.Rng.Next(4))
        {
            case 0 when dims.Count > 0:
                int k = m.Rng.Next(dims.Count);
                dims[k] = m.HostileNumber(dims[k]);
                break;
            case 1:
                dims.Insert(m.Rng.Next(dims.Count + 1), m.HostileNumber(1));
                break;
            case 2 when dims.Count > 0:
                dims.RemoveAt(m.Rng.Next(dims.Count));
                break;
            default:
                // Absurd rank: every dim 1, so the element count itself stays plausible.
                dims = Enumerable.Repeat(1UL, m.Rng.Next(2) == 0 ? 64 : 100_000).ToList();
                break;
        }
        SetDims(t, dims, m.Rng);
        return $"tensor dims -> [{Show(dims)}]";
    }

    /// <summary>A header promising far more elements than the file holds (the 10^12-elements-in-4-bytes case).</summary>
    private static string? HugeElementCount(MutationInput m)
    {
        if (m.Pick(m.OfType(Tensor)) is not { } t) return null;
        ulong[][] shapes = { new[] { 1_000_000_000_000UL }, new[] { 1UL << 31, 1UL << 31 }, new[] { 1UL << 20, 1UL << 20, 1UL << 20 }, new[] { 1UL << 62 }, new[] { (ulong)int.MaxValue } };
        var dims = shapes[m.Rng.Next(shapes.Length)];
        SetDims(t, dims, m.Rng);
        return $"tensor dims -> [{Show(dims)}]";
    }

    private static string? DataTypeCode(MutationInput m)
    {
        var owners = m.OfType(Tensor).Select(t => (t, TensorProto.DataTypeFieldNumber))
            .Concat(m.OfType(nameof(TensorType)).Select(t => (t, TensorType.ElemTypeFieldNumber))).ToList();
        if (owners.Count == 0) return null;
        var (owner, field) = owners[m.Rng.Next(owners.Count)];
        ulong code = m.Rng.Next(3) == 0 ? m.HostileNumber(0) : (ulong)m.Rng.Next(0, 26);
        owner.SetVarint(field, code);
        return $"{owner.TypeName} element type -> {(long)code}";
    }

    private static string? RawDataLength(MutationInput m)
    {
        var withRaw = m.OfType(Tensor).Where(t => t.First(TensorProto.RawDataFieldNumber) != null).ToList();
        if (m.Pick(withRaw) is not { } t) return null;
        var raw = t.First(TensorProto.RawDataFieldNumber)!;
        int before = raw.Payload.Length;
        int after = m.Rng.Next(4) switch
        {
            0 => 0,
            1 => Math.Max(0, before - 1 - m.Rng.Next(Math.Max(1, before))),
            2 => before + 1 + m.Rng.Next(16),
            _ => before + 4096,
        };
        var payload = new byte[after];
        Array.Copy(raw.Payload, payload, Math.Min(before, after));
        raw.Payload = payload;
        return $"raw_data {before} -> {after} bytes";
    }

    private static string? TypedDataCount(MutationInput m)
    {
        int[] typed = { TensorProto.FloatDataFieldNumber, TensorProto.Int32DataFieldNumber, TensorProto.Int64DataFieldNumber, TensorProto.DoubleDataFieldNumber, TensorProto.Uint64DataFieldNumber };
        if (m.Pick(m.OfType(Tensor)) is not { } t) return null;
        t.Fields.RemoveAll(f => f.Number == TensorProto.RawDataFieldNumber);
        int field = typed[m.Rng.Next(typed.Length)];
        int count = m.Rng.Next(3) switch { 0 => 0, 1 => 1, _ => m.Rng.Next(2, 1000) };
        var values = Enumerable.Range(0, count).Select(i => (ulong)i).ToList();
        t.Fields.Add(WireField.OfBytes(field, field is TensorProto.FloatDataFieldNumber or TensorProto.DoubleDataFieldNumber
            ? new byte[count * (field == TensorProto.FloatDataFieldNumber ? 4 : 8)]
            : WireCodec.WritePacked(values)));
        return $"raw_data replaced by {count} values in field {field}";
    }

    /// <summary>Weights said to live in another file: traversal out of the model's folder, absolute paths, missing files, absurd ranges.</summary>
    private static string? ExternalData(MutationInput m)
    {
        if (m.Pick(m.OfType(Tensor)) is not { } t) return null;
        string[] locations = { "../../../../etc/passwd", "/etc/shadow", "weights.bin", "", "..", "C:\\Windows\\win.ini", "sub/../../x.bin" };
        t.Fields.RemoveAll(f => f.Number is TensorProto.RawDataFieldNumber or TensorProto.ExternalDataFieldNumber);
        var location = locations[m.Rng.Next(locations.Length)];
        t.Fields.Add(Entry("location", location));
        if (m.Rng.Next(2) == 0) t.Fields.Add(Entry("offset", ((long)m.HostileNumber(0)).ToString()));
        if (m.Rng.Next(2) == 0) t.Fields.Add(Entry("length", ((long)m.HostileNumber(4)).ToString()));
        if (m.Rng.Next(4) != 0) t.SetVarint(TensorProto.DataLocationFieldNumber, (ulong)TensorProto.Types.DataLocation.External);
        return $"tensor data moved to external file '{location}'";
    }

    private static WireField Entry(string key, string value)
    {
        var e = new WireMessage(StringStringEntryProto.Descriptor);
        e.SetText(StringStringEntryProto.KeyFieldNumber, key);
        e.SetText(StringStringEntryProto.ValueFieldNumber, value);
        return WireField.OfMessage(TensorProto.ExternalDataFieldNumber, e);
    }

    /// <summary>Declared (value_info) shapes: absurd or negative dims, empty symbols, a rank of 100,000.</summary>
    private static string? DeclaredDims(MutationInput m)
    {
        var shapes = m.OfType(nameof(TensorShapeProto));
        if (m.Pick(shapes) is not { } shape) return null;
        var dims = shape.Children(TensorShapeProto.DimFieldNumber).ToList();
        if (m.Rng.Next(5) == 0)
        {
            var one = new WireMessage(Dimension.Descriptor);
            one.SetVarint(Dimension.DimValueFieldNumber, 1);
            var field = WireField.OfMessage(TensorShapeProto.DimFieldNumber, one);
            shape.Fields.AddRange(Enumerable.Repeat(field, 100_000));
            return "declared rank +100000";
        }
        if (m.Pick(dims) is not { } dim) return null;
        if (m.Rng.Next(3) == 0) { dim.SetText(Dimension.DimParamFieldNumber, m.Rng.Next(2) == 0 ? "" : new string('N', 100_000)); return "declared dim -> odd symbol"; }
        var value = m.HostileNumber(1);
        dim.SetVarint(Dimension.DimValueFieldNumber, value);
        return $"declared dim -> {(long)value}";
    }

    /// <summary>
    /// A hostile number inside a small integer or float tensor: the shapes, axes, pads and counts
    /// that Reshape, Expand, Slice, Range or ConstantOfShape read, and that constant folding evaluates.
    /// </summary>
    private static string? TensorValues(MutationInput m)
    {
        var candidates = m.OfType(Tensor).Where(t => ElementWidth(t) > 0 && t.First(TensorProto.RawDataFieldNumber) is { Payload.Length: > 0 and <= 1024 }).ToList();
        if (m.Pick(candidates) is not { } t) return null;
        var raw = t.First(TensorProto.RawDataFieldNumber)!;
        int width = ElementWidth(t), count = raw.Payload.Length / width;
        if (count == 0) return null;
        var payload = (byte[])raw.Payload.Clone();
        int at = m.Rng.Next(count) * width;
        if (t.First(TensorProto.DataTypeFieldNumber)!.Scalar == (ulong)TensorProto.Types.DataType.Float)
        {
            float[] edges = { float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.MaxValue, -0f, 1e-45f, 1e9f, -1e9f };
            BitConverter.TryWriteBytes(payload.AsSpan(at), edges[m.Rng.Next(edges.Length)]);
        }
        else
        {
            ulong original = width == 8 ? BitConverter.ToUInt64(payload, at) : (ulong)BitConverter.ToInt32(payload, at);
            var value = m.HostileNumber(original);
            BitConverter.GetBytes(value).AsSpan(0, width).CopyTo(payload.AsSpan(at));
        }
        raw.Payload = payload;
        return $"element {at / width} of a {count}-element tensor set to an edge value";
    }

    /// <summary>Bytes per element of the raw forms this mutation edits (int32, int64, float), else 0.</summary>
    private static int ElementWidth(WireMessage t) => t.First(TensorProto.DataTypeFieldNumber)?.Scalar switch
    {
        (ulong)TensorProto.Types.DataType.Int64 => 8,
        (ulong)TensorProto.Types.DataType.Int32 or (ulong)TensorProto.Types.DataType.Float => 4,
        _ => 0,
    };

    private static string Show(IReadOnlyList<ulong> dims) =>
        dims.Count > 8 ? $"{dims.Count} dims" : string.Join("x", dims.Select(d => ((long)d).ToString()));
}
