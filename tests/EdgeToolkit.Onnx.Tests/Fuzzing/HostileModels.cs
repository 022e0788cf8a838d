using Google.Protobuf;
using Onnx;
using static EdgeToolkit.Onnx.Tests.ProtoBuilder;

namespace EdgeToolkit.Onnx.Tests.Fuzzing;

/// <summary>Hand-built hostile files: each breaks one rule of the format in one way.</summary>
internal static class HostileModels
{
    public const int Float = 1, Bool = 9;

    /// <summary>x [1, 4] -> Relu -> y: small enough to cut at every byte.</summary>
    public static ModelProto Relu()
    {
        var g = new GraphProto { Name = "relu" };
        g.Input.Add(Value("x", Float, 1, 4));
        g.Output.Add(Value("y", Float, 1, 4));
        g.Node.Add(Node("Relu", "relu", new[] { "x" }, new[] { "y" }));
        return Model(g);
    }

    /// <summary>a = Add(x, b); b = Relu(a): each node waits for the other.</summary>
    public static ModelProto TwoNodeCycle()
    {
        var g = new GraphProto { Name = "cycle" };
        g.Input.Add(Value("x", Float, 4));
        g.Output.Add(Value("b", Float, 4));
        g.Node.Add(Node("Add", "add", new[] { "x", "b" }, new[] { "a" }));
        g.Node.Add(Node("Relu", "relu", new[] { "a" }, new[] { "b" }));
        return Model(g);
    }

    /// <summary>Relu(x) + w, where w's header says <paramref name="dims"/> but raw_data holds 4 bytes.</summary>
    public static ModelProto WeightClaiming(params long[] dims)
    {
        var g = new GraphProto { Name = "claims" };
        g.Input.Add(Value("x", Float, 4));
        g.Output.Add(Value("y", Float, 4));
        var w = new TensorProto { Name = "w", DataType = Float, RawData = ByteString.CopyFrom(new byte[4]) };
        w.Dims.AddRange(dims);
        g.Initializer.Add(w);
        g.Node.Add(Node("Add", "add", new[] { "x", "w" }, new[] { "y" }));
        return Model(g);
    }

    public static ModelProto WithAttributes(int count)
    {
        var m = Relu();
        var relu = m.Graph.Node[0];
        for (int i = 0; i < count; i++) relu.Attribute.Add(Int($"a{i}", i));
        return m;
    }

    /// <summary>If inside the then-branch of an If, <paramref name="depth"/> times, on a runtime condition.</summary>
    public static ModelProto NestedIfs(int depth)
    {
        var leaf = new GraphProto { Name = "leaf" };
        leaf.Output.Add(Value("x", Float, 4));
        var inner = leaf;
        for (int d = 0; d < depth; d++)
        {
            var g = new GraphProto { Name = $"level{d}" };
            g.Output.Add(Value($"y{d}", Float, 4));
            // The else side stays a leaf: protobuf writes shared messages out in full, so two deep branches would double the file per level.
            g.Node.Add(Node("If", $"if{d}", new[] { "c" }, new[] { $"y{d}" }, GraphAttr("then_branch", inner), GraphAttr("else_branch", leaf)));
            inner = g;
        }
        inner.Input.Add(Value("x", Float, 4));
        inner.Input.Add(Value("c", Bool));
        return Model(inner);
    }

    public static ModelProto ExternalWeights(string location)
    {
        var m = WeightClaiming(1);
        var w = m.Graph.Initializer[0];
        w.RawData = ByteString.Empty;
        w.DataLocation = TensorProto.Types.DataLocation.External;
        w.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = location });
        return m;
    }
}
