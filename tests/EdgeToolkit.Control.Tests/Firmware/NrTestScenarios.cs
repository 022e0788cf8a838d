using EdgeToolkit.Control.Runtime;

namespace EdgeToolkit.Control.Tests.Firmware;

/// <summary>
/// The scripted scenarios every target runs (one build and one run per target). Two commands and two
/// outputs unless stated: p = 2 makes the LDL^T solve a real 2 x 2 one. The numbers are chosen so that
/// no decision (a bound, a threshold, the stopping test) sits near its edge.
/// </summary>
public static class NrTestScenarios
{
    /// <summary>Features u(k-1)[0..1], u(k-2)[0..1], y(k)[0..1], y(k-1)[0..1] of a stable two-input, two-output plant.</summary>
    public static readonly float[] A =
    [
        0.30f, 0.10f, 0.05f, -0.02f, 0.60f, 0.05f, 0.10f, -0.03f,
        -0.08f, 0.25f, 0.01f, 0.04f, 0.02f, 0.50f, -0.04f, 0.15f,
    ];
    public static readonly float[] B = [0.02f, -0.01f];

    /// <summary>D = 2, Lu = 2, Ly = 3: features u(k-2), u(k-3), y(k), y(k-1), y(k-2).</summary>
    public static readonly float[] ALongDelay =
    [
        0.25f, 0.08f, 0.06f, -0.02f, 0.50f, 0.04f, 0.12f, -0.03f, 0.05f, 0.01f,
        -0.06f, 0.22f, 0.02f, 0.05f, 0.03f, 0.45f, -0.02f, 0.12f, 0.01f, 0.06f,
    ];

    public static ControllerSettings Settings(int delay = 1, int inputLags = 2, int outputLags = 2, int horizon = 1,
        float barrier = 0f, float[]? rate = null, float[]? q = null, float[]? lambda = null, FallbackMode fallback = FallbackMode.Hold,
        int maxIterations = 1, float tolerance = 1e-4f, int mismatchSteps = 50) => new()
    {
        P = 2, M = 2, Delay = delay, InputLags = inputLags, OutputLags = outputLags, Horizon = horizon,
        MaxIterations = maxIterations, Tolerance = tolerance, Period = 0.05f, Barrier = barrier, DisturbanceGain = 0.3f,
        Lo = [-2f, -1f], Hi = [2f, 3f], Rate = rate ?? [10f, 10f], UInitial = [0f, 0.5f],
        Lambda = lambda ?? [0.2f, 0.1f], Q = q ?? [1f, 0.5f], YScale = [1f, 2f],
        YValidLo = [-3f, -5f], YValidHi = [3f, 5f],
        SensorHoldMax = 3, MismatchSteps = mismatchSteps, MismatchThreshold = 0.2f, Fallback = fallback,
        PidOutput = [0, 1], Kp = [1.5f, 0.8f], Ki = [2f, 1f], Kd = [0.05f, 0.02f], Tf = [0.05f, 0.1f],
        U0 = [0f, 0.5f], Mix = [1f, 0.2f, 0f, 1f],
    };

    /// <summary>Small deterministic "noise" on the readings so that the disturbance estimate d moves.</summary>
    private static float[][] Offsets(int steps, Func<int, float[]?>? special = null) =>
        Enumerable.Range(0, steps).Select(k => special?.Invoke(k) ?? [0.01f * ((k * 7 % 5) - 2), -0.008f * ((k * 3 % 4) - 1.5f)]).ToArray();

    /// <summary>Reference rows for y(k+D+1) .. y(k+D+N): piecewise constant targets, the row index nudging them.</summary>
    private static float[][] Refs(int steps, int horizon, Func<int, (float, float)> target) =>
        Enumerable.Range(0, steps).Select(k => Enumerable.Range(0, horizon)
            .SelectMany(j => { var (a, b) = target(k + j); return new[] { a, b }; }).ToArray()).ToArray();

    private static (float, float) Moderate(int k) => k < 4 ? (0.5f, 0.3f) : k < 8 ? (0.65f, 0.1f) : (0.35f, 0.4f);

    public static readonly NrScenario NewtonH1 = new()
    {
        Name = "newton-h1", Settings = Settings(), A = A, B = B, ClosedLoop = true, YStart = [0.1f, -0.05f],
        Readings = Offsets(12), Refs = Refs(12, 1, Moderate),
    };

