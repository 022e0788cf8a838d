using System.Globalization;
using System.Text.Json;
using EdgeToolkit.Graph;
using EdgeToolkit.Targets;
using EdgeToolkit.Targets.Boards;

namespace EdgeToolkit.Firmware.Building;

/// <summary>
/// The "uart" entry of a board file: which driver (firmware/boards/common/uart_KIND.c), its base
/// address, input clock and baud rate, as the -D flags the driver reads. Read here rather than in
/// BoardDefinition because only firmware apps need it.
/// </summary>
public sealed record BoardUart(string Kind, ulong Base, long ClockHz, int Baud)
{
    public string DriverFile => $"uart_{Kind}.c";

    public IReadOnlyList<string> Defines
    {
        get
        {
            var address = string.Create(CultureInfo.InvariantCulture, $"0x{Base:X8}u");
            var baseName = Kind switch { "cmsdk" => "CMSDK_UART_BASE", "stm32" => "STM32_USART_BASE", _ => "NRF51_UART_BASE" };
            var defines = new List<string> { $"{baseName}={address}", $"UART_BAUD={Baud}u" };
            if (ClockHz > 0) defines.Add($"UART_CLOCK_HZ={ClockHz}u");
            return defines;
        }
    }

    public static readonly IReadOnlyList<string> Kinds = new[] { "cmsdk", "stm32", "nrf51" };

    public static BoardUart For(BoardDefinition board) => Read(Path.Combine(RepoPaths.Hardware, board.Name + ".json"));

    public static BoardUart Read(string boardFile)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(boardFile));
            if (!doc.RootElement.TryGetProperty("uart", out var u))
                throw new EdgeToolkitException(ErrorKind.BadInput, "the board file has no \"uart\" entry, so no firmware app can talk to it", file: boardFile,
                    hint: "add \"uart\": { \"kind\": \"cmsdk|stm32|nrf51\", \"base\": \"0x...\", \"clock_hz\": N, \"baud\": 115200 } (hardware/README.md)");
            var kind = u.GetProperty("kind").GetString()!;
            if (!Kinds.Contains(kind))
                throw new EdgeToolkitException(ErrorKind.BadInput, $"unknown uart kind '{kind}'", file: boardFile, hint: $"kinds: {string.Join(", ", Kinds)}");
            var address = u.GetProperty("base").GetString()!;
            return new BoardUart(kind, ulong.Parse(address.StartsWith("0x") ? address[2..] : address, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                u.TryGetProperty("clock_hz", out var c) ? c.GetInt64() : 0, u.TryGetProperty("baud", out var b) ? b.GetInt32() : 115200);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
            throw new EdgeToolkitException(ErrorKind.BadInput, $"invalid uart entry: {e.Message}", file: boardFile, hint: "see hardware/README.md");
        }
    }
}
