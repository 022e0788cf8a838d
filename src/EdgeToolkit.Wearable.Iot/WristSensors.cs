using System.Device.I2c;
using System.Numerics;
using EdgeToolkit.Wearable.Iot.Ads1115Pulse;
using EdgeToolkit.Wearable.Iot.Features;
using EdgeToolkit.Wearable.Iot.Mpu6050Motion;
using EdgeToolkit.Wearable.Iot.Wearer;

namespace EdgeToolkit.Wearable.Iot;

/// <summary>
/// The wrist's sensors through the real .NET IoT bindings: an MPU-6050 accelerometer and a PPG
/// pulse sensor on an ADS1115. Each minute, one burst (DutyCycle: 10 s at 25 Hz by default) reads
/// both at every sample tick; a day is 1,440 bursts turned into the model's 18 columns.
/// </summary>
public sealed class WristSensors : IDisposable
{
    public const int MinutesPerDay = 1440;

    private readonly CountingI2cDevice _accelBus, _pulseBus;
    private readonly WristMotion _motion;
    private readonly PulseSensor _pulse;
    private readonly ISampleClock _clock;
    private readonly Vector3[] _accel;
    private readonly double[] _ppg;
    private double _dayStart;

    /// <param name="accel">The MPU-6050 (address 0x68).</param>
    /// <param name="pulseAdc">The ADS1115 with the PPG sensor on AIN0 (address 0x48).</param>
    /// <param name="clock">Sampling time base; wall-clock by default.</param>
    /// <param name="estimateSleepScore">Estimate the sleep score (DayFeatures) or report it as not recorded.</param>
    public WristSensors(I2cDevice accel, I2cDevice pulseAdc, WearerProfile profile, ISampleClock? clock = null,
        DutyCycle? dutyCycle = null, bool estimateSleepScore = true)
    {
        Profile = profile;
        DutyCycle = dutyCycle ?? DutyCycle.Default;
        EstimateSleepScore = estimateSleepScore;
        _clock = clock ?? new RealTimeSampleClock();
        _accelBus = new CountingI2cDevice(accel);
        _pulseBus = new CountingI2cDevice(pulseAdc);
        _motion = new WristMotion(_accelBus);
        _pulse = new PulseSensor(_pulseBus);
        _accel = new Vector3[DutyCycle.SamplesPerWindow];
        _ppg = new double[DutyCycle.SamplesPerWindow];
        _dayStart = Math.Ceiling(_clock.Seconds / 60) * 60;
    }

    public WearerProfile Profile { get; }
    public DutyCycle DutyCycle { get; }
    public bool EstimateSleepScore { get; }

    /// <summary>Senses the next 1,440 minutes (the night ending this morning, then the waking day) as <paramref name="date"/>.</summary>
    public SensedDay SenseDay(DateOnly date)
    {
        long transfersBefore = _accelBus.Transfers + _pulseBus.Transfers;
        var minutes = new MinuteReading[MinutesPerDay];
        int steps = 0;
        for (int m = 0; m < MinutesPerDay; m++)
        {
            minutes[m] = SenseMinute(_dayStart + 60.0 * m, out int burstSteps);
            steps += burstSteps;
        }
        _dayStart += 60.0 * MinutesPerDay;

        var columns = DayFeatures.Columns(minutes, Profile, EstimateSleepScore, out var sleep);
        long samples = (long)MinutesPerDay * DutyCycle.SamplesPerWindow;
        var stats = new SensingStats(samples, samples, _accelBus.Transfers + _pulseBus.Transfers - transfersBefore, steps,
            minutes.Count(r => r.Worn), minutes.Count(r => r.HeartRate.HasValue), sleep?.AsleepMinutes ?? 0, sleep?.TimeInBed ?? 0);
        return new SensedDay(date, columns, stats, minutes);
    }

    /// <summary>One burst from <paramref name="start"/> (seconds on the clock): steps scaled to the minute, movement, pulse rate.</summary>
    public MinuteReading SenseMinute(double start, out int burstSteps)
    {
        double period = DutyCycle.SamplePeriod;
        for (int i = 0; i < _accel.Length; i++)
        {
            _clock.WaitUntil(start + i * period);
            _accel[i] = _motion.ReadG();
            _ppg[i] = _pulse.ReadVolts();
        }
        burstSteps = StepCounter.CountSteps(_accel, period);
        return new MinuteReading(burstSteps * 60.0 / DutyCycle.WindowSeconds, StepCounter.Movement(_accel), PulseRate.BeatsPerMinute(_ppg, period));
    }

    public void Dispose()
    {
        _motion.Dispose();
        _pulse.Dispose();
    }
}
