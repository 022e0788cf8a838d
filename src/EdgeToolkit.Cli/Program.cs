using EdgeToolkit.Cli;
using EdgeToolkit.Cli.Commands;
using EdgeToolkit.Graph;

var commands = new ICommand[]
{
    new InspectCommand(), new CompileCommand(), new VerifyCommand(), new DoctorCommand(), new DemoCommand(),
    new BenchmarkCommand(), new ConformanceCommand(), new OperatorsCommand(), new ProfileCommand(),
    new TrainCommand(), new EvaluateCommand(), new QuantizeCommand(), new PruneCommand(), new ControlCommand(), new FirmwareCommand(), new FlashCommand(),
    new FuzzCommand(),
}.ToDictionary(c => c.Name);

if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
{
    if (args.Length > 1 && commands.TryGetValue(args[1], out var c)) Console.WriteLine(c.Usage);
    else Help.Print(commands.Values);
    return 0;
}

if (!commands.TryGetValue(args[0], out var command))
{
    Console.Error.WriteLine($"error: unknown command '{args[0]}'. Commands: {string.Join(", ", commands.Keys)}. Run ./edgetk help.");
    return 2;
}

var rest = args.Skip(1).ToArray();
bool json = rest.Contains("--json");
var reporter = new Reporter(json);
try
{
    if (rest.Contains("--help") || rest.Contains("-h")) { Console.WriteLine(command.Usage); return 0; }
    var parsed = Args.Parse(rest, command.ValueOptions, command.FlagOptions.Append("json").ToHashSet());
    return command.Run(parsed, reporter);
}
catch (EdgeToolkitException e)
{
    reporter.Fail(e);
    return (int)e.Kind;
}
