using EdgeToolkit.Graph;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using Tensor = TorchSharp.torch.Tensor;

namespace EdgeToolkit.Training.Health;

public sealed record HealthTransformerConfig(int DModel = 16, int Heads = 4, int Layers = 1, int FeedForward = 32, double Dropout = 0.1)
{
    public int HeadDim => DModel / Heads;

    public void Validate()
    {
        if (DModel < 1 || Heads < 1 || DModel % Heads != 0 || Layers < 1 || FeedForward < 1)
            throw new EdgeToolkitException(ErrorKind.BadInput, $"transformer needs d_model divisible by heads and at least one layer (got d={DModel}, heads={Heads}, layers={Layers})");
    }
}

/// <summary>
/// The health model read as a sequence: one token per past day (its 18 scaled columns through a
/// shared Linear 18->d), then a "target" token made from the target day's weekday one-hot, plus a
/// learned position embedding per slot. Pre-LN encoder layers (full attention, ReLU MLP) mix the
/// days; the target token's final state, layer-normed, feeds the three 3-class heads. Like
/// HealthNet it trains on scaled inputs [B, days·18 + 7]; HealthTransformerExporter folds the
/// scaling into the day embedding so the graph takes raw readings.
/// </summary>
public sealed class HealthTransformer : Module<Tensor, Tensor>
{
    public HealthTransformerConfig Config { get; }
    public int Days { get; }
    /// <summary>Days, then the target token.</summary>
    public int Tokens => Days + 1;

    public readonly Linear dayEmbed, weekdayEmbed;
    public readonly Parameter position;
    public readonly ModuleList<HealthEncoderLayer> layers;
    public readonly LayerNorm lnFinal;
    public readonly ModuleList<Linear> heads;

    public HealthTransformer(int days, HealthTransformerConfig config) : base("health_transformer")
    {
        config.Validate();
        Config = config; Days = days;
        int d = config.DModel;
        dayEmbed = Linear(HealthFeatures.PerDay, d);
        weekdayEmbed = Linear(7, d, hasBias: false);
        position = Parameter(randn(days + 1, d) * 0.02);
        layers = new ModuleList<HealthEncoderLayer>(Enumerable.Range(0, config.Layers).Select(_ => new HealthEncoderLayer(config)).ToArray());
        lnFinal = LayerNorm(d);
        heads = new ModuleList<Linear>(Enumerable.Range(0, HealthLabels.Tasks).Select(_ => Linear(d, HealthLabels.Classes)).ToArray());
        RegisterComponents();
    }

    /// <param name="z">Scaled inputs [B, days·18 + 7].</param>
    /// <returns>Logits of the three tasks concatenated: [B, 3 · 3].</returns>
    public override Tensor forward(Tensor z)
    {
        using var scope = NewDisposeScope();
        long batch = z.shape[0];
        var days = z.narrow(1, 0, Days * HealthFeatures.PerDay).view(batch, Days, HealthFeatures.PerDay);
        var weekday = z.narrow(1, Days * HealthFeatures.PerDay, 7);
        var x = cat(new[] { dayEmbed.forward(days), weekdayEmbed.forward(weekday).unsqueeze(1) }, 1) + position;
        foreach (var layer in layers) x = layer.forward(x);
        var target = lnFinal.forward(x.select(1, Days));
        return cat(heads.Select(h => h.forward(target)).ToArray(), 1).MoveToOuterDisposeScope();
    }

    public static long ParameterCount(int days, HealthTransformerConfig c)
    {
        long d = c.DModel, perLayer = 2 * 2 * d + 3 * (d * d + d) + (d * d + d) + (d * c.FeedForward + c.FeedForward) + (c.FeedForward * d + d);
        return (HealthFeatures.PerDay + 1) * d + 7 * d + (days + 1) * d + c.Layers * perLayer + 2 * d + HealthLabels.Tasks * (d + 1) * HealthLabels.Classes;
    }
}

/// <summary>Pre-LN encoder layer: x + proj(attention(ln1 x)), then x + fc2(relu(fc1(ln2 x))); no mask (every day sees every day).</summary>
public sealed class HealthEncoderLayer : Module<Tensor, Tensor>
{
    private readonly int _heads;
    public readonly LayerNorm ln1, ln2;
    /// <summary>Rows 0..d-1 make queries, d..2d-1 keys, 2d..3d-1 values; head h owns channels h·dh..(h+1)·dh-1 of each.</summary>
    public readonly Linear qkv, proj, fc1, fc2;
    private readonly Dropout dropout;

    public HealthEncoderLayer(HealthTransformerConfig c) : base("encoder_layer")
    {
        _heads = c.Heads;
        ln1 = LayerNorm(c.DModel); qkv = Linear(c.DModel, 3 * c.DModel); proj = Linear(c.DModel, c.DModel);
        ln2 = LayerNorm(c.DModel); fc1 = Linear(c.DModel, c.FeedForward); fc2 = Linear(c.FeedForward, c.DModel);
        dropout = Dropout(c.Dropout);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        long b = x.shape[0], l = x.shape[1], d = x.shape[2], dh = d / _heads;
        var parts = qkv.forward(ln1.forward(x)).split(d, dim: -1);
        Tensor Heads(Tensor t) => t.view(b, l, _heads, dh).transpose(1, 2);
        var scores = Heads(parts[0]).matmul(Heads(parts[1]).transpose(-2, -1)) * (1.0 / Math.Sqrt(dh));
        var mixed = functional.softmax(scores, -1).matmul(Heads(parts[2])).transpose(1, 2).contiguous().view(b, l, d);
        x = x + dropout.forward(proj.forward(mixed));
        return x + dropout.forward(fc2.forward(functional.relu(fc1.forward(ln2.forward(x)))));
    }
}
