using System.Globalization;
using EdgeToolkit.CodeGen;
using EdgeToolkit.Graph;

namespace EdgeToolkit.Targets.Running;

/// <summary>The harness's report (the line protocol of HarnessWriter), parsed.</summary>
public sealed class HarnessOutput
{
    public required IReadOnlyList<Dictionary<string, Tensor>> Outputs { get; init; }
    /// <summary>Per case: timer ticks around name_run (MCU).</summary>
    public required IReadOnlyList<long> Ticks { get; init; }
    public long? EmptyRegionTicks { get; init; }
    /// <summary>Per case: stack bytes below the call site (MCU).</summary>
    public required IReadOnlyList<long> StackBytes { get; init; }
    /// <summary>Per case: median ns per inference (host).</summary>
    public required IReadOnlyList<double> Ns { get; init; }
    /// <summary>Per layer: accumulated cost (ticks or ns) and number of calls.</summary>
    public required IReadOnlyList<(double Total, long Calls)> Layers { get; init; }
    public double? EmptyLayerCost { get; init; }
    public bool Complete { get; init; }
    /// <summary>(case, return code) when name_run failed.</summary>
    public (int Case, int Code)? ModelError { get; init; }

    public static HarnessOutput Parse(string text, GeneratedModel model, int caseCount)
    {
        var words = model.Outputs.Select(_ => Enumerable.Range(0, caseCount).Select(_ => new List<string>()).ToArray()).ToArray();
        var ticks = new SortedDictionary<int, long>();
        var stack = new SortedDictionary<int, long>();
        var ns = new SortedDictionary<int, double>();
        var layers = new SortedDictionary<int, (double, long)>();
        long? empty = null;
        double? emptyLayer = null;
        bool complete = false;
        (int, int)? error = null;
        foreach (var raw in text.Split('\n'))
        {
            var f = raw.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length == 0) continue;
            switch (f[0])
            {
                case "o" when f.Length >= 3 && Int(f[2]) < words.Length && Int(f[1]) < caseCount:
                    words[Int(f[2])][Int(f[1])].AddRange(f.Skip(3));
                    break;
                case "t" when f.Length == 3: ticks[Int(f[1])] = Long(f[2]); break;
                case "s" when f.Length == 3: stack[Int(f[1])] = Long(f[2]); break;
                case "n" when f.Length == 3: ns[Int(f[1])] = Double(f[2]); break;
                case "z" when f.Length == 2: empty = Long(f[1]); break;
                case "lz" when f.Length == 2: emptyLayer = Double(f[1]); break;
                case "l" when f.Length == 4: layers[Int(f[1])] = (Double(f[2]), Long(f[3])); break;
                case "e" when f.Length == 3: error = (Int(f[1]), Int(f[2])); break;
                case "done": complete = true; break;
            }
        }
        var outputs = new List<Dictionary<string, Tensor>>();
        if (complete)
            for (int k = 0; k < caseCount; k++)
                outputs.Add(model.Outputs.Select((port, p) => (port.Name, Tensor: ToTensor(port, words[p][k])))
                    .ToDictionary(x => x.Name, x => x.Tensor));
        return new HarnessOutput
        {
            Outputs = outputs, Ticks = ticks.Values.ToList(), StackBytes = stack.Values.ToList(), Ns = ns.Values.ToList(),
            Layers = layers.Values.ToList(), EmptyRegionTicks = empty, EmptyLayerCost = emptyLayer, Complete = complete, ModelError = error,
        };
    }

    private static Tensor ToTensor(CPort port, List<string> hex)
    {
        if (hex.Count != port.Elements)
            throw new EdgeToolkitException(ErrorKind.CheckFailed, $"output '{port.Name}': the target printed {hex.Count} elements, expected {port.Elements}");
        var shape = (int[])port.Shape.Clone();
        int n = hex.Count;
        ulong Bits(int i) => ulong.Parse(hex[i], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        Array data = port.Type switch
        {
            DataType.Float32 => Fill(n, i => BitConverter.UInt32BitsToSingle((uint)Bits(i))),
            DataType.Float64 => Fill(n, i => BitConverter.UInt64BitsToDouble(Bits(i))),
            DataType.Int8 => Fill(n, i => (sbyte)(uint)Bits(i)),
            DataType.UInt8 => Fill(n, i => (byte)Bits(i)),
            DataType.Int16 => Fill(n, i => (short)(uint)Bits(i)),
            DataType.UInt16 => Fill(n, i => (ushort)Bits(i)),
            DataType.Int32 => Fill(n, i => (int)(uint)Bits(i)),
            DataType.UInt32 => Fill(n, i => (uint)Bits(i)),
            DataType.Int64 => Fill(n, i => (long)Bits(i)),
            DataType.UInt64 => Fill(n, i => Bits(i)),
            DataType.Bool => Fill(n, i => Bits(i) != 0),
            _ => throw new EdgeToolkitException(ErrorKind.BadInput, $"output '{port.Name}' has type {port.Type.OnnxName()}, which the harness cannot read back"),
        };
        return new Tensor(port.Type, shape, data);
    }

    private static T[] Fill<T>(int n, Func<int, T> f) { var a = new T[n]; for (int i = 0; i < n; i++) a[i] = f(i); return a; }
    /// <summary>Indices; anything unreadable becomes int.MaxValue, which every bounds check refuses.</summary>
    private static int Int(string s) => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 0 ? v : int.MaxValue;
    private static long Long(string s) => long.Parse(s, CultureInfo.InvariantCulture);
    private static double Double(string s) => double.Parse(s, CultureInfo.InvariantCulture);
}
