using EdgeToolkit.Graph;

namespace EdgeToolkit.Targets.Tools;

/// <summary>One external tool the toolkit runs, and what it is for.</summary>
public sealed record ToolSpec(string Name, string Purpose);

/// <summary>
/// Finds the external tools on a search path (PATH unless overridden, e.g. by a test that
/// simulates a machine without them). A missing tool is a ToolMissing error with the install command.
/// </summary>
public sealed class Toolchain
{
    public const string InstallCommand =
        "sudo apt-get install -y gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm qemu-user gcc-aarch64-linux-gnu libc6-dev-arm64-cross";

    public static readonly IReadOnlyList<ToolSpec> Known = new[]
    {
        new ToolSpec("gcc", "host build"),
        new ToolSpec("size", "host footprint"),
        new ToolSpec("arm-none-eabi-gcc", "Cortex-M build"),
        new ToolSpec("arm-none-eabi-size", "Cortex-M footprint"),
        new ToolSpec("qemu-system-arm", "Cortex-M boards"),
        new ToolSpec("aarch64-linux-gnu-gcc", "AArch64 build"),
        new ToolSpec("aarch64-linux-gnu-size", "AArch64 footprint"),
        new ToolSpec("qemu-aarch64", "AArch64 runs (user mode)"),
    };

    private readonly string[] _directories;

    /// <param name="searchPath">Directories separated by ':'; null means the process's PATH.</param>
    public Toolchain(string? searchPath = null)
    {
        SearchPath = searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "";
        _directories = SearchPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
    }

    public static Toolchain Default { get; } = new();

    public string SearchPath { get; }

    /// <summary>Full path of the tool, or null when it is not on the search path.</summary>
    public string? Find(string tool)
    {
        foreach (var dir in _directories)
        {
            var candidate = Path.Combine(dir, tool);
            if (File.Exists(candidate) && IsExecutable(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>Full path of the tool; throws ToolMissing with the install command when absent.</summary>
    public string Require(string tool) =>
        Find(tool) ?? throw new EdgeToolkitException(ErrorKind.ToolMissing,
            $"required tool '{tool}' not found on PATH", hint: $"install it with: {InstallCommand}");

    private static bool IsExecutable(string path) =>
        OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
