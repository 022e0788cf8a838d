using EdgeToolkit.Targets.Tools;

namespace EdgeToolkit.Firmware.Flashing;

/// <summary>A debug probe or bootloader seen on USB.</summary>
public sealed record AttachedProbe(string Name, string VendorId, string ProductId, string SysfsPath);

/// <summary>
/// Cheap checks for a real board: is a flashing tool installed (openocd, pyocd, st-flash,
/// dfu-util), and is a probe attached (known USB vendor/product ids under /sys/bus/usb/devices,
/// read without running any tool or opening any device).
/// </summary>
public sealed class ProbeDetector
{
    public static readonly IReadOnlyList<string> FlashTools = new[] { "openocd", "pyocd", "st-flash", "dfu-util" };

    /// <summary>vendor:product (product "*" for any) -> what it is.</summary>
    private static readonly (string Vendor, string Product, string Name)[] KnownProbes =
    {
        ("0483", "3748", "ST-LINK/V2"), ("0483", "374b", "ST-LINK/V2-1"), ("0483", "3752", "ST-LINK/V2-1"),
        ("0483", "374e", "STLINK-V3"), ("0483", "374f", "STLINK-V3"), ("0483", "3753", "STLINK-V3"), ("0483", "3754", "STLINK-V3"),
        ("0483", "df11", "STM32 USB DFU bootloader"),
        ("0d28", "0204", "Arm DAPLink / CMSIS-DAP (micro:bit, MPS2+)"),
        ("1366", "*", "SEGGER J-Link"),
        ("1fc9", "0090", "NXP LPC-Link2 CMSIS-DAP"),
        ("2e8a", "000c", "Raspberry Pi Debug Probe (CMSIS-DAP)"),
    };

    private readonly Toolchain _tools;
    private readonly string _usbDevices;

    public ProbeDetector(Toolchain? tools = null, string usbDevices = "/sys/bus/usb/devices")
    {
        _tools = tools ?? Toolchain.Default;
        _usbDevices = usbDevices;
    }

    public IReadOnlyList<string> InstalledTools() => FlashTools.Where(t => _tools.Find(t) != null).ToList();

    public IReadOnlyList<AttachedProbe> AttachedProbes()
    {
        if (!Directory.Exists(_usbDevices)) return Array.Empty<AttachedProbe>();
        var found = new List<AttachedProbe>();
        foreach (var dev in Directory.GetDirectories(_usbDevices).Order(StringComparer.Ordinal))
        {
            var vendor = ReadId(Path.Combine(dev, "idVendor"));
            var product = ReadId(Path.Combine(dev, "idProduct"));
            if (vendor == null || product == null) continue;
            var match = KnownProbes.FirstOrDefault(p => p.Vendor == vendor && (p.Product == "*" || p.Product == product));
            if (match.Name != null) found.Add(new AttachedProbe(match.Name, vendor, product, dev));
        }
        return found;
    }

    private static string? ReadId(string path)
    {
        try { return File.Exists(path) ? File.ReadAllText(path).Trim().ToLowerInvariant() : null; }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
