using System.Globalization;
using System.Text.Json;
using EdgeToolkit.Graph;

namespace EdgeToolkit.Targets.Boards;

/// <summary>Reads one board file (hardware/README.md describes the fields).</summary>
public static class BoardFile
{
    public static BoardDefinition Read(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            return Parse(doc.RootElement);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
            throw new EdgeToolkitException(ErrorKind.BadInput, $"invalid board definition: {e.Message}", file: path,
                hint: "see hardware/README.md for the fields of a board file");
        }
    }

    private static BoardDefinition Parse(JsonElement r)
    {
        var timer = r.GetProperty("timer");
        var cpi = r.GetProperty("cycles_per_instruction");
        return new BoardDefinition
        {
            Name = r.GetProperty("name").GetString()!,
            Description = r.GetProperty("description").GetString()!,
            Core = r.GetProperty("core").GetString()!,
            Fpu = r.TryGetProperty("fpu", out var fpu) && fpu.ValueKind == JsonValueKind.String ? fpu.GetString() : null,
            ClockHz = r.GetProperty("clock_hz").GetInt64(),
            Flash = Region(r.GetProperty("flash")),
            Ram = Region(r.GetProperty("ram")),
            QemuMachine = r.GetProperty("qemu_machine").GetString()!,
            Timer = new BoardTimer(timer.GetProperty("kind").GetString()!, timer.GetProperty("hz").GetInt64(),
                timer.TryGetProperty("base", out var b) ? Address(b) : null),
            GccFlags = r.GetProperty("gcc_flags").EnumerateArray().Select(f => f.GetString()!).ToList(),
            CyclesPerInstruction = (cpi.GetProperty("min").GetDouble(), cpi.GetProperty("max").GetDouble()),
            ActivePower = r.TryGetProperty("active_power", out var p)
                ? new ActivePower(p.GetProperty("mw").GetDouble(), p.GetProperty("at_hz").GetInt64(),
                    p.TryGetProperty("source", out var s) ? s.GetString() ?? "" : "")
                : null,
            Flasher = r.GetProperty("flasher").GetString()!,
        };
    }

    private static MemoryRegion Region(JsonElement e) => new(Address(e.GetProperty("origin")), e.GetProperty("bytes").GetInt64());

    /// <summary>Addresses are written as "0x..." strings (readable) or plain numbers.</summary>
    private static ulong Address(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Number) return e.GetUInt64();
        var s = e.GetString()!;
        return s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.Parse(s[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : ulong.Parse(s, CultureInfo.InvariantCulture);
    }
}
