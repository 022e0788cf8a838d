using System.Text;

namespace EdgeToolkit.CodeGen;

/// <summary>Turns arbitrary ONNX names (dots, slashes, "onnx::Flatten_0", JSON strings) into C identifiers and comments.</summary>
public static class CNames
{
    public static string Identifier(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name) sb.Append(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_' ? c : '_');
        if (sb.Length == 0 || char.IsDigit(sb[0])) sb.Insert(0, '_');
        var s = sb.ToString();
        while (s.Contains("__")) s = s.Replace("__", "_");
        return s.Length > 60 ? s[..48] + "_" + ((uint)StableHash(name)).ToString("x8") : s;
    }

    /// <summary>Text safe inside a C block comment.</summary>
    public static string Comment(string text) => text.Replace("*/", "* /").Replace("/*", "/ *").Replace("\n", " ");

    /// <summary>FNV-1a: stable across runs, unlike string.GetHashCode.</summary>
    public static int StableHash(string s) { unchecked { uint h = 2166136261; foreach (var c in s) { h ^= c; h *= 16777619; } return (int)h; } }

    /// <summary>A float literal that round-trips exactly ("0x1.8p+1f" style is exact but unreadable; use shortest round-trip decimal).</summary>
    public static string Float(float v)
    {
        if (float.IsNaN(v)) return "(0.0f/0.0f)";
        if (float.IsPositiveInfinity(v)) return "(1.0f/0.0f)";
        if (float.IsNegativeInfinity(v)) return "(-1.0f/0.0f)";
        var s = v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        if (!s.Contains('.') && !s.Contains('E') && !s.Contains('e')) s += ".0";
        return s + "f";
    }
}
