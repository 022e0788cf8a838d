using EdgeToolkit.Graph;
using EdgeToolkit.Targets;

namespace EdgeToolkit.Cli.Control;

/// <summary>Where a control command finds its model folder: --model DIR, or --plant P for the zoo's models/control-P.</summary>
public static class ControlModels
{
    public static readonly string[] Plants = ["msd", "tendon", "hasel"];

    public static string Folder(Args args)
    {
        if (args.Get("model") is { } model)
        {
            if (!File.Exists(Path.Combine(model, "model.onnx")) || !File.Exists(Path.Combine(model, "config.json")))
                throw new EdgeToolkitException(ErrorKind.BadInput, "not a control model folder (model.onnx and config.json)", model,
                    hint: "train one with ./edgetk train control --plant msd -o DIR, or use --plant msd|tendon|hasel");
            return model;
        }
        var plant = args.Get("plant") ?? "msd";
        if (!Plants.Contains(plant))
            throw new EdgeToolkitException(ErrorKind.BadInput, $"unknown plant '{plant}'", hint: "use --plant msd, tendon or hasel");
        return Path.Combine(RepoPaths.Root, "models", "control-" + plant);
    }
}
