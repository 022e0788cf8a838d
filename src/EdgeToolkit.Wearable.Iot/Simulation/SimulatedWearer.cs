using EdgeToolkit.Control.Iot.Simulation;
using EdgeToolkit.Wearable.Iot.Features;
using EdgeToolkit.Wearable.Iot.Wearer;

namespace EdgeToolkit.Wearable.Iot.Simulation;

/// <summary>
/// A wearer and a watch without hardware: the day's schedule (DaySchedule) drives the wrist's
/// signals (WristSignals) into a register-level MPU-6050 and ADS1115, read through the real
/// bindings by WristSensors on virtual time.
/// </summary>
public static class SimulatedWearer
{
    public const double SecondsPerDay = 86400;

    /// <summary>One day: the returned sensors' first SenseDay senses it.</summary>
    public static WristSensors Wire(WearerProfile profile, WearerDay truth, int seed, DutyCycle? dutyCycle = null, bool estimateSleepScore = true) =>
        WireDays(profile, [truth], seed, dutyCycle, estimateSleepScore);

    /// <summary>
    /// Consecutive days on one watch: day i (schedule and noise seeded with seed + i, as Wire(days[i], seed + i))
    /// is what the (i+1)-th SenseDay senses. The bindings are set up once (their power-up sleeps 200 ms of real time).
    /// </summary>
    public static WristSensors WireDays(WearerProfile profile, IReadOnlyList<WearerDay> days, int seed, DutyCycle? dutyCycle = null, bool estimateSleepScore = true)
    {
        if (days.Count == 0) throw new ArgumentException("at least one day", nameof(days));
        var signals = days.Select((d, i) => new WristSignals(DaySchedule.Build(profile, d, seed + i), seed + i)).ToArray();
        var clock = new VirtualSampleClock();
        (WristSignals Day, double Seconds) Now()
        {
            int d = Math.Clamp((int)Math.Floor(clock.Seconds / SecondsPerDay), 0, signals.Length - 1);
            return (signals[d], clock.Seconds - d * SecondsPerDay);
        }
        var imu = new SimulatedMpu6050(() => { var (day, t) = Now(); return day.Acceleration(t); });
        // The conversion is done by the binding's first status poll: its busy-wait spins 2 us of real time per poll.
        var adc = new SimulatedAds1115(pin => { if (pin != 0) return 0.0; var (day, t) = Now(); return day.PulseVolts(t); }, pollsPerConversion: 0);
        return new WristSensors(imu, adc, profile, clock, dutyCycle, estimateSleepScore);
    }
}
