namespace EdgeToolkit.Control.Iot.Sensors;

/// <summary>
/// A transducer's straight line between its output voltage and the quantity it measures:
/// volts = VoltsAtZero + VoltsPerUnit * value (value in the forward model's units).
/// </summary>
public sealed record LinearCalibration(double VoltsAtZero, double VoltsPerUnit)
{
    /// <summary>From two calibration points (voltage read at two known positions), the usual bench procedure.</summary>
    public static LinearCalibration FromTwoPoints(double volts1, double value1, double volts2, double value2)
    {
        if (value1 == value2) throw new ArgumentException("the two calibration points need different values");
        double slope = (volts2 - volts1) / (value2 - value1);
        if (slope == 0) throw new ArgumentException("the two calibration points have the same voltage: the transducer does not respond");
        return new LinearCalibration(volts1 - slope * value1, slope);
    }

    /// <summary>The calibration that spans [lo, hi] of the quantity over [voltsLo, voltsHi].</summary>
    public static LinearCalibration Span(double lo, double hi, double voltsLo, double voltsHi) => FromTwoPoints(voltsLo, lo, voltsHi, hi);

    public double ToValue(double volts) => (volts - VoltsAtZero) / VoltsPerUnit;
    public double ToVolts(double value) => VoltsAtZero + VoltsPerUnit * value;
}
