namespace EdgeToolkit.Graph.Ops.TensorOps;

/// <summary>Constant: a tensor from "value", or from value_float(s) / value_int(s) (opset 12).</summary>
public sealed class ConstantOp : IOperator
{
    public string OpType => "Constant";

    public string? CheckSupported(ShapeContext ctx)
    {
        foreach (var a in new[] { "sparse_value", "value_string", "value_strings" })
            if (ctx.Node.HasAttribute(a)) return $"Constant with {a} is not supported";
        return Value(ctx.Node) == null ? "Constant has no value attribute" : null;
    }

    public void InferShapes(ShapeContext ctx)
    {
        var t = Value(ctx.Node) ?? throw ctx.Error("Constant has no value attribute");
        ctx.SetOutput(0, t.Type, t.SymShape);
    }

    public void Evaluate(EvalContext ctx) =>
        ctx.SetOutput(0, Value(ctx.Node) ?? throw ctx.Error("Constant has no value attribute"));

    private static Tensor? Value(Node node)
    {
        if (node.GetTensor("value") is { } t) return t;
        if (node.HasAttribute("value_float")) return Tensor.Scalar(node.GetFloat("value_float", 0));
        if (node.HasAttribute("value_int")) return Tensor.Scalar(node.GetInt("value_int", 0));
        if (node.GetFloats("value_floats") is { } fs) return Tensor.Vector(fs);
        if (node.GetInts("value_ints") is { } ls) return Tensor.Vector(ls);
        return null;
    }
}
