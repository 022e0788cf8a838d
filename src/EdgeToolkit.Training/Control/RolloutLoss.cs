using EdgeToolkit.Control.Data;
using static TorchSharp.torch;

namespace EdgeToolkit.Training.Control;

/// <summary>
/// Simulation-error loss of a forward model in standardised units: from each start window the
/// network is rolled H steps, its predictions replacing the measured output lags as they become
/// available (OpenLoopRollout.FeedBack, here on standardised tensors), the commands coming from
/// the data. One-step (teacher-forced) training on noisy output lags learns to lean on y(k) and
/// to under-use the commands (errors in variables), which drifts when rolled out; the rollout
/// loss charges exactly that drift. Loss = w * mse(step 0) + (1 - w) * mean over h of mse(step h).
/// </summary>
public sealed class RolloutLoss : IDisposable
{
    private readonly WindowLayout _layout;
    private readonly Tensor _x, _y;
    private readonly Tensor[] _feedScale, _feedShift;
    private readonly int _steps;
    private readonly double _oneStepWeight;

    /// <param name="x">Standardised windows [N, f] of consecutive periods, run by run.</param>
    /// <param name="y">Standardised targets [N, m].</param>
    /// <param name="xMean">Physical-unit window statistics (the standardisation of x), per feature.</param>
    /// <param name="yMean">Physical-unit target statistics (the standardisation of y), per output.</param>
    public RolloutLoss(WindowLayout layout, Tensor x, Tensor y, float[] xMean, float[] xStd, float[] yMean, float[] yStd, int steps, double oneStepWeight)
    {
        _layout = layout;
        _x = x;
        _y = y;
        _steps = steps;
        _oneStepWeight = oneStepWeight;
        int m = layout.OutputCount, offset = layout.InputLags * layout.InputCount;
        int blocks = Math.Min(layout.OutputLags, steps);
        _feedScale = new Tensor[blocks];
        _feedShift = new Tensor[blocks];
        // A prediction in target units becomes output block l in that column's own standardisation:
        // x_std = (y_std * y_sd + y_mean - x_mean) / x_sd.
        for (int l = 0; l < blocks; l++)
        {
            var scale = new float[m];
            var shift = new float[m];
            for (int c = 0; c < m; c++)
            {
                int col = offset + l * m + c;
                scale[c] = yStd[c] / xStd[col];
                shift[c] = (yMean[c] - xMean[col]) / xStd[col];
            }
            _feedScale[l] = tensor(scale).DetachFromDisposeScope();
            _feedShift[l] = tensor(shift).DetachFromDisposeScope();
        }
    }

    public void Dispose()
    {
        foreach (var t in _feedScale.Concat(_feedShift)) t.Dispose();
    }

    /// <summary>
    /// The loss over the rollouts from the given start rows (each start + H - 1 in the same run);
    /// `steps` below H rolls out fewer steps (1: the one-step loss of a warm-up phase).
    /// </summary>
    public Tensor Loss(Func<Tensor, Tensor> net, Tensor starts, int steps)
    {
        if (steps < 1 || steps > _steps) throw new ArgumentOutOfRangeException(nameof(steps), $"1 .. {_steps}");
        var predictions = new List<Tensor>(steps);
        Tensor? rolloutSum = null, first = null;
        for (int h = 0; h < steps; h++)
        {
            var rows = h == 0 ? starts : starts + h;
            var window = FeedBack(_x.index_select(0, rows), predictions, h);
            var prediction = net(window);
            predictions.Add(prediction);
            var mse = nn.functional.mse_loss(prediction, _y.index_select(0, rows));
            first ??= mse;
            rolloutSum = rolloutSum is null ? mse : rolloutSum + mse;
        }
        var rollout = rolloutSum! / steps;
        return _oneStepWeight > 0 && steps > 1 ? first! * _oneStepWeight + rollout * (1 - _oneStepWeight) : rollout;
    }

    /// <summary>The window of rollout step h: output blocks 0 .. min(h, Ly)-1 replaced by the predictions of steps h-1, h-2...</summary>
    private Tensor FeedBack(Tensor window, List<Tensor> predictions, int h)
    {
        int blocks = Math.Min(h, _layout.OutputLags);
        if (blocks == 0) return window;
        int m = _layout.OutputCount, offset = _layout.InputLags * _layout.InputCount, f = _layout.FeatureCount;
        var pieces = new List<Tensor> { window.narrow(1, 0, offset) };
        for (int l = 0; l < blocks; l++) pieces.Add(predictions[h - 1 - l] * _feedScale[l] + _feedShift[l]);
        int rest = offset + blocks * m;
        if (rest < f) pieces.Add(window.narrow(1, rest, f - rest));
        return cat(pieces, 1);
    }
}
