using System.Globalization;
using EdgeToolkit.Cli.Pipeline;
using EdgeToolkit.Graph;
using EdgeToolkit.Onnx;
using EdgeToolkit.Quantization.Calibration;
using EdgeToolkit.Quantization.Qdq;
using EdgeToolkit.Quantization.Report;
using EdgeToolkit.Quantization.Search;
using EdgeToolkit.Training.Evaluation;
using EdgeToolkit.Training.Zoo;

namespace EdgeToolkit.Cli.Commands;

public sealed class QuantizeCommand : ICommand
{
    public string Name => "quantize";
    public string Summary => "int8 post-training quantization: static (calibrated QDQ ONNX, for MCUs; int16 activations with --activations int16) or dynamic (for phones)";
    public string Usage => $"""
        usage: ./edgetk quantize MODEL --calibration DATA [--method minmax|percentile|entropy] [--per-channel|--per-tensor]
                                 [--activations int8|int16] [--exclude NODE...] [--max-drop F --dataset NAME] -o OUTPUT [--json]
               ./edgetk quantize MODEL --dynamic [--per-tensor] [--exclude NODE...] -o OUTPUT [--json]

        Static: optimises the float graph (BatchNorm folded), streams calibration samples through it to
        choose each activation's int8 range, and writes a QDQ ONNX model (QuantizeLinear/DequantizeLinear
        around Conv, Gemm, MatMul, Add, Mul, Tanh, Sigmoid, GlobalAveragePool; pools and reshapes share
        their input's parameters; anything else stays float) that ONNX Runtime runs and `compile` lowers
        to integer C. Reports each quantized tensor's SQNR and largest error against float.
        MODEL: an .onnx file or a model folder (model.onnx + config.json + card.md).
        -o OUTPUT: a file ending in .onnx, or a folder: model.onnx, config.json copied, card.md with a
                   quantization section (from a model folder).
        --calibration DATA: a folder of TensorProto .pb inputs (input_0.pb..., or test_data_set_*/input_*.pb;
                   matched to inputs by name, else by order), a data set's training split
                   ({string.Join(", ", QuantizeData.CalibrationDatasets())}), or random:SEED (checks the pipeline only).
        --samples N [200] calibration samples; --seed S [1] which ones a data set gives.
        --method [minmax]: minmax (no clipping), percentile (--percentile P [99.999], --percentile-mode
                   tails|abs [tails]), entropy (KL divergence over a 2048-bin histogram, TensorRT's method).
        --per-channel (default) one weight scale per output channel; --per-tensor one per tensor.
        --activations [int8]: int8 activations, asymmetric per tensor; or int16: symmetric per tensor (zero
                   point 0, scale 2 max|x| / 32767: twice the calibrated range, as held-out data go past it)
                   with int8 weights, TFLite's 16x8 mode, for regression models where 256 levels are too coarse.
                   The weights are then rounded to compensate each other's errors on the calibration inputs
                   (GPTQ), their rounding being the larger error left. Writes opset 21 (int16
                   QuantizeLinear/DequantizeLinear). The integer C covers Gemm, MatMul (with a following
                   Relu/Clip), Tanh and Sigmoid; other ops, and a Gemm/MatMul whose int32 sums could overflow,
                   stay float (listed in the notes). Not with --method entropy (its search models 8-bit levels).
        --const name=value, --shape name=1x512: fix a constant input (folding the Ifs on it) and pin symbolic
                   dims before calibrating (static); the written model then needs neither.
        --const name=value, --shape name=1x512 (static): fix a constant input (folding the Ifs on it) and pin
                   symbolic dims before calibrating; the written model then needs neither.
        --exclude NODE[,NODE] keeps nodes float (names of the optimised graph; repeatable).
        --dataset NAME measures the data set's metric of the float and the int8 model in ONNX Runtime
                   (--limit N held-out samples); --max-drop F then excludes the most sensitive nodes one
                   by one until the int8 metric is within F of float (points for accuracy and F1, a
                   fraction of the float value for errors such as nrmse: 0.05 = 5% worse). Exit 1 if missed.
        --report-samples N [32] samples for the per-tensor report and the sensitivity ranking.
        --dynamic: int8 weights, activations quantized at run time (DynamicQuantizeLinear + MatMulInteger),
                   no calibration; says whether int8 should be faster than float on this CPU and this model.
        --measure (with --dynamic) times float and int8 in ONNX Runtime on one seeded input (--shape name=1x128
                   for inputs with symbolic dims) and reports the ratio beside the prediction.
        """;

