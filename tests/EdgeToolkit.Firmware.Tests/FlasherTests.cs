using EdgeToolkit.Firmware.Building;
using EdgeToolkit.Firmware.Flashing;
using EdgeToolkit.Graph;
using EdgeToolkit.Targets.Boards;
using EdgeToolkit.Targets.Running;
using EdgeToolkit.Targets.Tools;

namespace EdgeToolkit.Firmware.Tests;

/// <summary>The flash decision on a simulated machine: a fake USB device tree and fake flashing tools on a private PATH.</summary>
public class FlasherTests
{
    private static BoardDefinition Netduino => BoardCatalog.FromRepository().Get("netduinoplus2");

    private static void AddUsbDevice(string root, string name, string vendor, string product)
    {
        var dir = Directory.CreateDirectory(Path.Combine(root, name)).FullName;
        File.WriteAllText(Path.Combine(dir, "idVendor"), vendor + "\n");
        File.WriteAllText(Path.Combine(dir, "idProduct"), product + "\n");
    }

    /// <summary>A script named like the tool that records its arguments and working folder.</summary>
    private static void AddTool(string bin, string name)
    {
        var path = Path.Combine(bin, name);
        File.WriteAllText(path, "#!/bin/sh\necho \"$(pwd) $*\" > \"$(pwd)/flashed.txt\"\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [Fact]
    public void WithoutATool_OrWithoutAProbe_TheImageGoesToTheEmulatedBoard()
    {
        using var temp = new TempFolder();
        var usb = Directory.CreateDirectory(temp["usb"]).FullName;
        var bin = Directory.CreateDirectory(temp["bin"]).FullName;
        AddUsbDevice(usb, "1-1", "046d", "c52b"); // a mouse, not a probe
        var noProbe = BoardFlasher.Plan(Netduino, new ProbeDetector(new Toolchain(bin), usb));
        Assert.False(noProbe.Real);
        Assert.Contains("dfu-util is not installed", noProbe.Reason);

        AddTool(bin, "dfu-util");
        var toolOnly = BoardFlasher.Plan(Netduino, new ProbeDetector(new Toolchain(bin), usb));
        Assert.False(toolOnly.Real);
        Assert.Contains("no probe or board is attached", toolOnly.Reason);
    }

    [Fact]
    public void WithTheToolAndAProbe_TheBoardFilesFlasherRunsInTheFirmwareFolder()
    {
        using var temp = new TempFolder();
        var usb = Directory.CreateDirectory(temp["usb"]).FullName;
        var bin = Directory.CreateDirectory(temp["bin"]).FullName;
        var fw = Directory.CreateDirectory(temp["fw"]).FullName;
        AddUsbDevice(usb, "1-2", "0483", "df11"); // STM32 in its USB DFU bootloader
        AddTool(bin, "dfu-util");
        var plan = BoardFlasher.Plan(Netduino, new ProbeDetector(new Toolchain(bin), usb));
        Assert.True(plan.Real, plan.Reason);
        Assert.Equal("dfu-util -a 0 -s 0x08000000:leave -D firmware.bin", plan.Command);
        Assert.Equal("STM32 USB DFU bootloader", plan.Probe?.Name);

        var path = Environment.GetEnvironmentVariable("PATH");
        Environment.SetEnvironmentVariable("PATH", bin + ":" + path);
        try { BoardFlasher.Flash(plan, fw); }
        finally { Environment.SetEnvironmentVariable("PATH", path); }
        Assert.Equal($"{fw} -a 0 -s 0x08000000:leave -D firmware.bin\n", File.ReadAllText(Path.Combine(fw, "flashed.txt")));
    }

    [Fact]
    public void AnImageForAnotherBoard_OrTooBigForTheBoard_IsRefused()
    {
        using var temp = new TempFolder();
        var board = BoardCatalog.FromRepository().Get("mps2-an386");
        var elf = FirmwareImage.Build(board, new[] { Path.Combine(TestFiles.CSources, "frame_echo.c"), Path.Combine(TestFiles.Runtime, "etk_frame.c"),
            Path.Combine(TestFiles.BoardCommon, "uart_cmsdk.c") }, temp.Path, new[] { "-I" + TestFiles.Runtime });
        var manifest = Manifest(board.Name);
        Assert.Equal(elf.Size, ImageFit.Require(temp.Path, manifest, board));

        var wrong = Assert.Throws<EdgeToolkitException>(() => ImageFit.Require(temp.Path, manifest with { Board = "netduinoplus2" }, board));
        Assert.Equal(ErrorKind.BadInput, wrong.Kind);
        var small = board with { Flash = board.Flash with { Bytes = elf.Size.Flash - 1 } };
        var tooBig = Assert.Throws<EdgeToolkitException>(() => ImageFit.Require(temp.Path, manifest, small));
        Assert.Equal(ErrorKind.CheckFailed, tooBig.Kind);
        Assert.Contains($"{elf.Size.Flash} bytes of flash (the board has {elf.Size.Flash - 1})", tooBig.Message);
    }

    private static FirmwareManifest Manifest(string board) => new()
    {
        App = "control", Controller = "newton", Forward = "jacobian", Board = board, Core = "cortex-m4", Model = "m", ModelName = "m", Plant = "msd",
        P = 1, M = 2, Horizon = 2, SettingsHash = 0, SettingsSource = "preset", ImageFlashBytes = 0, RamBytes = 0,
        BoardFlashBytes = 1, BoardRamBytes = 1, Text = 0, Data = 0, Bss = 0, BuildCommand = "",
    };
}
