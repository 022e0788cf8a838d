using EdgeToolkit.Graph;
using EdgeToolkit.Targets.Running;
using EdgeToolkit.Targets.Tools;

namespace EdgeToolkit.Targets.Tests;

public class ToolchainTests
{
    [Fact]
    public void EveryToolIsInstalledHere()
    {
        var statuses = Doctor.Check(Toolchain.Default);
        Assert.All(statuses, s => Assert.True(s.Present, $"{s.Name} missing"));
        Assert.All(statuses, s => Assert.False(string.IsNullOrEmpty(s.Version)));
        Assert.Null(Doctor.InstallAdvice(statuses));
    }

    [Fact]
    public void AnEmptyPathHasNoTools()
    {
        var statuses = Doctor.Check(new Toolchain(""));
        Assert.All(statuses, s => Assert.False(s.Present));
        Assert.Equal(Toolchain.InstallCommand, Doctor.InstallAdvice(statuses));
    }

    [Theory]
    [InlineData("host")]
    [InlineData("aarch64")]
    [InlineData("cortex-m4")]
    public void AMissingToolIsToolMissingWithTheInstallCommand(string target)
    {
        var e = Assert.Throws<EdgeToolkitException>(() => TargetRunner.Run(HandMadeModels.Tiny(), target, null, TestInputs.TinyCases(),
            new RunOptions { Toolchain = new Toolchain("/nonexistent-edgetk-bin") }));
        Assert.Equal(ErrorKind.ToolMissing, e.Kind);
        Assert.Contains("sudo apt-get install -y gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm qemu-user gcc-aarch64-linux-gnu libc6-dev-arm64-cross", e.Message);
    }
}
