using EdgeToolkit.CodeGen.Planning;
using EdgeToolkit.Graph;

namespace EdgeToolkit.CodeGen.Writing;

/// <summary>The C expression naming each value's buffer inside NAME_run_arena, from the memory plan.</summary>
internal sealed class ValueExpressions(ModelGraph g, MemoryPlan plan, IReadOnlyList<CPort> inputs, IReadOnlyList<CPort> outputs, WeightTable weights)
{
    public ValueInfo Info(string v) => g.GetInfo(v);

    /// <summary>The weight symbol when the value is (an alias of) a constant, else null.</summary>
    public string? ConstantSymbol(string v)
    {
        var st = plan.Storage[v];
        return st.Kind == StorageKind.Constant ? weights.Reserve(st.Root, g.Initializers[st.Root]) : null;
    }

    public string Argument(string v)
    {
        var st = plan.Storage[v];
        var type = g.GetInfo(v).Type.CType();
        return st.Kind switch
        {
            StorageKind.GraphInput => Cast(inputs.First(p => p.Name == st.Root), type),
            StorageKind.GraphOutput => Cast(outputs.First(p => p.Name == st.Root), type),
            StorageKind.Arena => $"({type} *)(arena + {st.Offset})",
            _ => throw new InvalidOperationException($"constant '{v}' is not passed as an argument"),
        };
    }

    private static string Cast(CPort p, string type) => p.Type.CType() == type ? p.CName : $"({type} *){p.CName}";
}
