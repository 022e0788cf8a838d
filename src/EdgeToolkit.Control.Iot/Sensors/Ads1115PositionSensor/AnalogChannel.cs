using Iot.Device.Ads1115;

namespace EdgeToolkit.Control.Iot.Sensors;

/// <summary>One measured output: the ADC input its transducer is wired to, and the transducer's calibration.</summary>
public sealed record AnalogChannel(InputMultiplexer Input, LinearCalibration Calibration);
