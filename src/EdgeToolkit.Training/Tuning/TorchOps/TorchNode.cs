using EdgeToolkit.Graph;

namespace EdgeToolkit.Training.Tuning.TorchOps;

/// <summary>
/// What a torch rule sees when it compiles a node: the node, which inputs carry the batch dim
/// (known before any tensor exists, since only graph inputs are batched and batching spreads
/// through every op), and the values of inputs that are initializers.
/// </summary>
public sealed class TorchNode
{
    private readonly bool[] _batched;
    private readonly Func<string, Tensor?> _constant;
    private readonly string? _file;

    public TorchNode(Node node, int opset, bool[] batched, Func<string, Tensor?> constant, string? file)
    {
        Node = node; Opset = opset; _batched = batched; _constant = constant; _file = file;
    }

    public Node Node { get; }
    public int Opset { get; }

    public bool HasInput(int i) => Node.HasInput(i);
    public bool IsBatched(int i) => i < _batched.Length && _batched[i];
    public bool AnyBatched => _batched.Any(b => b);

    /// <summary>1 when input i carries the batch dim: the shift of its axis attributes.</summary>
    public int Shift(int i) => IsBatched(i) ? 1 : 0;

    /// <summary>The value of input i when it is an initializer, else null.</summary>
    public Tensor? Constant(int i) => HasInput(i) ? _constant(Node.Inputs[i]) : null;

    /// <summary>
    /// An integer list that moved from an attribute (older opsets) to input i (newer ones): null
    /// when absent; the input must be an initializer, since it decides shapes.
    /// </summary>
    public long[]? ConstantInts(int input, string attribute)
    {
        if (!HasInput(input)) return Node.GetInts(attribute);
        return Constant(input)?.ToInt64Array()
            ?? throw Unsupported($"'{attribute}' (input {input}) is computed at run time; fine-tuning needs it constant",
                "fold constants first (edgetk optimize)");
    }

    /// <summary>A scalar constant input as a double, or null when absent.</summary>
    public double? ConstantScalar(int input, string what)
    {
        if (!HasInput(input)) return null;
        var c = Constant(input) ?? throw Unsupported($"{what} (input {input}) is computed at run time; fine-tuning needs it constant");
        return c.Length == 1 ? c.GetDouble(0) : throw Unsupported($"{what} must be a scalar, got shape [{string.Join("x", c.Shape)}]");
    }

    /// <summary>The error for what this node asks that the torch rules do not do.</summary>
    public EdgeToolkitException Unsupported(string problem, string? hint = null) =>
        new(ErrorKind.BadInput, problem, _file, Node.Name, Node.OpType, hint) { Unsupported = true };
}
