using EdgeToolkit.Firmware.Building;
using EdgeToolkit.Graph;
using EdgeToolkit.Targets.Boards;
using EdgeToolkit.Targets.Running;
using EdgeToolkit.Targets.Tools;

namespace EdgeToolkit.Firmware.Flashing;

/// <summary>
/// Before anything is written to a board (real or emulated): the image must have been linked for
/// that board's memory map, and its measured sections must fit the board's flash and RAM.
/// </summary>
public static class ImageFit
{
    /// <summary>The ELF's sections; throws BadInput for another board's image and CheckFailed for one that does not fit.</summary>
    public static ElfSize Require(string firmwareDir, FirmwareManifest manifest, BoardDefinition board, Toolchain? tools = null)
    {
        if (board.Name != manifest.Board)
            throw new EdgeToolkitException(ErrorKind.BadInput, $"the image was built for {manifest.Board}, not {board.Name} (another memory map)",
                file: firmwareDir, hint: $"rebuild it: ./edgetk firmware build --model {manifest.Model} --board {board.Name} -o {firmwareDir}");
        var size = ElfSize.Measure((tools ?? Toolchain.Default).Require("arm-none-eabi-size"), Path.Combine(firmwareDir, "firmware.elf"));
        if (size.Flash > board.Flash.Bytes || size.Ram > board.Ram.Bytes)
            throw new EdgeToolkitException(ErrorKind.CheckFailed,
                $"the image does not fit board {board.Name}: {size.Flash} bytes of flash (the board has {board.Flash.Bytes}), " +
                $"{size.Ram} bytes of static RAM (the board has {board.Ram.Bytes})",
                file: firmwareDir, hint: "rebuild with a smaller model, or pick a board with more memory");
        return size;
    }
}
