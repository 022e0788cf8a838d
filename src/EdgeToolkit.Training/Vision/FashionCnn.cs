using EdgeToolkit.Graph;
using Tensor = TorchSharp.torch.Tensor;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace EdgeToolkit.Training.Vision;

/// <summary>
/// The vision model: VGG-style conv3x3-BatchNorm-ReLU blocks with 2x2 max pooling between
/// stages, global average pooling and one linear layer to the ten classes. The layout is a
/// compact string: numbers are conv widths, "M" a max pool, e.g. "32,M,64,64,M,96".
/// </summary>
public static class FashionCnn
{
    public const int Classes = 10;

    public static Module<Tensor, Tensor> Build(string layout)
    {
        var layers = new List<(string, Module<Tensor, Tensor>)>();
        long channels = 1;
        int conv = 0, pool = 0;
        foreach (var token in Parse(layout))
        {
            if (token == 0) { layers.Add(($"pool{++pool}", MaxPool2d(2))); continue; }
            conv++;
            // BatchNorm follows, so a conv bias would be redundant (folding gives the C model one anyway).
            layers.Add(($"conv{conv}", Conv2d(channels, token, 3, padding: 1, bias: false)));
            layers.Add(($"bn{conv}", BatchNorm2d(token)));
            layers.Add(($"relu{conv}", ReLU()));
            channels = token;
        }
        layers.Add(("gap", AdaptiveAvgPool2d(1)));
        layers.Add(("flatten", Flatten()));
        layers.Add(("fc", Linear(channels, Classes)));
        return Sequential(layers);
    }

    /// <summary>Conv widths in order, 0 for a max pool.</summary>
    public static IReadOnlyList<int> Parse(string layout)
    {
        var tokens = new List<int>();
        foreach (var raw in layout.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (raw.Equals("M", StringComparison.OrdinalIgnoreCase)) tokens.Add(0);
            else if (int.TryParse(raw, out var w) && w > 0) tokens.Add(w);
            else throw new EdgeToolkitException(ErrorKind.BadInput, $"layout item '{raw}' is neither a conv width nor M",
                hint: "write the layout as conv widths and M for max pooling, e.g. --layout 32,M,64,64,M,96");
        }
        if (!tokens.Any(t => t > 0)) throw new EdgeToolkitException(ErrorKind.BadInput, $"layout '{layout}' has no conv layer",
            hint: "e.g. --layout 32,M,64,64,M,96");
        if (tokens.Count(t => t == 0) > 4) throw new EdgeToolkitException(ErrorKind.BadInput, $"layout '{layout}' pools a 28x28 image more than 4 times");
        return tokens;
    }

    public static long ParameterCount(Module<Tensor, Tensor> model) => model.parameters().Sum(p => p.numel());

    /// <summary>Human-readable layer list for the card.</summary>
    public static string Describe(string layout)
    {
        var lines = new List<string>();
        int side = 28; long channels = 1;
        foreach (var t in Parse(layout))
        {
            if (t == 0) { side /= 2; lines.Add($"- MaxPool 2x2 -> {channels}x{side}x{side}"); continue; }
            lines.Add($"- Conv 3x3 {channels}->{t} (padding 1) + BatchNorm + ReLU -> {t}x{side}x{side}");
            channels = t;
        }
        lines.Add($"- Global average pooling -> {channels}");
        lines.Add($"- Linear {channels}->{Classes} (logits; argmax is the class)");
        return string.Join("\n", lines);
    }
}
