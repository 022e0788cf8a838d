using EdgeToolkit.Graph;
using EdgeToolkit.Onnx.Fuzzing;

namespace EdgeToolkit.Onnx.Tests.Fuzzing;

/// <summary>How outcomes are judged, with stand-ins for the toolkit that misbehave on purpose.</summary>
public class FuzzCaseRunnerTests
{
    private static readonly FuzzCase Case = new(7, 123, "seed.onnx", "none", new byte[] { 1, 2, 3 });
    private static readonly string Source = FuzzCaseRunner.SourceName(Case);

    private static FuzzOutcome Run(Action<byte[], string> exercise, FuzzLimits? limits = null) =>
        new FuzzCaseRunner(limits ?? new FuzzLimits(), exercise).Run(Case);

    [Fact]
    public void A_clear_error_naming_the_file_with_a_hint_is_a_clear_error()
    {
        var o = Run((_, name) => throw new EdgeToolkitException(ErrorKind.BadInput, "bad dims", name, hint: "re-export it"));
        Assert.Equal(FuzzVerdict.ClearError, o.Verdict);
    }

    [Fact]
    public void An_error_without_a_hint_or_without_the_file_is_a_failure()
    {
        Assert.Contains("what to do", Run((_, name) => throw new EdgeToolkitException(ErrorKind.BadInput, "bad dims", name)).Detail);
        Assert.Contains("does not name the file", Run((_, _) => throw new EdgeToolkitException(ErrorKind.BadInput, "bad dims", hint: "x")).Detail);
    }

    [Fact]
    public void A_crash_wrapped_as_a_clear_error_is_still_a_failure()
    {
        var o = Run((_, name) => throw new EdgeToolkitException(ErrorKind.BadInput, "not a model", name, hint: "re-export", inner: new IndexOutOfRangeException()));
        Assert.Equal(FuzzVerdict.Failure, o.Verdict);
        Assert.Contains("hides a crash: IndexOutOfRangeException", o.Detail);
    }

    [Fact]
    public void An_unhandled_exception_is_a_failure()
    {
        var o = Run((_, _) => throw new NullReferenceException());
        Assert.Equal(FuzzVerdict.Failure, o.Verdict);
        Assert.StartsWith("NullReferenceException", o.Detail);
    }

    [Fact]
    public void A_hang_is_reported_instead_of_waited_for()
    {
        using var release = new ManualResetEventSlim();
        var o = Run((_, _) => release.Wait(), new FuzzLimits { Hang = TimeSpan.FromMilliseconds(200) });
        release.Set();
        Assert.Equal(FuzzVerdict.Failure, o.Verdict);
        Assert.StartsWith("hang", o.Detail);
    }

    [Fact]
    public void A_case_over_the_allocation_limit_is_a_failure_even_when_it_loads()
    {
        var o = Run((_, _) => GC.KeepAlive(new byte[4 << 20]), new FuzzLimits { CaseBytes = 1 << 20 });
        Assert.Equal(FuzzVerdict.Failure, o.Verdict);
        Assert.True(o.AllocatedBytes >= 4 << 20);
        Assert.Contains("allocated 4 MB (limit 1)", o.Detail);
    }

    [Fact]
    public void A_failure_is_saved_with_a_note_to_reproduce_it()
    {
        var dir = Directory.CreateTempSubdirectory("edgetk-fuzz-").FullName;
        try
        {
            var o = Run((_, _) => throw new NullReferenceException());
            var path = Reproducer.Save(dir, o, runSeed: 9);
            Assert.Equal(Case.Bytes, System.IO.File.ReadAllBytes(path));
            var note = System.IO.File.ReadAllText(Path.ChangeExtension(path, ".txt"));
            Assert.Contains("--seed 9", note);
            Assert.Contains("NullReferenceException", note);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
