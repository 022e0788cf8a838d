using EdgeToolkit.Graph;
using EdgeToolkit.Graph.Ops.Recurrent;

namespace EdgeToolkit.CodeGen.Emitters.Recurrent;

/// <summary>
/// The C every recurrent kernel shares. Each direction is written out as its own block (its
/// activations and its walk through time are fixed at generation time); inside, each batch row
/// starts from initial_h/initial_c (or zeros), runs its sequence_lens steps, and pads Y with
/// zeros past them. The hidden and cell states live in the Y_h and Y_c buffers themselves (in
/// scratch when those outputs are omitted); the scratch also holds one step's gate sums. A
/// kernel supplies the step: gate sums (GateSums) then its cell update of h and c.
/// </summary>
internal sealed class RecurrentKernel
{
    private readonly KernelContext _ctx;
    public RecurrentKind Kind { get; }
    public RecurrentAttributes Attributes { get; }
    public RecurrentGeometry Geometry { get; }
    public int Hidden => Geometry.Hidden;
    public int Rows => Kind.Gates * Geometry.Hidden;
    public CWriter Code => _ctx.Code;

    /// <summary>W and R are int8; each gate row's input and recurrent sums are scaled once, after the dot product.</summary>
    private readonly bool _int8Weights;

    public RecurrentKernel(KernelContext ctx, RecurrentKind kind, bool int8Weights = false)
    {
        _ctx = ctx;
        Kind = kind;
        _int8Weights = int8Weights;
        Attributes = RecurrentAttributes.Read(ctx.Node, kind);
        Geometry = RecurrentGeometry.Of(Attributes, ctx.InputShape(RecurrentInputs.X), ctx.InputShape(RecurrentInputs.R));
    }

    private bool HasOutput(int o) => o < _ctx.Node.Outputs.Count && _ctx.Node.Outputs[o].Length > 0;
    private bool HasCell => Kind.HasCellState;
    private bool HasPeepholes => HasCell && _ctx.HasInput(RecurrentInputs.Peepholes);

    /// <summary>Gate sums of one step, plus h and c when Y_h or Y_c is not an output.</summary>
    public long ScratchBytes => sizeof(float) * (Rows + (HasOutput(RecurrentOutputs.YH) ? 0 : Hidden) + (HasCell && !HasOutput(RecurrentOutputs.YC) ? Hidden : 0));

    public long Macs => (long)Geometry.Directions * Geometry.Batch * Geometry.SeqLength * Rows * (Geometry.InputSize + Hidden);

    /// <summary>Writes the kernel; step(kernel, direction) writes one time step for x, h (and c).</summary>
    public void Write(string gateNames, Action<RecurrentKernel, int> step)
    {
        var w = Code;
        var g = Geometry;
        var states = $"h in {(HasOutput(RecurrentOutputs.YH) ? "Y_h" : "scratch")}" + (HasCell ? $", c in {(HasOutput(RecurrentOutputs.YC) ? "Y_c" : "scratch")}" : "");
        w.Line($"/* {Kind.OpType} '{CNames.Comment(_ctx.Node.Name)}': {Attributes.Direction.ToString().ToLowerInvariant()}, layout {g.Layout}, " +
               $"gates {gateNames}; {states}, one step's gate sums in scratch */");
        w.Line($"enum {{ SEQ_LEN = {g.SeqLength}, BATCH = {g.Batch}, INPUT_SIZE = {g.InputSize}, HIDDEN = {g.Hidden}, GATE_ROWS = {Rows} }};");
        w.Line("/* The only reads of W and R: element k of row q of this direction's matrices. */");
        string read = _int8Weights ? "(float)" : "";
        w.Line($"#define W_AT(q, k) {read}w_dir[(q) * INPUT_SIZE + (k)]");
        w.Line($"#define R_AT(q, k) {read}r_dir[(q) * HIDDEN + (k)]");
        w.Line("float *gates = (float *)scratch;");
        w.Line("int b, s, q, k, j;");
        for (int d = 0; d < g.Directions; d++)
            using (w.Scope()) WriteDirection(d, step);
        w.Line("#undef W_AT");
        w.Line("#undef R_AT");
    }

