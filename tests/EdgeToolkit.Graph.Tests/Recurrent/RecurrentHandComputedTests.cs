using EdgeToolkit.Graph.Tests.TensorOps;
using static System.Math;

namespace EdgeToolkit.Graph.Tests.Recurrent;

/// <summary>One-unit RNN, GRU and LSTM against the ONNX equations worked by hand: gate order, biases, peepholes, reverse.</summary>
public class RecurrentHandComputedTests
{
    private static double Sigmoid(double x) => 1 / (1 + Exp(-x));

    [Theory]
    [InlineData("forward")]
    [InlineData("reverse")]
    public void Rnn_two_steps(string direction)
    {
        var y = new OpRunner("RNN", 14, 2)
            .In(Make.F(Make.S(2, 1, 1), 1f, -1f)).Const(Make.F(Make.S(1, 1, 1), 0.5f)).Const(Make.F(Make.S(1, 1, 1), 0.25f))
            .Const(Make.F(Make.S(1, 2), 0.1f, 0.2f))
            .Attr("hidden_size", 1L).Attr("direction", direction).Run();
        // Bias Wb + Rb = 0.3; the reverse direction reads x = -1 first.
        double first = Tanh((direction == "forward" ? 0.5 : -0.5) + 0.3);
        double second = Tanh((direction == "forward" ? -0.5 : 0.5) + 0.25 * first + 0.3);
        var expected = direction == "forward" ? new[] { first, second } : new[] { second, first };
        Make.Close(expected.Select(v => (float)v).ToArray(), y[0]);
        Make.Close(new[] { (float)second }, y[1]);
    }

    [Fact]
    public void Lstm_step_with_peepholes_and_initial_state()
    {
        // Rows of W and R in gate order i, o, f, c; P in order i, o, f.
        var y = new OpRunner("LSTM", 14, 3)
            .In(Make.F(Make.S(1, 1, 1), 1f))
            .Const(Make.F(Make.S(1, 4, 1), 0.5f, -0.5f, 1f, 2f)).Const(Make.F(Make.S(1, 4, 1), 0.1f, 0.2f, 0.3f, 0.4f))
            .Missing().Missing()
            .In(Make.F(Make.S(1, 1, 1), 0.5f)).In(Make.F(Make.S(1, 1, 1), 0.25f))
            .Const(Make.F(Make.S(1, 3), 0.1f, 0.2f, 0.3f))
            .Attr("hidden_size", 1L).Run();
        double h0 = 0.5, c0 = 0.25;
        double i = Sigmoid(0.5 + 0.1 * h0 + 0.1 * c0);
        double f = Sigmoid(1 + 0.3 * h0 + 0.3 * c0);
        double c = f * c0 + i * Tanh(2 + 0.4 * h0);
        double o = Sigmoid(-0.5 + 0.2 * h0 + 0.2 * c);
        double h = o * Tanh(c);
        Make.Close(new[] { (float)h }, y[0]);
        Make.Close(new[] { (float)h }, y[1]);
        Make.Close(new[] { (float)c }, y[2]);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    public void Gru_step_in_both_reset_modes(long linearBeforeReset)
    {
        // Rows in gate order z, r, h; B = [Wb z r h, Rb z r h].
        var y = new OpRunner("GRU", 14, 2)
            .In(Make.F(Make.S(1, 1, 1), 0.8f))
            .Const(Make.F(Make.S(1, 3, 1), 0.5f, -0.4f, 0.3f)).Const(Make.F(Make.S(1, 3, 1), 0.2f, 0.1f, -0.6f))
            .Const(Make.F(Make.S(1, 6), 0.05f, 0.1f, 0.15f, -0.05f, 0.2f, 0.25f))
            .Missing().In(Make.F(Make.S(1, 1, 1), 0.5f))
            .Attr("hidden_size", 1L).Attr("linear_before_reset", linearBeforeReset).Run();
        double x = 0.8, h0 = 0.5;
        double z = Sigmoid(0.5 * x + 0.2 * h0 + 0.05 - 0.05);
        double r = Sigmoid(-0.4 * x + 0.1 * h0 + 0.1 + 0.2);
        double candidate = linearBeforeReset == 0
            ? Tanh(0.3 * x + -0.6 * (r * h0) + 0.25 + 0.15)
            : Tanh(0.3 * x + r * (-0.6 * h0 + 0.25) + 0.15);
        double h = (1 - z) * candidate + z * h0;
        Make.Close(new[] { (float)h }, y[1]);
    }
}
