using System.Text.RegularExpressions;
using EdgeToolkit.Graph;
using EdgeToolkit.Onnx;

namespace EdgeToolkit.Quantization.Sources;

/// <summary>
/// Calibration inputs as TensorProto .pb files, laid out like ONNX test cases: either sub-folders
/// (test_data_set_0/input_0.pb, input_1.pb...), each one sample, or .pb files directly in the
/// folder, each one sample of a single-input model (or together one sample of a multi-input
/// model). Inside a sample a tensor goes to the graph input it is named after, else to the input
/// at its position. output_*.pb files are ignored.
/// </summary>
public sealed partial class TensorFolderSource : ICalibrationSource
{
    private readonly string _folder;

    public TensorFolderSource(string folder)
    {
        _folder = folder;
        if (!Directory.Exists(folder))
            throw new EdgeToolkitException(ErrorKind.BadInput, "calibration folder not found", file: folder, hint: "give a folder of TensorProto .pb inputs, a data set name or random:SEED");
        if (!SampleFiles().Any())
            throw new EdgeToolkitException(ErrorKind.BadInput, "the calibration folder holds no .pb input files", file: folder,
                hint: "put TensorProto inputs there (input_0.pb..., or test_data_set_*/input_*.pb), or use a data set name or random:SEED");
    }

    public string Description => $"folder {_folder}";
    public bool IsRandom => false;

    public IEnumerable<IReadOnlyDictionary<string, Tensor>> Samples(ModelGraph graph, int count) => Read(graph).Take(count);

    private IEnumerable<IReadOnlyDictionary<string, Tensor>> Read(ModelGraph graph)
    {
        var subfolders = SubfolderSamples().ToList();
        if (subfolders.Count > 0)
        {
            foreach (var files in subfolders) yield return Assemble(graph, files);
            yield break;
        }
        var top = PbFiles(_folder).ToList();
        if (graph.Inputs.Count == 1) { foreach (var f in top) yield return Assemble(graph, new[] { f }); }
        else yield return Assemble(graph, top);
    }

    private IReadOnlyDictionary<string, Tensor> Assemble(ModelGraph graph, IReadOnlyList<string> files)
    {
        if (files.Count > graph.Inputs.Count)
            throw new EdgeToolkitException(ErrorKind.BadInput, $"{files.Count} input files for a model with {graph.Inputs.Count} inputs",
                file: Path.GetDirectoryName(files[0]), hint: "one .pb file per graph input in each sample folder");
        var sample = new Dictionary<string, Tensor>();
        var read = files.Select(f => (File: f, Tensor: TensorProtoFile.Read(f))).ToList();
        var names = graph.Inputs.Select(i => i.Name).ToHashSet();
        bool byName = read.All(r => names.Contains(r.Tensor.Name)) && read.Select(r => r.Tensor.Name).Distinct().Count() == read.Count;
        for (int k = 0; k < read.Count; k++)
        {
            var input = byName ? graph.Inputs.First(i => i.Name == read[k].Tensor.Name) : graph.Inputs[k];
            var t = read[k].Tensor.Value;
            if (!InputCheck.Fits(input, t))
                throw new EdgeToolkitException(ErrorKind.BadInput,
                    $"a {t.Type.OnnxName()}[{string.Join("x", t.Shape)}] tensor for input '{input.Name}', which is {input.Type.OnnxName()}{input.Shape}",
                    file: read[k].File, hint: "calibration inputs must have the input's type and shape (symbolic dims may take any size)");
            sample[input.Name] = t;
        }
        InputCheck.Require(graph, sample, $"calibration sample {Path.GetDirectoryName(files[0])}", file: files[0]);
        return sample;
    }

    private IEnumerable<string> SampleFiles() => PbFiles(_folder).Concat(SubfolderSamples().SelectMany(f => f));

    private IEnumerable<IReadOnlyList<string>> SubfolderSamples() =>
        Directory.GetDirectories(_folder).OrderBy(Number).ThenBy(d => d, StringComparer.Ordinal)
            .Select(d => (IReadOnlyList<string>)PbFiles(d).ToList()).Where(l => l.Count > 0);

    private static IEnumerable<string> PbFiles(string dir) =>
        Directory.GetFiles(dir, "*.pb").Where(f => !Path.GetFileName(f).StartsWith("output_", StringComparison.Ordinal))
            .OrderBy(Number).ThenBy(f => f, StringComparer.Ordinal);

    private static long Number(string path) =>
        TrailingNumber().Match(Path.GetFileNameWithoutExtension(path)) is { Success: true } m && long.TryParse(m.Value, out var n) ? n : long.MaxValue;

    [GeneratedRegex(@"\d+$")]
    private static partial Regex TrailingNumber();
}
