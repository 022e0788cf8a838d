using EdgeToolkit.Cli.Control;
using EdgeToolkit.Graph;

namespace EdgeToolkit.Cli.Commands;

/// <summary>
/// `control simulate` (one controller, one plant and reference, closed loop on the host) and
/// `control benchmark` (Newton-Raphson against the tuned PID on the plant's standard references,
/// plus the firmware's cost on a board and the agreement of the three implementations).
/// </summary>
public sealed class ControlCommand : ICommand
{
    public string Name => "control";
    public string Summary => "closed-loop control: the Newton-Raphson controller on a learned forward model against a tuned PID";
    public string Usage => """
        usage: ./edgetk control simulate [--plant msd|tendon|hasel | --model DIR] [--controller nr|pid] [--reference chirp|steps]
                                         [--faults] [--seed N] [--settings controller.json] [--csv FILE] [--plot FILE.png] [--json]
               ./edgetk control benchmark [--plant msd|tendon|hasel | --model DIR] [--target cortex-m4] [--board B] [--host-only] [--json]

        simulate   runs the plant simulator (src/EdgeToolkit.Control) in closed loop with the controller on the host, the
                   same noise seed for every controller; --faults adds the standard fault scenario (NaN and zero readings,
                   a stale sensor, stuck actuators, a noise burst); prints RMS tracking error per tracked output and the
                   controller's counters (fallbacks by reason).
        benchmark  Newton-Raphson and PID on every standard reference (chirp, steps) and on the fault scenario; builds the
                   control firmware for the target's board and measures instructions per control step under QEMU and the
                   image's flash; runs the C, .NET and nanoFramework controllers on the same inputs and reports their largest
                   difference. --host-only skips the firmware (no cross compiler needed).
        Settings: the plant's stored preset (docs/control.md) unless --settings gives a controller.json.
        """;
    public IReadOnlySet<string> ValueOptions { get; } = new HashSet<string> { "plant", "model", "controller", "reference", "seed", "settings", "csv", "plot", "target", "board" };
    public IReadOnlySet<string> FlagOptions { get; } = new HashSet<string> { "faults", "host-only" };

    public int Run(Args args, Reporter reporter)
    {
        var sub = args.Positionals.FirstOrDefault()
            ?? throw new EdgeToolkitException(ErrorKind.BadInput, "control needs a subcommand", hint: "use ./edgetk control simulate or ./edgetk control benchmark");
        return sub switch
        {
            "simulate" => ControlSimulate.Run(args, reporter),
            "benchmark" => ControlBenchmarkRun.Run(args, reporter),
            _ => throw new EdgeToolkitException(ErrorKind.BadInput, $"unknown control subcommand '{sub}'", hint: "use simulate or benchmark"),
        };
    }
}
