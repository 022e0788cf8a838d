using System.Numerics;

namespace EdgeToolkit.Wearable.Iot.Mpu6050Motion;

/// <summary>
/// Steps and movement in one burst of accelerometer samples. A step is a jolt along the arm: the
/// magnitude |a| (independent of how the wrist is turned) rising above 1 g + threshold, counted
/// once per crossing with a refractory period of 250 ms (at most 240 steps/min). Arm movements
/// that only turn the wrist leave |a| at 1 g and count no steps. Movement is the mean change of
/// the acceleration vector between samples, in g: sensor noise alone gives about 0.01 g, a still
/// sleeper stays there, fidgeting and walking are several times higher.
/// </summary>
public static class StepCounter
{
    public const double JoltThresholdG = 0.35, RefractorySeconds = 0.25;

    public static int CountSteps(ReadOnlySpan<Vector3> samples, double samplePeriod)
    {
        int steps = 0;
        double lastStep = double.NegativeInfinity;
        bool above = false;
        for (int i = 0; i < samples.Length; i++)
        {
            bool isAbove = samples[i].Length() - 1 > JoltThresholdG;
            double t = i * samplePeriod;
            if (isAbove && !above && t - lastStep >= RefractorySeconds) { steps++; lastStep = t; }
            above = isAbove;
        }
        return steps;
    }

    public static double Movement(ReadOnlySpan<Vector3> samples)
    {
        if (samples.Length < 2) return 0;
        double sum = 0;
        for (int i = 1; i < samples.Length; i++) sum += (samples[i] - samples[i - 1]).Length();
        return sum / (samples.Length - 1);
    }
}
