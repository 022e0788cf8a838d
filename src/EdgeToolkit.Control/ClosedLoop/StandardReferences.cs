namespace EdgeToolkit.Control.ClosedLoop;

/// <summary>
/// The benchmark (and PID tuning) references of the three plants, each starting at the plant's
/// rest outputs and reachable within the actuator limits (README.md has the figures). Steps move
/// from level to level along a minimum-jerk transition (an ideal step would need unbounded force):
/// msd: position chirp 0.1 -> 1 Hz of 0.2 m, and steps within +-0.2 m (0.5 s transitions);
/// tendon: the tip on a circle of radius 10 mm around (20, 20) mm chirped 0.1 -> 1 Hz, and tip steps within [10, 30] mm (0.4 s);
/// hasel: height steps in [1, 2.5] mm with roll and pitch moves of 0.3 deg (0.6 s), and a height chirp 0.05 -> 0.5 Hz.
/// </summary>
public static class StandardReferences
{
    public static readonly IReadOnlyList<string> Names = ["chirp", "steps"];

    public static ReferenceTrajectory Create(string plant, string reference) => (plant, reference) switch
    {
        ("msd", "chirp") => MsdChirp(),
        ("msd", "steps") => MsdSteps(),
        ("tendon", "chirp") => TendonChirp(),
        ("tendon", "steps") => TendonSteps(),
        ("hasel", "chirp") => HaselChirp(),
        ("hasel", "steps") => HaselSteps(),
        _ => throw new ArgumentException($"no reference '{reference}' for plant '{plant}' (references: {string.Join(", ", Names)}; plants: msd, tendon, hasel)"),
    };

    public static IReadOnlyList<ReferenceTrajectory> All(string plant) => Names.Select(n => Create(plant, n)).ToArray();

    // Position and velocity = d(position)/dt: the velocity reference lets the controller damp
    // (a small weight); only position counts in the tracking error.
    private static ReferenceTrajectory MsdChirp()
    {
        var chirp = new Chirp(0.1, 1.0, 20);
        return ReferenceTrajectory.Sample("chirp", 0.02, 1000, [true, false], t =>
            [0.2 * Math.Sin(chirp.Phase(t)), 0.2 * Math.Cos(chirp.Phase(t)) * chirp.AngularFrequency(t)]);
    }

    private static ReferenceTrajectory MsdSteps()
    {
        var steps = new SmoothSteps([0, 0.15, -0.1, 0.2, 0.05, -0.15, 0.1], 0.5, 2.0, 0.5);
        return ReferenceTrajectory.Sample("steps", 0.02, 650, [true, false], t => [steps.Value(t), steps.Rate(t)]);
    }

    private static ReferenceTrajectory TendonChirp()
    {
        var chirp = new Chirp(0.1, 1.0, 15);
        return ReferenceTrajectory.Sample("chirp", 0.01, 1500, [true, true, false], t =>
        {
            double ramp = SmoothStep(t / 1.0);
            return [ramp * (20 + 10 * Math.Sin(chirp.Phase(t))), ramp * (20 + 10 * Math.Cos(chirp.Phase(t))), 0];
        });
    }

    private static ReferenceTrajectory TendonSteps()
    {
        var x = new SmoothSteps([0, 15, 30, 10, 25, 20, 12, 28, 18], 0.5, 1.5, 0.4);
        var y = new SmoothSteps([0, 10, 25, 30, 10, 20, 28, 15, 22], 0.5, 1.5, 0.4);
        return ReferenceTrajectory.Sample("steps", 0.01, 1250, [true, true, false], t => [x.Value(t), y.Value(t), 0]);
    }

    private static ReferenceTrajectory HaselSteps()
    {
        var height = new SmoothSteps([0, 1.0, 2.0, 1.5, 2.5, 1.2, 1.8, 2.2], 0.5, 1.7, 0.6);
        var roll = new SmoothSteps([0, 0, 0.3, 0.3, -0.3, 0, 0.2, 0], 0.5, 1.7, 0.6);
        var pitch = new SmoothSteps([0, 0, 0, -0.3, 0.3, 0.3, -0.2, 0], 0.5, 1.7, 0.6);
        return ReferenceTrajectory.Sample("steps", 0.01, 1250, [true, true, true], t => [height.Value(t), roll.Value(t), pitch.Value(t)]);
    }

    private static ReferenceTrajectory HaselChirp()
    {
        var chirp = new Chirp(0.05, 0.5, 15);
        return ReferenceTrajectory.Sample("chirp", 0.01, 1500, [true, true, true], t =>
        {
            double ramp = SmoothStep(t / 1.5);
            return [ramp * (1.6 + 0.5 * Math.Sin(chirp.Phase(t))), ramp * 0.2 * Math.Sin(0.5 * chirp.Phase(t)), ramp * 0.2 * Math.Cos(0.5 * chirp.Phase(t)) - 0.2 * ramp];
        });
    }

    private static double SmoothStep(double x) => x <= 0 ? 0 : x >= 1 ? 1 : x * x * (3 - 2 * x);

    /// <summary>A linear frequency sweep f0 -> f1 over `duration` seconds, held at f1 afterwards.</summary>
    private readonly record struct Chirp(double F0, double F1, double Duration)
    {
        public double Frequency(double t) => F0 + (F1 - F0) * Math.Min(t, Duration) / Duration;
        public double AngularFrequency(double t) => 2 * Math.PI * Frequency(t);
        public double Phase(double t) => t <= Duration
            ? 2 * Math.PI * (F0 * t + (F1 - F0) * t * t / (2 * Duration))
            : 2 * Math.PI * (F0 * Duration + (F1 - F0) * Duration / 2 + F1 * (t - Duration));
    }
}
