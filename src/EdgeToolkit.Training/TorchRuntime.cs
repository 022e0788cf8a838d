using TorchSharp;

namespace EdgeToolkit.Training;

/// <summary>
/// Puts libtorch in the state every training run and test needs: one thread (two threads on a
/// busy 2-core machine can be ten times slower), a fixed seed (CPU kernels on one thread are deterministic).
/// </summary>
public static class TorchRuntime
{
    private static readonly object Gate = new();
    private static bool _threadsSet;

    public static void Initialize(int seed)
    {
        lock (Gate)
        {
            if (!_threadsSet)
            {
                torch.set_num_threads(1);
                torch.set_num_interop_threads(1); // allowed once per process, before any parallel work
                _threadsSet = true;
            }
            torch.manual_seed(seed);
        }
    }
}