    public IReadOnlySet<string> ValueOptions { get; } = new HashSet<string>
    {
        "calibration", "method", "percentile", "percentile-mode", "exclude", "max-drop", "dataset", "limit", "samples", "report-samples", "seed", "shape",
        "activations", "const",
    };
    public IReadOnlySet<string> FlagOptions { get; } = new HashSet<string> { "per-channel", "per-tensor", "dynamic", "measure" };

    private static readonly string[] StaticOnly = { "calibration", "method", "percentile", "percentile-mode", "max-drop", "samples", "report-samples", "seed", "activations" };

    public int Run(Args args, Reporter reporter)
    {
        var modelPath = args.Positional(0, "MODEL (an .onnx file or a model folder)");
        var exclude = Excludes(args);
        var output = args.Get("output") ?? throw Args.Usage("missing -o OUTPUT", "e.g. -o model.int8.onnx, or -o DIR to write a model folder");
        if (args.Flag("per-channel") && args.Flag("per-tensor")) throw Args.Usage("--per-channel and --per-tensor exclude each other");
        bool perChannel = !args.Flag("per-tensor");
        double? maxDrop = args.Get("max-drop") != null ? args.GetDouble("max-drop", 0) : null;
        if (maxDrop is < 0 or double.NaN) throw Args.Usage($"--max-drop takes a non-negative number, got {args.Get("max-drop")}");
        var datasetName = args.Get("dataset");
        if (maxDrop != null && datasetName == null)
            throw Args.Usage("--max-drop needs --dataset NAME: the drop is measured on a data set's held-out samples",
                $"e.g. --max-drop 0.01 --dataset health (data sets: {string.Join(", ", ZooRegistry.Datasets.Keys)})");
        int? limit = args.Get("limit") != null ? args.GetInt("limit", 0) : null;
        if (limit is <= 0) throw Args.Usage("--limit takes a positive number of samples");
        if (limit != null && datasetName == null) throw Args.Usage("--limit applies to --dataset", "add --dataset NAME");
        var dataset = datasetName != null ? QuantizeData.Dataset(datasetName) : null;

        if (args.Flag("dynamic"))
        {
            if (StaticOnly.FirstOrDefault(o => args.Get(o) != null) is { } o)
                throw Args.Usage($"--{o} does not apply to --dynamic", "dynamic quantization needs no calibration: ./edgetk quantize MODEL --dynamic -o OUT");
            return QuantizeDynamic.Run(modelPath, output, perChannel, exclude, dataset, limit, CommandLine(args, modelPath, output), reporter,
                args.Flag("measure") ? args.GetAll("shape") : null);
        }
        if (args.Flag("measure")) throw Args.Usage("--measure applies to --dynamic", "measure a static model's C with ./edgetk verify or profile");
        var data = args.Get("calibration") ?? throw Args.Usage("missing --calibration DATA",
            "give a folder of .pb inputs, a data set (" + string.Join(", ", QuantizeData.CalibrationDatasets()) + "), random:SEED, or use --dynamic");
        var calibrationOptions = CalibrationFrom(args);
        var activations = Activations(args, calibrationOptions.Method);
        int samples = Positive(args, "samples", 200), reportSamples = Positive(args, "report-samples", 32);

        var source = ModelSource.Load(modelPath).Specialized(ModelOptions.From(args));
        var onnxPath = OnnxPath(source);
        var config = File.Exists(onnxPath) ? ModelFolder.ReadConfig(onnxPath) : null;
        var calibration = QuantizeData.Calibration(data, config, args.GetInt("seed", 1));
        reporter.Progress($"quantizing {source.Display}: {CalibrationOptions.Name(calibrationOptions.Method)} calibration, weights {(perChannel ? "per channel" : "per tensor")}, " +
                          $"activations {activations.OnnxName()}");
        var quantizer = StaticQuantizer.Calibrate(source.Graph, calibration, new StaticQuantizationOptions
        {
            Calibration = calibrationOptions, PerChannel = perChannel, CalibrationSamples = samples, ReportSamples = reportSamples, Exclude = exclude,
            // With int16 activations the int8 weights' rounding is the larger error: compensate it (WeightRounding).
            Activations = activations, CompensateRounding = activations == DataType.Int16, Progress = reporter.Progress,
        });

        var notes = new List<string>();
        QdqModel model;
        MetricSummary? metric = null;
        IReadOnlyList<string> searchExcluded = Array.Empty<string>();
        bool ok = true;
        if (dataset != null)
        {
            var budget = maxDrop is double b ? new AccuracyBudget(b, dataset.HigherIsBetter) : null;
            var outcome = AccuracyBudgetSearch.Run(quantizer, source.OnnxBytes, source.Graph, exclude.ToHashSet(),
                new DatasetAccuracyCheck(dataset, onnxPath, config, limit), budget, reporter.Progress);
            model = outcome.Model;
            searchExcluded = outcome.Excluded;
            ok = outcome.WithinBudget;
            metric = Metric(dataset, outcome.Float, outcome.Int8, maxDrop);
            if (outcome.Excluded.Count > 0)
                notes.Add($"to stay within --max-drop {maxDrop?.ToString(CultureInfo.InvariantCulture)}, the search kept {outcome.Excluded.Count} node(s) float: {string.Join(", ", outcome.Excluded)} "
                    + "(most sensitive first, ranked by the output SQNR with each node alone in int8)");
            if (!ok) notes.Add("the budget was missed even with every quantizable node excluded that helped");
        }
        else
        {
            model = quantizer.Build(exclude.ToHashSet());
            notes.Add("accuracy was not checked: add --dataset NAME (and --max-drop F) to measure the int8 model against float");
        }
        if (calibration.IsRandom)
            notes.Add($"calibrated on random inputs ({calibration.Description}): this checks the pipeline only; the ranges are not those of real data");

        var bytes = OnnxExporter.ToBytes(model.Graph);
        var reportInputs = quantizer.ReportInputs();
        using (var session = new OrtSession(bytes)) session.Run(reportInputs[0]); // the file must run in ONNX Runtime
        reporter.Progress($"per-tensor error against float on {reportInputs.Count} samples");
        var layers = LayerErrorReport.Measure(quantizer.FloatGraph, model, reportInputs);
        notes.AddRange(quantizer.Notes);
        notes.AddRange(model.Notes);
        notes.AddRange(FloatNodeNotes(quantizer.FloatGraph, model));

        var summary = new QuantizeSummary
        {
            Ok = ok, Model = source.Display, Output = output, Method = CalibrationOptions.Name(calibrationOptions.Method), PerChannel = perChannel,
            Activations = activations.OnnxName(),
            CalibrationSource = calibration.Description, CalibrationSamples = quantizer.SamplesSeen, Metric = metric,
            Excluded = exclude.Concat(searchExcluded).ToList(), QuantizedNodes = model.QuantizedNodes(quantizer.FloatGraph),
            FloatNodes = model.FloatNodes(quantizer.FloatGraph), WeightBytesFloat = QdqModel.ConstantBytes(quantizer.FloatGraph),
            WeightBytesInt8 = QdqModel.ConstantBytes(model.Graph), Layers = layers, Notes = notes,
        };
        ModelOutput.Write(output, bytes, source.CardPath != null ? source.Display : null, summary.CardSection(CommandLine(args, modelPath, output)));
        if (reporter.Json) reporter.WriteJson(summary.ToJson());
        else summary.Print(reporter);
        return ok ? 0 : 1;
    }

