using System.Text;

namespace EdgeToolkit.Onnx.Fuzzing;

/// <summary>A failing input kept on disk with a note of where it came from, so it can be re-run and debugged.</summary>
public static class Reproducer
{
    /// <returns>The path of the saved model.</returns>
    public static string Save(string folder, FuzzOutcome o, int runSeed)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FuzzCaseRunner.SourceName(o.Case));
        File.WriteAllBytes(path, o.Case.Bytes);
        var note = new StringBuilder()
            .AppendLine($"case {o.Case.Index} of the run with --seed {runSeed} (case seed {o.Case.Seed})")
            .AppendLine($"seed model: {o.Case.SeedModel}")
            .AppendLine($"mutation: {o.Case.Mutation}")
            .AppendLine($"time: {o.Ms:0} ms, allocated: {o.AllocatedBytes} bytes")
            .AppendLine($"failure: {o.Detail}")
            .AppendLine($"re-run: ./edgetk inspect {path}");
        File.WriteAllText(Path.ChangeExtension(path, ".txt"), note.ToString());
        return path;
    }
}
