using System.Globalization;

namespace EdgeToolkit.Graph.Passes;

/// <summary>
/// Parses a tensor written on the command line ("16000", "1,2,3", "[0.5 0.25]") into a tensor of
/// a declared type and shape. Brackets are decoration; values are separated by commas, semicolons
/// or spaces. One unknown dim of the declared shape is inferred from the value count.
/// </summary>
public static class TensorText
{
    public static Tensor Parse(string text, ValueInfo declared)
    {
        var tokens = text.Split(new[] { ',', ';', ' ', '\t', '[', ']', '(', ')' }, StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0) throw Bad(declared, text, "no values given");
        var shape = ShapeFor(declared, tokens.Length, text);
        return new Tensor(declared.Type, shape, ParseValues(tokens, declared, text));
    }

    private static int[] ShapeFor(ValueInfo declared, int count, string text)
    {
        if (!declared.Shape.HasRank) return count == 1 ? Array.Empty<int>() : new[] { count };
        var dims = declared.Shape.Dims!;
        var unknown = Enumerable.Range(0, dims.Count).Where(i => !dims[i].IsKnown).ToList();
        long known = dims.Where(d => d.IsKnown).Aggregate(1L, (a, d) => a * d.Value);
        if (unknown.Count > 1)
        {
            // Several free dims: only a single value is unambiguous (every free dim 1).
            if (count == 1 && known == 1) return dims.Select(d => 1).ToArray();
            throw Bad(declared, text, $"its declared shape {declared.Shape} has several unknown dims", "pin them with --shape first, or give one value");
        }
        if (unknown.Count == 1)
        {
            if (known == 0 || count % known != 0)
                throw Bad(declared, text, $"{count} values do not fill its declared shape {declared.Shape}");
            return dims.Select(d => d.IsKnown ? (int)d.Value : (int)(count / known)).ToArray();
        }
        if (known != count)
            throw Bad(declared, text, $"its declared shape {declared.Shape} needs {known} values, got {count}");
        return dims.Select(d => (int)d.Value).ToArray();
    }

    private static Array ParseValues(string[] tokens, ValueInfo declared, string text)
    {
        var inv = CultureInfo.InvariantCulture;
        try
        {
            return declared.Type switch
            {
                DataType.Float32 => tokens.Select(t => float.Parse(t, inv)).ToArray(),
                DataType.Float64 => tokens.Select(t => double.Parse(t, inv)).ToArray(),
                DataType.Float16 => tokens.Select(t => Half.Parse(t, inv)).ToArray(),
                DataType.Int8 => tokens.Select(t => sbyte.Parse(t, inv)).ToArray(),
                DataType.UInt8 => tokens.Select(t => byte.Parse(t, inv)).ToArray(),
                DataType.Int16 => tokens.Select(t => short.Parse(t, inv)).ToArray(),
                DataType.UInt16 => tokens.Select(t => ushort.Parse(t, inv)).ToArray(),
                DataType.Int32 => tokens.Select(t => int.Parse(t, inv)).ToArray(),
                DataType.UInt32 => tokens.Select(t => uint.Parse(t, inv)).ToArray(),
                DataType.Int64 => tokens.Select(t => long.Parse(t, inv)).ToArray(),
                DataType.UInt64 => tokens.Select(t => ulong.Parse(t, inv)).ToArray(),
                DataType.Bool => tokens.Select(ParseBool).ToArray(),
                DataType.String => tokens,
                _ => throw Bad(declared, text, $"inputs of type {declared.Type.OnnxName()} cannot be given as text"),
            };
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw Bad(declared, text, $"'{text}' is not a valid {declared.Type.OnnxName()} value ({e.Message})");
        }
    }

    private static bool ParseBool(string t) => t.ToLowerInvariant() switch
    {
        "1" or "true" => true,
        "0" or "false" => false,
        _ => throw new FormatException($"'{t}' is not true, false, 1 or 0"),
    };

    private static EdgeToolkitException Bad(ValueInfo declared, string text, string problem, string? hint = null) =>
        new(ErrorKind.BadInput, $"--const {declared.Name}={text}: {problem}",
            hint: hint ?? $"give {declared.Type.OnnxName()} values separated by commas, e.g. --const {declared.Name}=1,2,3");
}