    /// <summary>--exclude a,b --exclude c, and `--exclude a b c` (the names after it that are not options).</summary>
    internal static List<string> Excludes(Args args)
    {
        var names = args.GetAll("exclude").SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        var extra = args.Positionals.Skip(1).ToList();
        if (extra.Count > 0 && names.Count == 0)
            throw Args.Usage($"unexpected argument '{extra[0]}'", "quantize takes one MODEL; node names to keep float go after --exclude");
        return names.Concat(extra).Distinct().ToList();
    }

    private static CalibrationOptions CalibrationFrom(Args args)
    {
        var method = CalibrationOptions.ParseMethod(args.Get("method") ?? "minmax");
        if (method != CalibrationMethod.Percentile && (args.Get("percentile") ?? args.Get("percentile-mode")) != null)
            throw Args.Usage("--percentile and --percentile-mode apply to --method percentile");
        double percentile = args.GetDouble("percentile", 99.999);
        if (!(percentile > 0 && percentile <= 100)) throw Args.Usage($"--percentile takes a number in (0, 100], got {args.Get("percentile")}");
        var mode = (args.Get("percentile-mode") ?? "tails") switch
        {
            "tails" => PercentileMode.Tails,
            "abs" => PercentileMode.Abs,
            var m => throw Args.Usage($"--percentile-mode {m}: unknown", "use --percentile-mode tails (cut both tails) or abs (percentile of |x|)"),
        };
        return new CalibrationOptions { Method = method, Percentile = percentile, PercentileMode = mode };
    }

