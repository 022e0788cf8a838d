namespace EdgeToolkit.Cli.Audio;

/// <summary>
/// Seeded audio that a voice-activity detector has something to decide on: stretches of quiet
/// background noise and stretches of speech-like sound (a glottal pulse train at 90-250 Hz shaped by
/// two moving formant resonators, in syllables at about 4 per second, with breathy noise). It is not
/// speech, and no accuracy claim rests on it: it drives a streaming model through both of its regimes
/// so that the device and the reference are compared on realistic activations and states.
/// </summary>
public static class SpeechLikeSignal
{
    public const int SampleRate = 16000;

    /// <summary>The signal in [-1, 1], and per sample whether it lies in a voiced stretch.</summary>
    public static (float[] Samples, bool[] Voiced) Generate(double seconds, int seed)
    {
        var rng = new Random(seed);
        int n = (int)(seconds * SampleRate);
        var x = new float[n];
        var voiced = new bool[n];
        int i = 0;
        bool speaking = false;
        while (i < n)
        {
            int length = (int)(SampleRate * (speaking ? 0.6 + rng.NextDouble() * 1.2 : 0.3 + rng.NextDouble() * 0.7));
            length = Math.Min(length, n - i);
            if (speaking) Speech(x, voiced, i, length, rng);
            for (int k = i; k < i + length; k++) x[k] += (float)(0.003 * Gaussian(rng)); // background noise everywhere
            i += length;
            speaking = !speaking;
        }
        for (int k = 0; k < n; k++) x[k] = Math.Clamp(x[k], -1f, 1f);
        return (x, voiced);
    }

    private static void Speech(float[] x, bool[] voiced, int start, int length, Random rng)
    {
        double f0 = 90 + rng.NextDouble() * 160, phase = 0;
        double syllableHz = 3 + rng.NextDouble() * 2.5, loudness = 0.1 + rng.NextDouble() * 0.3;
        var f1 = new Resonator(); var f2 = new Resonator();
        for (int k = 0; k < length; k++)
        {
            double t = (double)k / SampleRate;
            // Formants glide as vowels change; pitch drifts a little within a phrase.
            double formant1 = 500 + 250 * Math.Sin(2 * Math.PI * syllableHz * 0.5 * t);
            double formant2 = 1500 + 600 * Math.Sin(2 * Math.PI * syllableHz * 0.3 * t + 1);
            double pitch = f0 * (1 + 0.08 * Math.Sin(2 * Math.PI * 0.7 * t));
            phase += pitch / SampleRate;
            double pulse = phase >= 1 ? 1 : 0;
            if (phase >= 1) phase -= 1;
            double source = pulse + 0.05 * Gaussian(rng);
            double y = f1.Step(source, formant1, 80) + 0.6 * f2.Step(source, formant2, 120);
            double envelope = Math.Pow(Math.Max(0, Math.Sin(Math.PI * syllableHz * t)), 2);
            x[start + k] += (float)(loudness * envelope * y);
            voiced[start + k] = envelope > 0.1;
        }
    }

    /// <summary>A two-pole resonator at a centre frequency and bandwidth (Hz), normalised to unit peak gain.</summary>
    private sealed class Resonator
    {
        private double _y1, _y2;
        public double Step(double x, double hz, double bandwidth)
        {
            double r = Math.Exp(-Math.PI * bandwidth / SampleRate);
            double c = 2 * r * Math.Cos(2 * Math.PI * hz / SampleRate);
            double y = (1 - r) * x + c * _y1 - r * r * _y2;
            _y2 = _y1; _y1 = y;
            return y;
        }
    }

    private static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    /// <summary>Consecutive chunks of a signal, the last one dropped when incomplete.</summary>
    public static IEnumerable<float[]> Chunks(float[] samples, int chunk)
    {
        for (int i = 0; i + chunk <= samples.Length; i += chunk) yield return samples[i..(i + chunk)];
    }
}
