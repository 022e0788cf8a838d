using EdgeToolkit.Graph;

namespace EdgeToolkit.Cli.Pipeline;

/// <summary>
/// Seeded random inputs per cli-conventions.md: floats uniform in [-1, 1], integers uniform in a
/// range given by --input name=lo..hi (default 0..9), bools fair coins.
/// </summary>
public static class InputGenerator
{
    public static List<Dictionary<string, Tensor>> Generate(IReadOnlyList<ValueInfo> inputs, int count, int seed,
        IReadOnlyDictionary<string, (long Lo, long Hi)> ranges)
    {
        var rng = new Random(seed);
        var cases = new List<Dictionary<string, Tensor>>();
        for (int c = 0; c < count; c++)
        {
            var d = new Dictionary<string, Tensor>();
            foreach (var i in inputs)
            {
                if (!i.Shape.IsConcrete)
                    throw new EdgeToolkitException(ErrorKind.BadInput, $"input '{i.Name}' has symbolic shape {i.Shape}",
                        hint: $"give it a value with --shape {i.Name}=1x...");
                var shape = i.Shape.ToConcrete();
                var (lo, hi) = ranges.TryGetValue(i.Name, out var r) ? r : (0L, 9L);
                d[i.Name] = Random(rng, i.Type, shape, lo, hi, i.Name);
            }
            cases.Add(d);
        }
        return cases;
    }

    private static Tensor Random(Random rng, DataType type, int[] shape, long lo, long hi, string name)
    {
        long n = Tensor.ElementCountOf(shape);
        long Int() => lo + (long)(rng.NextDouble() * (hi - lo + 1));
        Array data = type switch
        {
            DataType.Float32 => Fill(n, () => (float)(rng.NextDouble() * 2 - 1)),
            DataType.Float64 => Fill(n, () => rng.NextDouble() * 2 - 1),
            DataType.Int64 => Fill(n, Int),
            DataType.Int32 => Fill(n, () => (int)Int()),
            DataType.Int8 => Fill(n, () => (sbyte)Math.Clamp(Int(), -128, 127)),
            DataType.UInt8 => Fill(n, () => (byte)Math.Clamp(Int(), 0, 255)),
            DataType.Bool => Fill(n, () => rng.Next(2) == 1),
            _ => throw new EdgeToolkitException(ErrorKind.BadInput, $"cannot generate random values of type {type.OnnxName()} for input '{name}'",
                hint: $"feed it from a file with --input {name}=file.pb"),
        };
        return new Tensor(type, shape, data);
    }

    private static T[] Fill<T>(long n, Func<T> next) { var a = new T[n]; for (long i = 0; i < n; i++) a[i] = next(); return a; }

    /// <summary>Parses "name=lo..hi" range options.</summary>
    public static Dictionary<string, (long, long)> ParseRanges(IEnumerable<string> specs)
    {
        var d = new Dictionary<string, (long, long)>();
        foreach (var s in specs)
        {
            var eq = s.IndexOf('=');
            var parts = eq > 0 ? s[(eq + 1)..].Split("..") : Array.Empty<string>();
            if (parts.Length == 2 && long.TryParse(parts[0], out var lo) && long.TryParse(parts[1], out var hi) && lo <= hi)
                d[s[..eq]] = (lo, hi);
        }
        return d;
    }
}
