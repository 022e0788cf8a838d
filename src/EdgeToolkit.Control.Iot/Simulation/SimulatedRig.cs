using EdgeToolkit.Control.Iot.Loop;
using EdgeToolkit.Control.Iot.Wiring;
using EdgeToolkit.Control.Plants;
using Iot.Device.Ads1115;

namespace EdgeToolkit.Control.Iot.Simulation;

/// <summary>
/// A plant wired to a simulated ADS1115 and PCA9685 as the wiring says: at every period boundary
/// of the virtual clock the plant steps under the commands the PWM duty cycles stand for (the
/// 12-bit duty quantisation included), and each wired ADC input carries the transducer voltage
/// of the latest measurement (the ADC adds its 16-bit quantisation when it converts).
/// </summary>
public sealed class SimulatedRig
{
    private readonly IoWiring _wiring;
    private readonly int[] _outputOnPin = [-1, -1, -1, -1];
    private readonly double[] _commands;

    public SimulatedRig(IPlant plant, IoWiring wiring, VirtualClock clock, int busId = 1,
        int adcAddress = SimulatedAds1115.DefaultAddress, int pwmAddress = SimulatedPca9685.DefaultAddress)
    {
        if (wiring.Outputs.Count != plant.Spec.OutputCount) throw new ArgumentException($"the wiring has {wiring.Outputs.Count} outputs, the plant {plant.Spec.OutputCount}");
        if (wiring.Commands.Count != plant.Spec.InputCount) throw new ArgumentException($"the wiring has {wiring.Commands.Count} commands, the plant {plant.Spec.InputCount}");
        for (int o = 0; o < wiring.Outputs.Count; o++)
        {
            var input = wiring.Outputs[o].Input;
            if (input < InputMultiplexer.AIN0) throw new ArgumentException($"output {o}: the simulated rig wires single-ended inputs only, not {input}");
            _outputOnPin[input - InputMultiplexer.AIN0] = o;
        }
        Plant = plant;
        _wiring = wiring;
        _commands = plant.Spec.Inputs.Select(c => c.Initial).ToArray();
        Adc = new SimulatedAds1115(PinVolts, busId, adcAddress);
        Pwm = new SimulatedPca9685(busId, pwmAddress);
        clock.PeriodElapsed += StepPlant;
    }

    public IPlant Plant { get; }
    public SimulatedAds1115 Adc { get; }
    public SimulatedPca9685 Pwm { get; }
    /// <summary>The commands the plant received at the last boundary, as the duty cycles encoded them.</summary>
    public IReadOnlyList<double> Commands => _commands;

    private double PinVolts(int pin)
    {
        int o = _outputOnPin[pin];
        return o < 0 ? 0 : _wiring.Outputs[o].Calibration.ToVolts(Plant.Measured[o]);
    }

    private void StepPlant()
    {
        for (int i = 0; i < _commands.Length; i++)
        {
            var output = _wiring.Commands[i];
            _commands[i] = output.Mapping.Command(Pwm.DutyCycle(output.Channel));
        }
        Plant.Step(_commands);
    }
}
