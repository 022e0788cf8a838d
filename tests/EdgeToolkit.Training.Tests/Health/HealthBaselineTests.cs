using EdgeToolkit.Training.Health;

namespace EdgeToolkit.Training.Tests.Health;

public class HealthBaselineTests
{
    [Fact]
    public void LogisticRegressionSolvesASeparableToyAndReachesTheStationaryPoint()
    {
        // Two classes on a line: x in {-2, -1} is class 0, x in {1, 2} is class 1.
        var x = new List<float[]> { new[] { -2f }, new[] { -1f }, new[] { 1f }, new[] { 2f } };
        var y = new List<int> { 0, 0, 1, 1 };
        const double l2 = 0.05;
        var m = LogisticRegression.Train(x, y, 2, l2, 2000);
        Assert.Equal(y, x.Select(m.Predict));
        // Symmetric data: the two classes' weights are opposite and the biases equal.
        Assert.Equal(0, m.Weights[0] + m.Weights[1], 6);
        Assert.Equal(m.Bias[0], m.Bias[1], 6);
        // Optimality, by hand: mean((p1 - y) x) + l2 w1 = 0 at the minimum.
        var p = new double[2];
        double g = 0;
        for (int i = 0; i < 4; i++) { m.Probabilities(x[i], p); g += (p[1] - y[i]) * x[i][0]; }
        Assert.Equal(0, g / 4 + l2 * m.Weights[1], 5);
        Assert.True(m.Weights[1] > 0.5, "class 1's weight must grow with x");
    }

    [Fact]
    public void MacroF1MatchesAHandComputedExample()
    {
        int[] truth = { 0, 0, 1, 1, 2, 2 }, predicted = { 0, 1, 1, 1, 0, 2 };
        // class 0: tp 1 fp 1 fn 1 -> 0.5; class 1: tp 2 fp 1 fn 0 -> 0.8; class 2: tp 1 fp 0 fn 1 -> 2/3
        Assert.Equal((0.5 + 0.8 + 2.0 / 3) / 3, ClassificationMetrics.MacroF1(truth, predicted, 3), 12);
        Assert.Equal(4.0 / 6, ClassificationMetrics.Accuracy(truth, predicted), 12);
    }

    [Fact]
    public void PersonSplitIsDisjointAndCoversEveryone()
    {
        var people = Enumerable.Range(1, 60).Select(i => $"g{i:D3}").ToList();
        var s = PersonSplit.Make(people, 1);
        Assert.Equal((40, 8, 12), (s.Train.Count, s.Validation.Count, s.Test.Count));
        Assert.Empty(s.Train.Intersect(s.Test));
        Assert.Empty(s.Train.Intersect(s.Validation));
        Assert.Empty(s.Validation.Intersect(s.Test));
        Assert.Equal(people.OrderBy(p => p), s.Train.Concat(s.Validation).Concat(s.Test).OrderBy(p => p));
        Assert.Equal(s.Test, PersonSplit.Make(people.AsEnumerable().Reverse(), 1).Test); // order of the input does not matter
    }

    [Fact]
    public void WindowsOfEachPartComeOnlyFromThatPartsPeople()
    {
        var data = new HealthDataSpec(3, 15, 40, 7, null).Load();
        Assert.All(data.Train, w => Assert.Contains(w.Person, data.Split.Train));
        Assert.All(data.Validation, w => Assert.Contains(w.Person, data.Split.Validation));
        Assert.All(data.Test, w => Assert.Contains(w.Person, data.Split.Test));
        Assert.NotEmpty(data.Test);
    }
}
