using EdgeToolkit.Targets.Tools;

namespace EdgeToolkit.Firmware.Tests;

/// <summary>A test of the generated CMake project: skipped (with the install command) where cmake is not installed.</summary>
public sealed class CMakeFactAttribute : FactAttribute
{
    public CMakeFactAttribute()
    {
        if (Toolchain.Default.Find("cmake") == null) Skip = "cmake is not installed: scripts/setup.sh --with-test-extras installs it";
    }
}
