using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Passes;
using EdgeToolkit.Quantization.Calibration;
using EdgeToolkit.Quantization.Sources;

namespace EdgeToolkit.Quantization.Qdq;

/// <summary>Options of `edgetk quantize` (static).</summary>
public sealed record StaticQuantizationOptions
{
    public CalibrationOptions Calibration { get; init; } = new();
    /// <summary>One weight scale per output channel (default) or one per tensor.</summary>
    public bool PerChannel { get; init; } = true;
    /// <summary>Calibration samples to draw (fewer when the source has fewer).</summary>
    public int CalibrationSamples { get; init; } = 200;
    /// <summary>Samples the per-layer report and the sensitivity ranking run (the first ones of the source).</summary>
    public int ReportSamples { get; init; } = 32;
    /// <summary>Node names (of the optimised graph) kept float; checked before calibration.</summary>
    public IReadOnlyCollection<string> Exclude { get; init; } = Array.Empty<string>();
    /// <summary>Rescale input features with unequal ranges into the first layer's weights (InputEqualization).</summary>
    public bool EqualizeInputs { get; init; } = true;
    /// <summary>Int8 (asymmetric, default) or Int16 (symmetric, TFLite's 16x8: Int16Activations says what runs in integers).</summary>
    public DataType Activations { get; init; } = DataType.Int8;
    /// <summary>Round Gemm/MatMul weights to compensate each other's errors on the calibration inputs (WeightRounding) instead of to nearest.</summary>
    public bool CompensateRounding { get; init; }
    /// <summary>Progress lines (stderr in the CLI).</summary>
    public Action<string>? Progress { get; init; }
}

/// <summary>
/// Static post-training quantization: optimises the float graph (BatchNorm folded, Relu kept as
/// its own node: the graph that will be compiled), calibrates every activation that any plan may
/// quantize once, then writes QDQ graphs for any set of excluded nodes without calibrating again.
/// </summary>
public sealed class StaticQuantizer
{
    public ModelGraph FloatGraph { get; }
    public ICalibrationSource Source { get; }
    public StaticQuantizationOptions Options { get; }
    public IReadOnlyDictionary<string, TensorRange> Ranges { get; }
    /// <summary>Gemm/MatMul node name -> E[x x^T] of its input, when CompensateRounding.</summary>
    public IReadOnlyDictionary<string, double[,]>? InputMoments { get; private init; }
    public int SamplesSeen { get; }
    /// <summary>Nodes the quantizer added that stay float (input equalization), with why.</summary>
    public IReadOnlyDictionary<string, string> KeepFloat { get; }
    /// <summary>What the quantizer changed in the float graph besides optimising it.</summary>
    public IReadOnlyList<string> Notes { get; }

    private StaticQuantizer(ModelGraph floatGraph, ICalibrationSource source, StaticQuantizationOptions options, IReadOnlyDictionary<string, TensorRange> ranges,
        int samples, IReadOnlyDictionary<string, string> keepFloat, IReadOnlyList<string> notes)
    {
        FloatGraph = floatGraph; Source = source; Options = options; Ranges = ranges; SamplesSeen = samples; KeepFloat = keepFloat; Notes = notes;
    }

    /// <summary>The float graph as the compiler will see it, with every Relu still a node of its own (Fuse off).</summary>
    public static ModelGraph Optimise(ModelGraph model)
    {
        var g = model.Clone();
        PassPipeline.Standard(new PipelineOptions { Fuse = false }).Run(g);
        return g;
    }

    public static StaticQuantizer Calibrate(ModelGraph model, ICalibrationSource source, StaticQuantizationOptions options)
    {
        var g = Optimise(model);
        RequireNodes(g, options.Exclude, model);
        var equalized = options.EqualizeInputs
            ? InputEqualization.Apply(g, source.Samples(g, options.CalibrationSamples))
            : Array.Empty<InputEqualization.Applied>();
        var tensors = QuantizationPlan.CalibrationTensors(g);
        options.Progress?.Invoke($"calibrating {tensors.Count} activations ({CalibrationOptions.Name(options.Calibration.Method)}) on up to {options.CalibrationSamples} samples from {source.Description}");
        var (ranges, count) = ActivationCalibrator.Run(g, source.Samples(g, options.CalibrationSamples), tensors, options.Calibration,
            check: (sample, i) => InputCheck.Require(g, sample, $"calibration sample {i + 1} from {source.Description}",
                hint: "the calibration data does not fit this model's inputs: pick the data set the model was trained on, or .pb files shaped like its inputs"),
            progress: n => options.Progress?.Invoke($"calibration: {n} samples"));
        if (count == 0)
            throw new EdgeToolkitException(ErrorKind.BadInput, $"{source.Description} gave no calibration samples", hint: "give a folder with .pb inputs, a data set name or random:SEED");
        var moments = options.CompensateRounding ? Moments(g, source, options) : null;
        var keepFloat = equalized.SelectMany(e => e.FloatNodes).ToDictionary(n => n, _ => "input equalization (float scaling before the first quantization)");
        if (options.Activations == DataType.Int16) KeepInt16Float(g, ranges, moments, options, keepFloat);
        return new StaticQuantizer(g, source, options, ranges, count, keepFloat, equalized.Select(e => e.Note).ToList()) { InputMoments = moments };
    }

