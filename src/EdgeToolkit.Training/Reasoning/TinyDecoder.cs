using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace EdgeToolkit.Training.Reasoning;

/// <summary>
/// A GPT-style decoder: token + learned position embeddings, pre-LayerNorm blocks (causal
/// multi-head attention, GELU MLP), final LayerNorm and a linear head. The forward pass takes a
/// whole sequence (training, reference decoding); DecoderStepExporter writes the same
/// computation as a one-token step with a key/value cache.
/// </summary>
public sealed class TinyDecoder : Module<Tensor, Tensor>
{
    public DecoderConfig Config { get; }
    public readonly Embedding tok, pos;
    public readonly ModuleList<DecoderBlock> blocks;
    public readonly LayerNorm ln_f;
    public readonly Linear head;

    public TinyDecoder(DecoderConfig config) : base("tiny_decoder")
    {
        config.Validate();
        Config = config;
        tok = Embedding(config.Vocab, config.DModel);
        pos = Embedding(config.MaxContext, config.DModel);
        blocks = new ModuleList<DecoderBlock>(Enumerable.Range(0, config.Layers).Select(_ => new DecoderBlock(config)).ToArray());
        ln_f = LayerNorm(config.DModel);
        head = Linear(config.DModel, config.Vocab);
        RegisterComponents();
        InitWeights();
    }

    /// <summary>GPT-2 initialisation: N(0, 0.02) weights, zero biases, residual projections scaled by depth.</summary>
    private void InitWeights()
    {
        using var _ = no_grad();
        foreach (var (name, p) in named_parameters())
        {
            if (name.EndsWith("bias", StringComparison.Ordinal)) init.zeros_(p);
            else if (name.Contains("ln", StringComparison.Ordinal)) init.ones_(p);
            else
            {
                bool residual = name.EndsWith("proj.weight", StringComparison.Ordinal) || name.EndsWith("fc2.weight", StringComparison.Ordinal);
                init.normal_(p, 0, residual ? 0.02 / Math.Sqrt(2 * Config.Layers) : 0.02);
            }
        }
    }

    /// <param name="tokens">int64 [B, L], L &lt;= MaxContext.</param>
    /// <returns>logits [B, L, vocab].</returns>
    public override Tensor forward(Tensor tokens)
    {
        long length = tokens.shape[1];
        using var positions = arange(length, dtype: ScalarType.Int64, device: tokens.device);
        var x = tok.forward(tokens) + pos.forward(positions);
        using var causal = ones(length, length, dtype: ScalarType.Bool, device: tokens.device).triu(1);
        foreach (var b in blocks) x = b.Forward(x, causal);
        return head.forward(ln_f.forward(x));
    }
}

public sealed class DecoderBlock : Module
{
    private readonly int _heads;
    public readonly LayerNorm ln1, ln2;
    /// <summary>Rows 0..d-1 make queries, d..2d-1 keys, 2d..3d-1 values; head h owns channels h*dh..(h+1)*dh-1 of each.</summary>
    public readonly Linear qkv, proj, fc1, fc2;

    public DecoderBlock(DecoderConfig c) : base("block")
    {
        _heads = c.Heads;
        ln1 = LayerNorm(c.DModel); qkv = Linear(c.DModel, 3 * c.DModel); proj = Linear(c.DModel, c.DModel);
        ln2 = LayerNorm(c.DModel); fc1 = Linear(c.DModel, c.FeedForward); fc2 = Linear(c.FeedForward, c.DModel);
        RegisterComponents();
    }

    public Tensor Forward(Tensor x, Tensor causalMask)
    {
        long b = x.shape[0], l = x.shape[1], d = x.shape[2], dh = d / _heads;
        var parts = qkv.forward(ln1.forward(x)).split(d, dim: -1);
        Tensor Heads(Tensor t) => t.view(b, l, _heads, dh).transpose(1, 2);
        var q = Heads(parts[0]); var k = Heads(parts[1]); var v = Heads(parts[2]);
        var scores = q.matmul(k.transpose(-2, -1)) * (1.0 / Math.Sqrt(dh));
        var att = functional.softmax(scores.masked_fill(causalMask, float.NegativeInfinity), -1);
        var y = att.matmul(v).transpose(1, 2).contiguous().view(b, l, d);
        x = x + proj.forward(y);
        return x + fc2.forward(functional.gelu(fc1.forward(ln2.forward(x))));
    }
}
