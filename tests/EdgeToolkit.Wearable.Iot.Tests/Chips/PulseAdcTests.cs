using EdgeToolkit.Control.Iot.Simulation;
using EdgeToolkit.Wearable.Iot.Ads1115Pulse;
using EdgeToolkit.Wearable.Iot.Features;

namespace EdgeToolkit.Wearable.Iot.Tests.Chips;

/// <summary>The PPG path: a voltage on AIN0 of the simulated ADS1115 through Iot.Device.Ads1115, then the pulse-rate estimate.</summary>
public class PulseAdcTests
{
    [Fact]
    public void PulseSensor_returns_the_pin_voltage_to_half_a_code()
    {
        double volts = 0;
        using var sensor = new PulseSensor(new SimulatedAds1115(pin => pin == 0 ? volts : 0.0));
        const double lsb = 2.048 / 32768; // +-2.048 V range: 62.5 uV
        foreach (var v in new[] { 0.0, 0.05, 0.9, 1.15, 1.234567, 2.0 })
        {
            volts = v;
            Assert.InRange(Math.Abs(sensor.ReadVolts() - v), 0, lsb / 2 + 1e-12);
        }
        volts = 1.0; // 16000 codes exactly
        Assert.Equal(1.0, sensor.ReadVolts(), 12);
    }

    [Theory]
    [InlineData(48.0)]
    [InlineData(72.0)]
    [InlineData(150.0)]
    [InlineData(178.0)]
    public void A_sampled_pulse_wave_gives_its_rate(double bpm)
    {
        // A pulse wave (narrow systolic peak, smaller dicrotic wave) at a known rate, read through the ADC at 25 Hz on virtual time.
        var clock = new VirtualSampleClock();
        double Wave(double t)
        {
            double phase = bpm / 60 * t + 0.37;
            double x = phase - Math.Floor(phase);
            return 0.9 + 0.25 * Math.Exp(-0.5 * Math.Pow((x - 0.2) / 0.12, 2)) + 0.075 * Math.Exp(-0.5 * Math.Pow((x - 0.55) / 0.08, 2));
        }
        using var sensor = new PulseSensor(new SimulatedAds1115(pin => pin == 0 ? Wave(clock.Seconds) : 0.0));
        var duty = DutyCycle.Default;
        var samples = new double[duty.SamplesPerWindow];
        for (int i = 0; i < samples.Length; i++) { clock.WaitUntil(i * duty.SamplePeriod); samples[i] = sensor.ReadVolts(); }
        var rate = PulseRate.BeatsPerMinute(samples, duty.SamplePeriod);
        Assert.NotNull(rate);
        Assert.InRange(rate!.Value, bpm - 1, bpm + 1);
    }

    [Fact]
    public void A_flat_signal_has_no_pulse()
    {
        var rng = new Random(3);
        var samples = Enumerable.Range(0, 250).Select(_ => 0.05 + 0.001 * (rng.NextDouble() - 0.5)).ToArray();
        Assert.Null(PulseRate.BeatsPerMinute(samples, 0.04));
    }
}
