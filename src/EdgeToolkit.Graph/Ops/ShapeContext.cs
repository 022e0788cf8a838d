namespace EdgeToolkit.Graph.Ops;

/// <summary>What an operator sees while inferring output types and shapes.</summary>
public sealed class ShapeContext
{
    private readonly Func<string, ValueInfo?> _info;
    private readonly Func<string, Tensor?> _constant;
    public Node Node { get; }
    public int Opset { get; }
    public string? File { get; }
    public ValueInfo?[] Outputs { get; }

    public ShapeContext(Node node, int opset, Func<string, ValueInfo?> info, Func<string, Tensor?> constant, string? file = null)
    {
        Node = node; Opset = opset; _info = info; _constant = constant; File = file;
        Outputs = new ValueInfo?[node.Outputs.Count];
    }

    public int InputCount => Node.Inputs.Count;
    public bool HasInput(int i) => Node.HasInput(i);

    /// <summary>Type and shape of input i; throws a clear error when unknown.</summary>
    public ValueInfo Input(int i)
    {
        if (!HasInput(i)) throw Error($"input {i} is required but missing");
        return _info(Node.Inputs[i]) ?? throw Error($"input '{Node.Inputs[i]}' has no known type or shape");
    }

    public DataType InputType(int i) => Input(i).Type;
    public SymShape InputShape(int i) => Input(i).Shape;

    /// <summary>The value of input i when it is a constant (initializer or folded), else null.</summary>
    public Tensor? ConstantInput(int i) => HasInput(i) ? _constant(Node.Inputs[i]) : null;

    public void SetOutput(int i, DataType type, SymShape shape)
    {
        if (i >= Node.Outputs.Count || Node.Outputs[i].Length == 0) return;
        Outputs[i] = new ValueInfo(Node.Outputs[i], type, shape);
    }

    public EdgeToolkitException Error(string problem, string? hint = null) =>
        new(ErrorKind.BadInput, problem, File, Node.Name, Node.OpType, hint ?? DefaultHint);

    /// <summary>Most such errors mean a malformed or mis-exported node; the user still needs a next step.</summary>
    private const string DefaultHint = "check this node's inputs and attributes against the ONNX operator specification, or re-export the model";
}