    /// <summary>Largest K whose K x K moments are gathered (the rounding costs K^3).</summary>
    public const int MaxMomentsK = 1024;

    /// <summary>E[x x^T] of the input of every Gemm/MatMul (K up to MaxMomentsK) over the calibration samples, by node name.</summary>
    private static Dictionary<string, double[,]> Moments(ModelGraph g, ICalibrationSource source, StaticQuantizationOptions options)
    {
        var nodes = g.Nodes.Where(n => n.OpType is "Gemm" or "MatMul" && QdqEligibility.Of(g, n).Role == QdqRole.Weighted)
            .Select(n => (n.Name, Input: n.Inputs[0], K: g.TryGetInfo(n.Inputs[0])?.Shape is { HasRank: true } s && s[s.Rank - 1].IsKnown ? (int)s[s.Rank - 1].Value : 0))
            .Where(n => n.K is > 0 and <= MaxMomentsK).ToList();
        if (nodes.Count == 0) return new Dictionary<string, double[,]>();
        options.Progress?.Invoke($"input moments of {nodes.Count} Gemm/MatMul layers for error-compensating weight rounding");
        var moments = Calibration.InputMoments.Run(g, source.Samples(g, options.CalibrationSamples), nodes.GroupBy(n => n.Input).ToDictionary(grp => grp.Key, grp => grp.First().K));
        return nodes.Where(n => moments.ContainsKey(n.Input)).ToDictionary(n => n.Name, n => moments[n.Input]);
    }

    /// <summary>Adds the nodes 16x8 cannot run in integers (Int16Activations): ops without an int16 kernel, then sums that could overflow int32.</summary>
    private static void KeepInt16Float(ModelGraph g, IReadOnlyDictionary<string, TensorRange> ranges, IReadOnlyDictionary<string, double[,]>? moments,
        StaticQuantizationOptions options, Dictionary<string, string> keepFloat)
    {
        foreach (var (name, why) in Int16Activations.UnsupportedOps(g)) keepFloat.TryAdd(name, why);
        var probe = QdqWriter.Write(g, QuantizationPlan.Make(g, new HashSet<string>(), keepFloat), ranges, options.PerChannel, DataType.Int16, moments);
        foreach (var (name, why) in Int16Activations.Overflowing(probe)) keepFloat.TryAdd(name, why);
    }

    public QuantizationPlan Plan(IReadOnlySet<string> exclude) => QuantizationPlan.Make(FloatGraph, exclude, KeepFloat);

    public QdqModel Build(IReadOnlySet<string> exclude) => QdqWriter.Write(FloatGraph, Plan(exclude), Ranges, Options.PerChannel, Options.Activations, InputMoments);

    /// <summary>The samples reports and sensitivity runs use: the first ReportSamples of the source.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, Tensor>> ReportInputs() => Source.Samples(FloatGraph, Options.ReportSamples).ToList();

    /// <summary>Every --exclude name must be a node of the optimised graph; says which names there are when not.</summary>
    private static void RequireNodes(ModelGraph optimised, IEnumerable<string> exclude, ModelGraph original)
    {
        var present = optimised.Nodes.Select(n => n.Name).ToHashSet();
        foreach (var name in exclude)
        {
            if (present.Contains(name)) continue;
            var candidates = string.Join(", ", QuantizationPlan.Make(optimised, new HashSet<string>()).Candidates.Take(12));
            bool folded = original.Nodes.Any(n => n.Name == name);
            throw new EdgeToolkitException(ErrorKind.BadInput,
                folded ? $"--exclude {name}: the optimiser folded this node away (BatchNorm into Conv/Gemm, constants, Identity)"
                       : $"--exclude {name}: the model has no node of that name",
                file: original.SourcePath, node: name, hint: $"quantized nodes that can be excluded: {candidates}");
        }
    }
}
