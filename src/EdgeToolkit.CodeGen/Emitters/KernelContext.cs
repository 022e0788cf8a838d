using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Emitters;

/// <summary>
/// What an emitter sees: the node (with its fused post-ops), concrete shapes and types of its
/// inputs and outputs, the C expressions naming their buffers, constant inputs (weights) it may
/// re-lay out, and the writer. Buffer expressions are typed pointers, e.g. "(const float *)(arena + 64)"
/// or "mnist_conv1_w" or "input_0"; use them as they are.
/// The model writer wraps the kernel in a static function whose parameters are the non-constant
/// inputs "in0".., the outputs "out0".. and "scratch", so kernel code must not declare locals
/// with those names (nor names starting with "etk_", the helpers). Constant inputs are the
/// weight symbols themselves. In CheckSupported, Memory, ScratchBytes and Macs the expressions
/// are placeholders: only Emit may rely on them.
/// </summary>
public sealed class KernelContext
{
    public required Node Node { get; init; }
    public required ModelGraph Graph { get; init; }
    public required TargetProfile Target { get; init; }
    public required CWriter Code { get; init; }
    /// <summary>Symbol prefix of the model (e.g. "mnist"); every global symbol starts with it.</summary>
    public required string Prefix { get; init; }
    /// <summary>C expressions of the input buffers ("" for an omitted optional input).</summary>
    public required IReadOnlyList<string> InputExprs { get; init; }
    public required IReadOnlyList<string> OutputExprs { get; init; }
    /// <summary>C expression of this kernel's scratch buffer (char *), when it asked for one.</summary>
    public string? ScratchExpr { get; init; }
    /// <summary>Adds a const array to the weights file and returns its symbol (supplied by the model writer).</summary>
    public required Func<string, Tensor, string> AddConstant { get; init; }
    /// <summary>Asks for a portable math helper from Runtime/ (e.g. "tanh", "sigmoid", "exp", "erf"); returns its C function name.</summary>
    public required Func<string, string> UseHelper { get; init; }

    public ValueInfo InputInfo(int i) => Graph.GetInfo(Node.Inputs[i]);
    public int[] InputShape(int i) => InputInfo(i).Shape.ToConcrete();
    public DataType InputType(int i) => InputInfo(i).Type;
    public bool HasInput(int i) => Node.HasInput(i);
    /// <summary>The final output's info: after the fused post-ops, when there are any.</summary>
    public ValueInfo OutputInfo(int i) => Graph.GetInfo(Node.Outputs[i]);
    public int[] OutputShape(int i) => OutputInfo(i).Shape.ToConcrete();
    public DataType OutputType(int i) => OutputInfo(i).Type;
    /// <summary>The value of input i when it is an initializer (a weight), else null.</summary>
    public Tensor? Constant(int i) => HasInput(i) && Graph.Initializers.TryGetValue(Node.Inputs[i], out var t) ? t : null;

    public string In(int i) => InputExprs[i];
    public string Out(int i) => OutputExprs[i];

    /// <summary>A C identifier made from the node name, safe for any ONNX name.</summary>
    public string Ident(string suffix = "") => CNames.Identifier(Prefix + "_" + Node.Name + (suffix.Length > 0 ? "_" + suffix : ""));
}
