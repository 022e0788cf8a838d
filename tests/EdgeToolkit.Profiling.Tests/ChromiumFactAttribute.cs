namespace EdgeToolkit.Profiling.Tests;

/// <summary>A fact that needs Debian's chromium for headless screenshots; skipped with the install command where it is absent.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string Chromium = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(Chromium)) Skip = $"{Chromium} is not installed: apt-get install -y chromium to screenshot the HTML report";
    }
}