    private void WriteDirection(int d, Action<RecurrentKernel, int> step)
    {
        var w = Code;
        var g = Geometry;
        bool reversed = Attributes.Reversed(d);
        w.Line($"/* direction {d}: {(reversed ? "reverse" : "forward")}, activations {string.Join(", ", Attributes.Activations[d].Select(a => a.ToString()))} */");
        string weight = _int8Weights ? "int8_t" : "float";
        w.Line($"const {weight} *w_dir = {Plus(In(RecurrentInputs.W), d * Rows * g.InputSize)};");
        w.Line($"const {weight} *r_dir = {Plus(In(RecurrentInputs.R), d * Rows * g.Hidden)};");
        if (_int8Weights)
        {
            w.Line($"const float *w_scale = {Plus(In(Kind.WScaleInput), d * Rows)};");
            w.Line($"const float *r_scale = {Plus(In(Kind.RScaleInput), d * Rows)};");
        }
        if (_ctx.HasInput(RecurrentInputs.B))
        {
            w.Line($"const float *wb = {Plus(In(RecurrentInputs.B), d * 2 * Rows)};");
            w.Line("const float *rb = wb + GATE_ROWS;");
        }
        if (HasPeepholes) w.Line($"const float *peep = {Plus(In(RecurrentInputs.Peepholes), d * 3 * g.Hidden)};");
        using (w.Block("for (b = 0; b < BATCH; b++)"))
        {
            var state = Index(d * g.StateStrides.Direction, ("b", g.StateStrides.Batch));
            bool ownH = HasOutput(RecurrentOutputs.YH), ownC = HasOutput(RecurrentOutputs.YC);
            w.Line($"float *h = {(ownH ? $"{_ctx.Out(RecurrentOutputs.YH)} + {state}" : "gates + GATE_ROWS")};");
            if (HasCell) w.Line($"float *c = {(ownC ? $"{_ctx.Out(RecurrentOutputs.YC)} + {state}" : $"gates + GATE_ROWS{(ownH ? "" : " + HIDDEN")}")};");
            WriteLength();
            using (w.Block("for (j = 0; j < HIDDEN; j++)"))
            {
                w.Line($"h[j] = {(_ctx.HasInput(RecurrentInputs.InitialH) ? $"{In(RecurrentInputs.InitialH)}[{state} + j]" : "0.0f")};");
                if (HasCell) w.Line($"c[j] = {(_ctx.HasInput(RecurrentInputs.InitialC) ? $"{In(RecurrentInputs.InitialC)}[{state} + j]" : "0.0f")};");
            }
            using (w.Block("for (s = 0; s < len; s++)"))
            {
                w.Line($"const int t = {(reversed ? "len - 1 - s" : "s")};");
                w.Line($"const float *x = {In(RecurrentInputs.X)} + {Index(0, ("t", g.XStrides.Time), ("b", g.XStrides.Batch))};");
                step(this, d);
                if (HasOutput(RecurrentOutputs.Y))
                    w.Line($"for (j = 0; j < HIDDEN; j++) {YElement(d, "t")} = h[j];");
            }
            if (_ctx.HasInput(RecurrentInputs.SequenceLens)) WritePadding(d);
        }
    }

    /// <summary>This row's length: sequence_lens[b] clamped to [0, SEQ_LEN], or the whole sequence.</summary>
    private void WriteLength()
    {
        if (!_ctx.HasInput(RecurrentInputs.SequenceLens)) { Code.Line("const int len = SEQ_LEN;"); return; }
        Code.Line($"const int32_t n = {In(RecurrentInputs.SequenceLens)}[b];");
        Code.Line("const int len = n < 0 ? 0 : n > SEQ_LEN ? SEQ_LEN : (int)n;");
    }

    /// <summary>Y is zero past a row's length; a row of length 0 ends with zero states (as ONNX Runtime does).</summary>
    private void WritePadding(int d)
    {
        var w = Code;
        if (HasOutput(RecurrentOutputs.Y))
            using (w.Block("for (s = len; s < SEQ_LEN; s++)"))
                w.Line($"for (j = 0; j < HIDDEN; j++) {YElement(d, "s")} = 0.0f;");
        using (w.Block("if (len == 0)"))
            w.Line(HasCell ? "for (j = 0; j < HIDDEN; j++) h[j] = c[j] = 0.0f;" : "for (j = 0; j < HIDDEN; j++) h[j] = 0.0f;");
    }

