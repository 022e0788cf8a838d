using EdgeToolkit.Graph;
using Xunit.Abstractions;

namespace EdgeToolkit.Quantization.Tests.Dense;

/// <summary>
/// Instructions per inference of int8 against float32 builds of the same models (printed for
/// reports, no timing asserts): the example MLPs on Cortex-M4 (issue budgets: int8 at most 0.6x
/// float and within 1.5x of hand-optimised int8 C, i.e. 3,147 and 10,894 instructions) and two
/// zoo models on Cortex-M0 (the issue asks for 10x fewer instructions in int8). Each run also
/// checks the C against the reference evaluator, bit for bit, on its cases.
/// </summary>
public class DenseFigures(ITestOutputHelper log)
{
    [Theory]
    [InlineData("mlp-tanh", "cortex-m4", 2098)]
    [InlineData("mlp-relu", "cortex-m4", 8044)]
    public void ExampleMlpInt8AgainstFloat(string name, string target, int handInt8)
    {
        var model = DenseRuns.Example(name);
        var (int8, fp32) = Compare(model, target, range: 1f);
        log.WriteLine($"{name} on {target}: int8 {int8:N0} vs float32 {fp32:N0} instructions ({(double)int8 / fp32:0.00}x float; " +
                      $"budget min(0.6x float, 1.5x hand-optimised {handInt8:N0}) = {Math.Min(0.6 * fp32, 1.5 * handInt8):N0})");
    }

    [Theory]
    [InlineData("control-msd", 1f)]
    [InlineData("health-events", 1f)]
    public void ZooModelInt8AgainstFloatOnCortexM0(string name, float range)
    {
        var model = DenseRuns.Zoo(name);
        var (int8, fp32) = Compare(model, "cortex-m0", range);
        log.WriteLine($"{name} on cortex-m0: int8 {int8:N0} vs float32 {fp32:N0} instructions: {(double)fp32 / int8:0.0}x fewer in int8 (issue: >= 10x)");
    }

    private (long Int8, long Float) Compare(ModelGraph model, string target, float range)
    {
        var qdq = DenseRuns.QuantizeForTest(model, range: range);
        var lowered = DenseRuns.Optimised(qdq);
        log.WriteLine(string.Join(" ", DenseRuns.Ops(lowered)));
        var cases = DenseQdq.RandomInputs(model, 3, seed: 5, range);
        var int8 = DenseRuns.Run(lowered, target, cases);
        DenseAssert.BitExact(lowered, cases, int8.Outputs);
        var fp32 = DenseRuns.Run(DenseRuns.Optimised(model), target, cases);
        return (int8.InstructionsPerInference!.Value, fp32.InstructionsPerInference!.Value);
    }
}
