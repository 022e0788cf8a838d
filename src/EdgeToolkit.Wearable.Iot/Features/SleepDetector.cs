namespace EdgeToolkit.Wearable.Iot.Features;

/// <summary>The main sleep: its span (time in bed) and the minutes asleep in it.</summary>
public readonly record struct SleepPeriod(int Start, int End, int AsleepMinutes)
{
    public int TimeInBed => End - Start;
    public double EfficiencyPercent => 100.0 * AsleepMinutes / TimeInBed;
    public bool Contains(int minute) => minute >= Start && minute < End;
}

/// <summary>
/// Sleep from the night's stillness (actigraphy): a minute is asleep when the wrist is still with a
/// pulse and no steps. Still minutes join one period across restless gaps of up to 30 minutes
/// without steps on the wrist; the longest period with at least an hour asleep is the main sleep,
/// from its first to its last still minute. Efficiency = asleep / time in bed.
/// </summary>
public static class SleepDetector
{
    public const int MaxGapMinutes = 30, MinimumAsleepMinutes = 60;

    public static SleepPeriod? MainSleep(IReadOnlyList<MinuteReading> minutes)
    {
        SleepPeriod? best = null;
        int start = -1, lastStill = -1, asleep = 0;
        for (int m = 0; m <= minutes.Count; m++)
        {
            var r = m < minutes.Count ? minutes[m] : default;
            bool asleepHere = m < minutes.Count && IsAsleep(r);
            bool breaks = m == minutes.Count || r.StepsPerMinute > 0 || !r.Worn || (start >= 0 && m - lastStill > MaxGapMinutes);
            if (start >= 0 && breaks && !asleepHere)
            {
                if (asleep >= MinimumAsleepMinutes && (best == null || asleep > best.Value.AsleepMinutes))
                    best = new SleepPeriod(start, lastStill + 1, asleep);
                start = -1; asleep = 0;
            }
            if (!asleepHere) continue;
            if (start < 0) start = m;
            lastStill = m;
            asleep++;
        }
        return best;
    }

    private static bool IsAsleep(MinuteReading r) => r.Still && r.HeartRate.HasValue && r.StepsPerMinute == 0;
}