    /// <summary>Y[t, d, b, j] in either layout.</summary>
    private string YElement(int d, string t)
    {
        var s = Geometry.YStrides;
        return $"{_ctx.Out(RecurrentOutputs.Y)}[{Index(d * s.Direction, (t, s.Time), ("b", s.Batch), ("j", 1))}]";
    }

    /// <summary>
    /// gates[q] for rows [first, end) (C expressions, e.g. "2 * HIDDEN"; `rows` of them): the input sum
    /// over x and the recurrent sum over hElement (h[k], or GRU's reset r[k] * h[k]), each with
    /// its bias, joined by combine(input, recurrent, row) (default: added). Rows go `block` at a
    /// time so that each x[k] and h[k] is loaded once per block (6 instructions per MAC on a
    /// Cortex-M7 one row at a time, about 4 four rows at a time).
    /// </summary>
    public void GateSums(string first, string end, int rows, string hElement = "h[k]", Func<string, string, string, string>? combine = null)
    {
        var w = Code;
        bool bias = _ctx.HasInput(RecurrentInputs.B);
        int block = rows % 4 == 0 ? 4 : rows % 2 == 0 ? 2 : 1;
        var r = Enumerable.Range(0, block).ToArray();
        string Row(int i) => i == 0 ? "q" : $"q + {i}";
        using (w.Block($"for (q = {first}; q < {end}; q += {block})"))
        {
            w.Line("float " + string.Join(", ", r.Select(i => $"in_sum{i} = 0.0f")) + ";");
            w.Line("float " + string.Join(", ", r.Select(i => $"rec_sum{i} = 0.0f")) + ";");
            using (w.Block("for (k = 0; k < INPUT_SIZE; k++)"))
            {
                w.Line("const float xk = x[k];");
                foreach (var i in r) w.Line($"in_sum{i} += W_AT({Row(i)}, k) * xk;");
            }
            using (w.Block("for (k = 0; k < HIDDEN; k++)"))
            {
                w.Line($"const float hk = {hElement};");
                foreach (var i in r) w.Line($"rec_sum{i} += R_AT({Row(i)}, k) * hk;");
            }
            foreach (var i in r)
            {
                string row = Row(i);
                string inSum = _int8Weights ? $"in_sum{i} * w_scale[{row}]" : $"in_sum{i}", recSum = _int8Weights ? $"rec_sum{i} * r_scale[{row}]" : $"rec_sum{i}";
                string input = bias ? $"{inSum} + wb[{row}]" : inSum, recurrent = bias ? $"{recSum} + rb[{row}]" : recSum;
                w.Line($"gates[{row}] = {(combine ?? ((a, b, _) => $"{a} + {b}"))(input, recurrent, row)};");
            }
        }
    }

    /// <summary>Bounds a gate pre-activation held in variable v to [-clip, clip], when clip is set.</summary>
    public void Clip(string v)
    {
        if (Attributes.Clip is not float clip) return;
        string hi = CNames.Float(clip), lo = CNames.Float(-clip);
        Code.Line($"{v} = {v} < {lo} ? {lo} : {v} > {hi} ? {hi} : {v};");
    }

    /// <summary>Activation `which` (0 = f, 1 = g, 2 = h) of direction d applied to variable v.</summary>
    public string Activate(int d, int which, string v) => RecurrentActivationCode.Apply(_ctx, Attributes.Activations[d][which], v);

    /// <summary>" + peep[offset + j] * c[j]" for peephole block (0 = i, 1 = o, 2 = f), or "" without P.</summary>
    public string Peephole(int block) => HasPeepholes ? $" + peep[{Block(block)}j] * c[j]" : "";

    /// <summary>"" for block 0, "HIDDEN + " for 1, "2 * HIDDEN + " for 2...: the start of a gate's rows.</summary>
    public static string Block(int block) => block switch { 0 => "", 1 => "HIDDEN + ", _ => $"{block} * HIDDEN + " };

    private string In(int i) => _ctx.In(i);

    private static string Plus(string pointer, int offset) => offset == 0 ? pointer : $"{pointer} + {offset}";

    /// <summary>"constant + v1 * stride1 + ..." with zero terms left out.</summary>
    private static string Index(int constant, params (string Var, int Stride)[] terms)
    {
        var parts = terms.Select(t => t.Stride == 1 ? t.Var : $"{t.Var} * {t.Stride}").ToList();
        if (constant != 0 || parts.Count == 0) parts.Insert(0, constant.ToString());
        return string.Join(" + ", parts);
    }
}
