using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Evaluation;

namespace EdgeToolkit.Firmware.Health;

/// <summary>
/// The host's twin of the board: the same rolling window, and the C# evaluator on the compiled
/// graph the C was generated from. For an integer (lowered int8) graph the evaluator reproduces the
/// C bit for bit; for a float graph it accumulates in double, so outputs agree within a tolerance.
/// </summary>
public sealed class HealthHostModel
{
    /// <summary>verify's float defaults (cli-conventions.md): atol and rtol 1e-4.</summary>
    public const double FloatTolerance = 1e-4;

    private readonly HealthFirmwareResult _fw;
    private readonly Queue<float[]> _days = new();

    public HealthHostModel(HealthFirmwareResult fw)
    {
        _fw = fw;
        BitExact = IsInteger(fw.Compiled);
    }

    public bool BitExact { get; }
    public double Tolerance => BitExact ? 0 : FloatTolerance;

    /// <summary>Adds a day; the model's outputs (heads in output order, concatenated) once W days are held, else null.</summary>
    public float[]? Push(HealthDay day)
    {
        _days.Enqueue(day.Columns);
        if (_days.Count > _fw.WindowDays) _days.Dequeue();
        if (_days.Count < _fw.WindowDays) return null;
        var x = new float[_fw.WindowDays * _fw.Columns + 7];
        int at = 0;
        foreach (var columns in _days)
        {
            columns.CopyTo(x, at);
            at += _fw.Columns;
        }
        x[at + (day.Weekday + 1) % 7] = 1f;
        var outputs = Evaluator.Run(_fw.Compiled, new Dictionary<string, Tensor> { [_fw.InputName] = Tensor.FromFloats(new[] { 1, x.Length }, x) });
        return _fw.OutputNames.SelectMany(n => outputs[n].Floats).ToArray();
    }

    public bool Agrees(float board, float host) => BitExact
        ? BitConverter.SingleToUInt32Bits(board) == BitConverter.SingleToUInt32Bits(host)
        : Math.Abs(board - host) <= FloatTolerance + FloatTolerance * Math.Abs(host);

    /// <summary>Each head's argmax, the first of equal maxima (as the firmware picks it).</summary>
    public static int[] Argmax(float[] outputs, IReadOnlyList<int> sizes)
    {
        var classes = new int[sizes.Count];
        for (int h = 0, first = 0; h < sizes.Count; first += sizes[h], h++)
            for (int k = 1; k < sizes[h]; k++)
                if (outputs[first + k] > outputs[first + classes[h]]) classes[h] = k;
        return classes;
    }

    /// <summary>An integer graph: lowered int8 kernels (the edgetk domain) or QLinear ops, no float arithmetic left in double.</summary>
    private static bool IsInteger(ModelGraph g) =>
        g.Nodes.Any(n => n.Domain == "edgetk" || n.OpType is "QLinearMatMul" or "QLinearConv" or "MatMulInteger" or "QuantizeLinear")
        && !g.Nodes.Any(n => n.Domain.Length == 0 && n.OpType is "Gemm" or "MatMul" or "Conv");
}
