using EdgeToolkit.Firmware.Health;
using EdgeToolkit.Graph;
using EdgeToolkit.Onnx;
using EdgeToolkit.Quantization.Qdq;
using EdgeToolkit.Quantization.Sources;
using EdgeToolkit.Targets;
using EdgeToolkit.Targets.Boards;
using EdgeToolkit.Training.Health;

namespace EdgeToolkit.Firmware.Tests;

/// <summary>
/// The health firmware for models/health-events on the watch board, float and int8 (quantized here
/// with the static quantizer the `quantize` command uses), each built and streamed a month of one
/// held-out person's days once for every test that reads them.
/// </summary>
public sealed class HealthFirmwares : IDisposable
{
    public const string BoardName = "mps2-an386-watch";
    /// <summary>A generator seed other than the training data's (1): a person the model never saw.</summary>
    public const int HeldOutSeed = 7;
    public const int Days = 35;

    private readonly TempFolder _temp = new();
    private readonly Dictionary<string, (HealthFirmwareResult Fw, HealthStreamResult Stream)> _runs = new();

    public static string ModelFolder => Path.Combine(RepoPaths.Root, "models", "health-events");
    public static BoardDefinition Board => BoardCatalog.FromRepository().Get(BoardName);

    /// <summary>One held-out person's days, in order.</summary>
    public static IReadOnlyList<DailyRecord> Records { get; } = new WearableGenerator(HeldOutSeed).GeneratePerson(0, Days, WearableGenerator.DefaultStart).ToList();

    /// <summary>The records as the board receives them: weekday and HealthFeatures.WriteDay's columns.</summary>
    public static IReadOnlyList<HealthDay> StreamDays { get; } = Records.Select(r =>
    {
        var columns = new float[HealthFeatures.PerDay];
        HealthFeatures.WriteDay(r, columns, 0);
        return new HealthDay(HealthFeatures.WeekdayIndex(r.Date), columns);
    }).ToList();

    public (HealthFirmwareResult Fw, HealthStreamResult Stream) Float => Get("float", () => ModelFolder);
    public (HealthFirmwareResult Fw, HealthStreamResult Stream) Int8 => Get("int8", QuantizeInt8);

    public string Folder(string name) => _temp[name];

    private (HealthFirmwareResult, HealthStreamResult) Get(string kind, Func<string> model)
    {
        lock (_runs)
        {
            if (!_runs.TryGetValue(kind, out var run))
            {
                var fw = HealthFirmwareBuilder.Build(new HealthFirmwareRequest { ModelPath = model(), Board = Board, OutputDir = _temp["fw-" + kind] });
                _runs[kind] = run = (fw, HealthStream.Run(fw, StreamDays, _temp["run-" + kind]));
            }
            return run;
        }
    }

    /// <summary>Static int8 (per-channel weights, minmax ranges) calibrated on windows of the training seed's people.</summary>
    private string QuantizeInt8()
    {
        var quantizer = StaticQuantizer.Calibrate(OnnxImporter.Load(Path.Combine(ModelFolder, "model.onnx")), new TrainingWindows(),
            new StaticQuantizationOptions { CalibrationSamples = 200, ReportSamples = 4 });
        var path = _temp["health-events.int8.onnx"];
        File.WriteAllBytes(path, OnnxExporter.ToBytes(quantizer.Build(new HashSet<string>()).Graph));
        return path;
    }

    private sealed class TrainingWindows : ICalibrationSource
    {
        public string Description => "health windows, generator seed 1, people 0-9";
        public bool IsRandom => false;

        public IEnumerable<IReadOnlyDictionary<string, Tensor>> Samples(ModelGraph graph, int count) =>
            HealthWindows.Build(new WearableGenerator(1).Generate(10, 60), 7).Take(count)
                .Select(w => (IReadOnlyDictionary<string, Tensor>)new Dictionary<string, Tensor> { [graph.Inputs[0].Name] = Tensor.FromFloats(new[] { 1, w.Input.Length }, w.Input) });
    }

    public void Dispose() => _temp.Dispose();
}

[CollectionDefinition(Name)]
public sealed class HealthFirmwareCollection : ICollectionFixture<HealthFirmwares>
{
    public const string Name = "health firmware";
}