    public static readonly NrScenario NewtonH3D2 = new()
    {
        Name = "newton-h3-d2", Settings = Settings(delay: 2, outputLags: 3, horizon: 3), A = ALongDelay, B = B, ClosedLoop = true,
        YStart = [0.1f, -0.05f], Readings = Offsets(12), Refs = Refs(12, 3, Moderate),
    };

    /// <summary>Slow slew rates and a reference beyond reach: the rate window binds, then the upper limit.</summary>
    public static readonly NrScenario Projection = new()
    {
        Name = "projection", Settings = Settings(rate: [0.3f, 0.25f]), A = A, B = B, ClosedLoop = true, YStart = [0f, 0f],
        Readings = Offsets(16), Refs = Refs(16, 1, k => k < 12 ? (2.9f, 0.8f) : (0.2f, 0.4f)),
    };

    /// <summary>A barrier that matters (references near the limits) and several Newton iterations per period.</summary>
    public static readonly NrScenario BarrierIterations = new()
    {
        Name = "barrier-iterations", Settings = Settings(horizon: 2, barrier: 0.02f, maxIterations: 5, tolerance: 1e-5f),
        A = A, B = B, ClosedLoop = true, YStart = [0f, 0f],
        Readings = Offsets(10), Refs = Refs(10, 2, k => k < 5 ? (2.2f, 1.6f) : (-1.6f, -0.3f)),
    };

    /// <summary>NaN readings in periods 3..9 (three substituted, then the sensor fallback), an out-of-range one in 12.</summary>
    public static readonly NrScenario Sensor = new()
    {
        Name = "sensor", Settings = Settings(barrier: 1e-4f), A = A, B = B, ClosedLoop = true, YStart = [0.1f, 0f],
        Readings = Offsets(16, k => k is >= 3 and <= 9 ? [float.NaN, 0f] : k == 12 ? [0f, 100f] : null),
        Refs = Refs(16, 1, Moderate),
    };

    /// <summary>Readings 1.5 off on output 0 in periods 4..9: mismatch, the PID takes over, Newton returns.</summary>
    public static readonly NrScenario Mismatch = new()
    {
        Name = "mismatch", Settings = Settings(barrier: 1e-4f, fallback: FallbackMode.Pid, mismatchSteps: 3), A = A, B = B,
        ClosedLoop = true, YStart = [0f, 0f],
        Readings = Offsets(18, k => k is >= 4 and <= 9 ? [1.5f, 0f] : null), Refs = Refs(18, 1, Moderate),
    };

    /// <summary>No output weight, no move suppression, no barrier: H = 0, every period falls back to the PID.</summary>
    public static readonly NrScenario Singular = new()
    {
        Name = "singular", Settings = Settings(q: [0f, 0f], lambda: [0f, 0f], fallback: FallbackMode.Pid), A = A, B = B,
        Readings = Enumerable.Range(0, 8).Select(k => new[] { 0.1f * k, 0.4f - 0.05f * k }).ToArray(), Refs = Refs(8, 1, Moderate),
    };

    /// <summary>The model returns NaN (3, 4), NaN from the Jacobian only (7), and finite nonsense (10).</summary>
    public static readonly NrScenario Diverged = new()
    {
        Name = "diverged", Settings = Settings(barrier: 1e-4f), A = A, B = B, ClosedLoop = true, YStart = [0f, 0f],
        Readings = Offsets(14), Refs = Refs(14, 1, Moderate),
        Faults = Enumerable.Range(0, 14).Select(k => k switch
        {
            3 or 4 => ModelFault.NaN, 7 => ModelFault.NaNJacobian, 10 => ModelFault.Huge, _ => ModelFault.None,
        }).ToArray(),
    };

    /// <summary>D = 0 is not a configuration the page allows.</summary>
    public static readonly NrScenario NoDelay = new()
    {
        Name = "no-delay", Settings = Settings(delay: 0), A = A, B = B, Readings = [[0f, 0f]], Refs = [[0f, 0f]],
    };

