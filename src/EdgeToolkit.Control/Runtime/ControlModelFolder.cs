using System.Text.Json.Nodes;
using EdgeToolkit.Graph;

namespace EdgeToolkit.Control.Runtime;

/// <summary>One actuator input of a control model's config.json: limits, slew rate (per second), initial value.</summary>
public sealed record ConfigInput(string Name, string Unit, double Min, double Max, double RatePerSecond, double Initial);

/// <summary>
/// What the controller needs from a control model folder's config.json (written by
/// `edgetk train control`): plant, period, delay, window lags, input limits and rates, output
/// names, and the identification data's seed (for the held-out data range).
/// </summary>
public sealed record ControlModelFolder(string Folder, string Plant, double Period, int Delay, int InputLags, int OutputLags,
    IReadOnlyList<ConfigInput> Inputs, IReadOnlyList<string> OutputNames, IReadOnlyList<string> OutputUnits, int DataSeed, bool QuickData)
{
    public const string ConfigFile = "config.json", ModelFile = "model.onnx";
    public string ModelPath => Path.Combine(Folder, ModelFile);

    public static ControlModelFolder Read(string folder)
    {
        string path = Path.Combine(folder, ConfigFile);
        if (!File.Exists(path))
            throw new EdgeToolkitException(ErrorKind.BadInput, "no config.json in the model folder", path,
                hint: "pass a control model folder (models/control-msd, control-tendon, control-hasel) or train one with `edgetk train control`");
        try
        {
            var root = JsonNode.Parse(File.ReadAllText(path))!;
            if ((string?)root["task"] != "control")
                throw new EdgeToolkitException(ErrorKind.BadInput, $"config.json is for task '{(string?)root["task"]}', not a control model", path);
            var window = root["window"]!;
            var inputs = root["inputs"]!.AsArray().Select(i => new ConfigInput((string)i!["name"]!, (string?)i["unit"] ?? "",
                (double)i["min"]!, (double)i["max"]!, (double)i["rate_per_s"]!, (double?)i["initial"] ?? 0)).ToArray();
            var outputs = root["outputs"]!.AsArray();
            var data = root["data"];
            return new ControlModelFolder(Path.GetFullPath(folder), (string)root["plant"]!, (double)root["period_s"]!, (int)window["input_delay"]!,
                (int)window["input_lags"]!, (int)window["output_lags"]!, inputs,
                outputs.Select(o => (string)o!["name"]!).ToArray(), outputs.Select(o => (string?)o!["unit"] ?? "").ToArray(),
                (int?)data?["seed"] ?? Data.PlantCatalog.DataSeed, (bool?)data?["quick"] ?? false);
        }
        catch (Exception e) when (e is not EdgeToolkitException)
        {
            throw new EdgeToolkitException(ErrorKind.BadInput, $"config.json is not a control model configuration ({e.Message})", path,
                hint: "regenerate the folder with `edgetk train control`", inner: e);
        }
    }
}
