namespace EdgeToolkit.Cli;

/// <summary>One `edgetk` subcommand.</summary>
public interface ICommand
{
    string Name { get; }
    /// <summary>One line for `edgetk help`.</summary>
    string Summary { get; }
    /// <summary>Usage text: synopsis and options.</summary>
    string Usage { get; }
    IReadOnlySet<string> ValueOptions { get; }
    IReadOnlySet<string> FlagOptions { get; }
    /// <summary>Runs the command; returns the exit code (0 ok, 1 a check failed).</summary>
    int Run(Args args, Reporter reporter);
}
