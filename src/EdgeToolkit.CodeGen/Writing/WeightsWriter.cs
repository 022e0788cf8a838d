using System.Globalization;
using System.Text;
using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Writing;

/// <summary>
/// Writes the weights: as const C arrays in their own translation unit (GCC schedules the kernels
/// better when it cannot see the values), or for large models as a binary blob that an assembly
/// file links with .incbin (a C file of literals would be ~6x the weight bytes and slow to compile).
/// </summary>
internal static class WeightsWriter
{
    private const int PerLine = 8;

    public static string CFile(string header, IReadOnlyList<WeightArray> weights)
    {
        var c = new StringBuilder(header);
        c.Append("#include <stdint.h>\n\n");
        c.Append(ModelSourceWriter.AlignMacro).Append('\n');
        if (weights.Count == 0) c.Append("/* This model has no weights; ISO C wants at least one declaration. */\ntypedef int edgetk_no_weights;\n");
        foreach (var w in weights)
        {
            c.Append($"/* {CNames.Comment(w.Source)}: {w.Value.Type.OnnxName()}[{string.Join("x", w.Value.Shape)}] */\n");
            c.Append($"EDGETK_ALIGN16 {w.Declaration} = {{\n");
            if (w.Value.Length == 0) c.Append("    0\n");
            for (int i = 0; i < w.Value.Length; i += PerLine)
            {
                var items = Enumerable.Range(i, Math.Min(PerLine, w.Value.Length - i)).Select(k => Literal(w.Value, k));
                c.Append("    ").Append(string.Join(", ", items)).Append(i + PerLine < w.Value.Length ? ",\n" : "\n");
            }
            c.Append("};\n\n");
        }
        return c.ToString();
    }

    /// <summary>The blob (each array 16-byte aligned, little-endian) and the assembly that links it and names each array.</summary>
    public static (byte[] Blob, string Assembly) Blob(string header, string prefix, IReadOnlyList<WeightArray> weights)
    {
        var blob = new MemoryStream();
        var s = new StringBuilder(header);
        s.Append($"    .section .rodata.{prefix}_weights,\"a\"\n    .balign 16\n{prefix}_weights_blob:\n");
        s.Append($"    .incbin \"model_weights.bin\"\n");
        foreach (var w in weights)
        {
            while (blob.Length % 16 != 0) blob.WriteByte(0);
            long offset = blob.Length;
            var bytes = Bytes(w.Value);
            blob.Write(bytes);
            if (bytes.Length == 0) blob.WriteByte(0);
            s.Append($"    .global {w.Symbol}\n    .set {w.Symbol}, {prefix}_weights_blob + {offset}\n");
        }
        s.Append("#if defined(__linux__) && defined(__ELF__)\n    .section .note.GNU-stack,\"\",%progbits\n#endif\n");
        return (blob.ToArray(), s.ToString());
    }

    private static byte[] Bytes(Tensor t)
    {
        if (t.Data is bool[] b) return b.Select(v => (byte)(v ? 1 : 0)).ToArray();
        var bytes = new byte[t.Length * t.Type.SizeOf()];
        Buffer.BlockCopy(t.Data, 0, bytes, 0, bytes.Length);
        return bytes;
    }

    public static string Literal(Tensor t, int i) => t.Data switch
    {
        float[] f => CNames.Float(f[i]),
        double[] d => DoubleLiteral(d[i]),
        bool[] b => b[i] ? "1" : "0",
        long[] l => l[i] == long.MinValue ? "(-9223372036854775807LL - 1)" : l[i].ToString(CultureInfo.InvariantCulture) + "LL",
        ulong[] u => u[i].ToString(CultureInfo.InvariantCulture) + "ULL",
        int[] v => v[i] == int.MinValue ? "(-2147483647 - 1)" : v[i].ToString(CultureInfo.InvariantCulture),
        uint[] u => u[i].ToString(CultureInfo.InvariantCulture) + "U",
        _ => t.GetInt64(i).ToString(CultureInfo.InvariantCulture),
    };

    private static string DoubleLiteral(double v)
    {
        if (double.IsNaN(v)) return "(0.0/0.0)";
        if (double.IsInfinity(v)) return v > 0 ? "(1.0/0.0)" : "(-1.0/0.0)";
        var s = v.ToString("R", CultureInfo.InvariantCulture);
        return s.Contains('.') || s.Contains('E') ? s : s + ".0";
    }
}
