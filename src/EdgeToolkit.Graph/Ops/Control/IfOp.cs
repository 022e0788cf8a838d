using EdgeToolkit.Graph.Ops.TensorOps;

namespace EdgeToolkit.Graph.Ops.Control;

/// <summary>
/// If: runs then_branch or else_branch by a bool scalar condition. Output types come from the
/// branches' declared outputs (a branch that leaves a type undeclared defers to the other); where
/// the branches disagree on a dim it is unknown, and where they disagree on rank the rank is
/// unknown. A constant condition takes the chosen branch's declaration as it is.
/// </summary>
public sealed class IfOp : IOperator
{
    public string OpType => "If";

    public string? CheckSupported(ShapeContext ctx)
    {
        var then = ctx.Node.GetGraph("then_branch");
        var otherwise = ctx.Node.GetGraph("else_branch");
        if (then == null || otherwise == null) return "If needs then_branch and else_branch graphs";
        int outputs = ctx.Node.Outputs.Count;
        if (then.Outputs.Count != outputs || otherwise.Outputs.Count != outputs)
            return $"If has {outputs} outputs but its branches give {then.Outputs.Count} and {otherwise.Outputs.Count}";
        for (int i = 0; i < outputs; i++)
            if (then.Outputs[i].Type != otherwise.Outputs[i].Type
                && then.Outputs[i].Type != DataType.Undefined && otherwise.Outputs[i].Type != DataType.Undefined)
                return $"If output {i} is {then.Outputs[i].Type.OnnxName()} in then_branch but {otherwise.Outputs[i].Type.OnnxName()} in else_branch";
        return SubgraphSupport.Check(then, "then_branch") ?? SubgraphSupport.Check(otherwise, "else_branch");
    }

    public void InferShapes(ShapeContext ctx)
    {
        var then = ctx.Node.GetGraph("then_branch")!;
        var otherwise = ctx.Node.GetGraph("else_branch")!;
        var cond = ctx.ConstantInput(0);
        for (int i = 0; i < ctx.Node.Outputs.Count; i++)
        {
            var a = then.Outputs[i];
            var b = otherwise.Outputs[i];
            var type = a.Type != DataType.Undefined ? a.Type : b.Type;
            if (type == DataType.Undefined) throw ctx.Error($"the type of branch output '{a.Name}' is not declared");
            var shape = cond != null ? (cond.GetDouble(0) != 0 ? a.Shape : b.Shape) : Join(a.Shape, b.Shape);
            ctx.SetOutput(i, type, shape);
        }
    }

    public void Evaluate(EvalContext ctx)
    {
        var run = ctx.RunSubgraph ?? throw ctx.Error("this evaluator cannot run subgraphs");
        var cond = ctx.Input(0);
        if (cond.Length != 1) throw ctx.Error($"If condition must hold one element, got {cond}");
        var branch = ctx.Node.GetGraph(cond.GetDouble(0) != 0 ? "then_branch" : "else_branch")!;
        var results = run(branch);
        for (int i = 0; i < results.Count; i++) ctx.SetOutput(i, results[i]);
    }

    private static SymShape Join(SymShape a, SymShape b)
    {
        if (!a.HasRank || !b.HasRank || a.Rank != b.Rank) return SymShape.UnknownRank;
        return new SymShape(a.Dims!.Zip(b.Dims!, SymDims.Join));
    }
}