    /// <summary>The mass-spring-damper's size (p = 1, m = 2, Lu = 3, Ly = 2, N = 2), timed in its last period.</summary>
    public static readonly NrScenario MsdSizedCost = new()
    {
        Name = "msd-cost",
        Settings = new ControllerSettings
        {
            P = 1, M = 2, Delay = 1, InputLags = 3, OutputLags = 2, Horizon = 2, Period = 0.02f, DisturbanceGain = 0.1f,
            Lo = [-10f], Hi = [10f], Rate = [10f], UInitial = [0f], Lambda = [0.01f], Q = [1f, 0.02f], YScale = [1.3f, 4.8f],
            YValidLo = [-1.3f, -5f], YValidHi = [1.3f, 5f], PidOutput = [0], Kp = [30f], Ki = [40f], Kd = [2f], Tf = [0.02f],
            U0 = [0f], Mix = [1f],
        },
        A = [0.004f, 0.001f, 0.0005f, 1.75f, 0.019f, -0.79f, 0.0f, 0.18f, 0.05f, 0.01f, -1.2f, 0.88f, 0.3f, -0.1f], B = [0f, 0f],
        Readings = Enumerable.Range(0, 6).Select(k => new[] { 0.01f * k, 0.05f }).ToArray(),
        Refs = Enumerable.Range(0, 6).Select(_ => new[] { 0.2f, 0f, 0.2f, 0f }).ToArray(),
        Measure = true,
    };

    /// <summary>One loop, numbers small enough to follow by hand (PidFirmwareTests does).</summary>
    public static readonly NrPidScenario PidHand = new()
    {
        Name = "pid-hand",
        Settings = new ControllerSettings
        {
            P = 1, M = 1, Delay = 1, InputLags = 1, OutputLags = 1, Horizon = 1, Period = 0.1f,
            Lo = [-2f], Hi = [2f], Rate = [1.5f], UInitial = [0f], Lambda = [0f], Q = [1f], YScale = [1f], YValidLo = [-10f], YValidHi = [10f],
            PidOutput = [0], Kp = [2f], Ki = [5f], Kd = [0.1f], Tf = [0.05f], U0 = [0f], Mix = [1f],
        },
        Readings = [[0f], [0.2f], [0.5f]],
        Refs = [[1f], [1f], [1f]],
        Sent = [[float.NaN], [float.NaN], [0.3f]],
    };

    /// <summary>Two loops mixed over two commands (one loop without integral action), clipping both ways, and sent commands that differ.</summary>
    public static readonly NrPidScenario PidMix = new()
    {
        Name = "pid-mix",
        Settings = new ControllerSettings
        {
            P = 2, M = 3, Delay = 1, InputLags = 1, OutputLags = 1, Horizon = 1, Period = 0.02f,
            Lo = [-1f, 0f], Hi = [1f, 4f], Rate = [0.3f, 0.5f], UInitial = [0f, 1f], Lambda = [0f, 0f], Q = [1f, 1f, 1f], YScale = [1f, 1f, 1f],
            YValidLo = [-10f, -10f, -10f], YValidHi = [10f, 10f, 10f],
            PidOutput = [2, 0], Kp = [0.8f, 0.5f], Ki = [3f, 0f], Kd = [0.02f, 0.01f], Tf = [0.03f, 0f], U0 = [0.1f, 1f], Mix = [1f, 0.5f, -0.4f, 1f],
        },
        Readings = Enumerable.Range(0, 14).Select(k => new[] { 0.3f - 0.04f * k, 9f, 0.05f * k * (k % 3 - 1) }).ToArray(),
        Refs = Enumerable.Range(0, 14).Select(k => new[] { k < 7 ? 1.5f : -0.5f, 0f, k < 5 ? 0.8f : -0.6f }).ToArray(),
        Sent = Enumerable.Range(0, 14).Select(k => k % 4 == 3 ? new[] { 0.2f, 2.5f } : new[] { float.NaN, float.NaN }).ToArray(),
    };

    public static readonly IReadOnlyList<NrPidScenario> AllPid = [PidHand, PidMix];

    public static readonly IReadOnlyList<NrScenario> All =
        [NewtonH1, NewtonH3D2, Projection, BarrierIterations, Sensor, Mismatch, Singular, Diverged, NoDelay, MsdSizedCost];

    public static int IndexOf(NrScenario scenario) => All.ToList().IndexOf(scenario);
}