    /// <summary>--activations int8|int16 (int8 when absent).</summary>
    private static DataType Activations(Args args, CalibrationMethod method)
    {
        var type = (args.Get("activations") ?? "int8") switch
        {
            "int8" => DataType.Int8,
            "int16" => DataType.Int16,
            var a => throw Args.Usage($"--activations {a}: unknown", "use --activations int8 (default) or int16 (int16 activations, int8 weights)"),
        };
        if (type == DataType.Int16 && method == CalibrationMethod.Entropy)
            throw Args.Usage("--method entropy does not apply to --activations int16: its search fits a window to 8-bit levels",
                "use --method minmax (default) or percentile with int16 activations");
        return type;
    }

    private static int Positive(Args args, string name, int dflt)
    {
        int v = args.GetInt(name, dflt);
        return v > 0 ? v : throw Args.Usage($"--{name} takes a positive number, got {v}");
    }

    internal static string OnnxPath(ModelSource source) => Directory.Exists(source.Display) ? Path.Combine(source.Display, ModelFolder.ModelFile) : source.Display;

    internal static MetricSummary Metric(IEvaluationDataset d, MetricValue f, MetricValue q, double? maxDrop)
    {
        var budget = new AccuracyBudget(maxDrop ?? 0, d.HigherIsBetter);
        return new MetricSummary(d.Name, d.Metric, d.HigherIsBetter, f.Value, q.Value, budget.Drop(f.Value, q.Value), budget.Used(f.Value, q.Value),
            budget.Relative, maxDrop, q.Samples);
    }

    /// <summary>Why nodes stay float, one line per reason (excluded nodes are listed elsewhere).</summary>
    private static IEnumerable<string> FloatNodeNotes(ModelGraph g, QdqModel model)
    {
        var ops = g.Nodes.ToDictionary(n => n.Name, n => n.OpType);
        return model.Plan.FloatReasons.Where(r => r.Value != "excluded").GroupBy(r => r.Value)
            .Select(grp => $"float: {string.Join(", ", grp.Select(r => $"{ops[r.Key]} '{r.Key}'").Take(6))}{(grp.Count() > 6 ? $" and {grp.Count() - 6} more" : "")}: {grp.Key}");
    }

    /// <summary>The command as the card records it.</summary>
    internal static string CommandLine(Args args, string model, string output)
    {
        var parts = new List<string> { "./edgetk", "quantize", model };
        if (args.Flag("dynamic")) parts.Add("--dynamic");
        foreach (var o in new[] { "calibration", "method", "percentile", "percentile-mode", "activations", "samples", "seed", "dataset", "max-drop", "limit" })
            if (args.Get(o) is { } v) parts.Add($"--{o} {v}");
        if (args.Flag("per-tensor")) parts.Add("--per-tensor");
        var ex = Excludes(args);
        if (ex.Count > 0) parts.Add($"--exclude {string.Join(",", ex)}");
        parts.Add($"-o {output}");
        return string.Join(" ", parts);
    }
}
