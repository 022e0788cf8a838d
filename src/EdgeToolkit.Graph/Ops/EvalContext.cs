namespace EdgeToolkit.Graph.Ops;

/// <summary>What an operator sees while evaluating: concrete inputs, attributes, output slots.</summary>
public sealed class EvalContext
{
    private readonly Tensor?[] _inputs;
    public Node Node { get; }
    public int Opset { get; }
    public Tensor?[] Outputs { get; }
    /// <summary>Evaluates a subgraph (If branches) with the enclosing values visible.</summary>
    public Func<ModelGraph, IReadOnlyList<Tensor>>? RunSubgraph { get; init; }

    public EvalContext(Node node, int opset, Tensor?[] inputs)
    {
        Node = node; Opset = opset; _inputs = inputs;
        Outputs = new Tensor?[node.Outputs.Count];
    }

    public int InputCount => _inputs.Length;
    public bool HasInput(int i) => i < _inputs.Length && _inputs[i] != null;
    public Tensor Input(int i) => HasInput(i) ? _inputs[i]! : throw Error($"input {i} is required but missing");
    public Tensor? OptionalInput(int i) => HasInput(i) ? _inputs[i] : null;

    public void SetOutput(int i, Tensor t) { if (i < Outputs.Length) Outputs[i] = t; }

    public EdgeToolkitException Error(string problem) => new(ErrorKind.BadInput, problem, null, Node.Name, Node.OpType);
}
