using EdgeToolkit.CodeGen;
using EdgeToolkit.Firmware.Protocol;
using EdgeToolkit.Graph;

namespace EdgeToolkit.Firmware.Health;

/// <summary>
/// How the firmware reads a health model's C ports: one float input [1, W*C+7] (W days of C
/// columns, then the target day's weekday one-hot) and float outputs, one head each.
/// </summary>
public sealed record HealthModelLayout(string InputName, int WindowDays, int Columns, IReadOnlyList<string> OutputNames, IReadOnlyList<int> OutputSizes)
{
    public const int Weekdays = 7;

    public int Inputs => WindowDays * Columns + Weekdays;
    public int Heads => OutputSizes.Count;
    public int OutputElements => OutputSizes.Sum();
    public int DayBytes => DayMessage.Length(Columns);
    public int PredictionBytes => PredictionMessage.Length(Heads, OutputElements);

    /// <summary>The frame payloads the board sends or receives, the largest of which sizes its buffers.</summary>
    public int LargestPayload => new[] { DayBytes, PredictionBytes, HealthHelloMessage.MaxLength(Heads), HealthStopTotals.Length }.Max();

    public static HealthModelLayout Of(GeneratedModel code, int windowDays, string file)
    {
        if (code.Inputs.Count != 1)
            throw Bad($"the model has {code.Inputs.Count} inputs; the health firmware feeds one, the window [1, W*C+7]", file);
        var input = code.Inputs[0];
        if (input.Type != DataType.Float32 || input.Shape.Length != 2 || input.Shape[0] != 1)
            throw Bad($"input '{input.Name}' is {input.Type.OnnxName()}[{string.Join("x", input.Shape)}], the firmware feeds float[1 x (W*C+7)]", file);
        if (windowDays < 1 || input.Shape[1] <= Weekdays || (input.Shape[1] - Weekdays) % windowDays != 0)
            throw Bad($"input '{input.Name}' has {input.Shape[1]} elements, not {windowDays} days of C columns plus a 7-day weekday one-hot", file,
                "pass the window length the model was trained with (WindowDays)");
        if (code.Outputs.Count is 0 or > 32)
            throw Bad($"the model has {code.Outputs.Count} outputs; the firmware takes 1 to 32 heads", file);
        foreach (var o in code.Outputs)
            if (o.Type != DataType.Float32 || o.Elements is < 1 or > 255)
                throw Bad($"output '{o.Name}' is {o.Type.OnnxName()}[{string.Join("x", o.Shape)}]; each head must be float with 1 to 255 elements (its class is a byte)", file);
        var layout = new HealthModelLayout(input.Name, windowDays, (input.Shape[1] - Weekdays) / windowDays,
            code.Outputs.Select(o => o.Name).ToList(), code.Outputs.Select(o => (int)o.Elements).ToList());
        if (layout.WindowDays > 255 || layout.LargestPayload > Frame.MaxPayload)
            throw Bad($"a DAY or PREDICTION frame for {layout.Columns} columns and {layout.OutputElements} outputs needs {layout.LargestPayload} payload bytes, " +
                $"the protocol carries at most {Frame.MaxPayload}", file, "at most 63 columns a day and 60 output elements");
        return layout;
    }

    private static EdgeToolkitException Bad(string message, string file, string? hint = null) =>
        new(ErrorKind.BadInput, message, file: file, hint: hint ?? "the health firmware takes a model like models/health-events (docs/firmware.md, \"The health app\")");
}
