using EdgeToolkit.Graph.Ops.Common;

namespace EdgeToolkit.Graph.Ops.TensorOps;

/// <summary>
/// The arguments of one Resize/Upsample node resolved per axis (scale and output size), and the
/// resampling itself. Shared by both ops so that the opset forms differ only in where they read
/// their arguments.
/// </summary>
internal sealed class ResizePlan
{
    private static readonly string[] Policies = { "stretch", "not_larger", "not_smaller" };

    private readonly string _mode;
    private readonly string _transform;
    private readonly string _nearest;
    private readonly double[] _scales;
    private readonly int[] _outShape;
    private readonly (double Start, double End)[] _roi;
    private readonly double _cubicA;
    private readonly bool _excludeOutside;
    private readonly double _extrapolation;

    private ResizePlan(Node node, string transform, string nearest, Resolved resolved)
    {
        _mode = Mode(node); _transform = transform; _nearest = nearest;
        _scales = resolved.Scale; _roi = resolved.Roi;
        _outShape = resolved.Out.Select(d => checked((int)d.Value)).ToArray();
        _cubicA = node.GetFloat("cubic_coeff_a", -0.75f);
        _excludeOutside = node.GetInt("exclude_outside", 0) != 0;
        _extrapolation = node.GetFloat("extrapolation_value", 0f);
    }

    /// <summary>Per axis: the scale, the crop window (tf_crop_and_resize; else 0..1) and the output dim.</summary>
    private sealed record Resolved(double[] Scale, (double Start, double End)[] Roi, Dim[] Out);

    private bool IsCrop => _transform == "tf_crop_and_resize";

    /// <summary>Opset 10 Resize and every Upsample sample at x / scale and round down.</summary>
    private static bool IsLegacy(Node node, int opset) => node.OpType == "Upsample" || opset < 11;

    private static string Mode(Node node) => node.GetString("mode", "nearest") is "bilinear" ? "linear" : node.GetString("mode", "nearest");

    public static string? Check(ShapeContext ctx)
    {
        var node = ctx.Node;
        var mode = Mode(node);
        bool legacy = IsLegacy(node, ctx.Opset);
        if (mode is not ("nearest" or "linear" or "cubic") || legacy && mode == "cubic")
            return $"{node.OpType} mode '{mode}' is not supported (nearest, linear{(legacy ? "" : " and cubic")} are)";
        if (mode != "nearest" && TypeSupport.Require(ctx, 0, TypeSupport.Float, "X") is { } why) return why;
        if (legacy) return null;
        var transform = node.GetString("coordinate_transformation_mode", "half_pixel");
        if (!ResizeCoordinates.TransformModes.Contains(transform) && transform != "tf_crop_and_resize") return $"coordinate_transformation_mode '{transform}' is not supported";
        var nearest = node.GetString("nearest_mode", "round_prefer_floor");
        if (!ResizeCoordinates.NearestModes.Contains(nearest)) return $"nearest_mode '{nearest}' is not supported";
        if (node.GetInt("antialias", 0) != 0) return "Resize with antialias=1 is not supported";
        var policy = node.GetString("keep_aspect_ratio_policy", "stretch");
        return Policies.Contains(policy) ? null : $"keep_aspect_ratio_policy '{policy}' is not supported";
    }

    public static SymShape OutputShape(ShapeContext ctx)
    {
        var x = ctx.InputShape(0);
        if (!x.HasRank) return SymShape.UnknownRank;
        var (scalesIndex, sizesIndex) = ArgumentInputs(ctx.Node, ctx.Opset);
        // Each argument: its values, empty when absent, or null when it is a runtime input.
        double[]? scales = scalesIndex < 0 ? ctx.Node.GetFloats("scales")?.Select(f => (double)f).ToArray() ?? Array.Empty<double>()
            : !ctx.HasInput(scalesIndex) || IsEmpty(ctx, scalesIndex) ? Array.Empty<double>()
            : ctx.ConstantInput(scalesIndex) is { } s ? ToDoubles(s) : null;
        long[]? sizes = sizesIndex < 0 || !ctx.HasInput(sizesIndex) ? Array.Empty<long>() : ctx.ConstantInput(sizesIndex)?.ToInt64Array();
        double[]? roi = !RoiInput(ctx.Node, ctx.Opset) || !ctx.HasInput(1) ? Array.Empty<double>()
            : ctx.ConstantInput(1) is { } r ? ToDoubles(r) : null;
        if (scales == null || sizes == null || roi == null) return new SymShape(Enumerable.Repeat(Dim.Unknown, x.Rank));
        return new SymShape(Resolve(ctx.Node, x.Dims!.ToArray(), scales, sizes, roi).Out);
    }

    public static ResizePlan For(EvalContext ctx)
    {
        var node = ctx.Node;
        var x = ctx.Input(0);
        var (scalesIndex, sizesIndex) = ArgumentInputs(node, ctx.Opset);
        var scales = scalesIndex < 0 ? node.GetFloats("scales")?.Select(f => (double)f).ToArray()
            : ctx.OptionalInput(scalesIndex) is { } s ? ToDoubles(s) : null;
        var sizes = sizesIndex >= 0 ? ctx.OptionalInput(sizesIndex)?.ToInt64Array() : null;
        var roi = RoiInput(node, ctx.Opset) && ctx.OptionalInput(1) is { } r ? ToDoubles(r) : null;
        var resolved = Resolve(node, x.SymShape.Dims!.ToArray(), scales ?? Array.Empty<double>(), sizes ?? Array.Empty<long>(),
            roi ?? Array.Empty<double>());
        bool legacy = IsLegacy(node, ctx.Opset);
        return new ResizePlan(node,
            legacy ? "asymmetric" : node.GetString("coordinate_transformation_mode", "half_pixel"),
            legacy ? "floor" : node.GetString("nearest_mode", "round_prefer_floor"),
            resolved);
    }

    /// <summary>Input indices of scales and sizes; -1 where the form has no such input (scales as attribute).</summary>
    private static (int Scales, int Sizes) ArgumentInputs(Node node, int opset) =>
        node.OpType == "Upsample" ? (opset >= 9 ? 1 : -1, -1) : opset < 11 ? (1, -1) : (2, 3);

    /// <summary>Only tf_crop_and_resize (opset 11+) reads roi, input 1.</summary>
    private static bool RoiInput(Node node, int opset) =>
        !IsLegacy(node, opset) && node.GetString("coordinate_transformation_mode", "half_pixel") == "tf_crop_and_resize";

    private static bool IsEmpty(ShapeContext ctx, int input) =>
        ctx.InputShape(input) is { HasRank: true } s && s.ElementCount == 0;

    private static double[] ToDoubles(Tensor t) => Enumerable.Range(0, t.Length).Select(t.GetDouble).ToArray();

    /// <summary>
    /// Scale, crop window and output dim per axis, from scales (output = floor(in * scale), times
    /// the crop's extent for tf_crop_and_resize) or from sizes.
    /// </summary>
    private static Resolved Resolve(Node node, Dim[] input, double[] scales, long[] sizes, double[] roi)
    {
        int rank = input.Length;
        var axes = node.GetInts("axes") is { } a ? Axes.Normalize(a, rank) : Enumerable.Range(0, rank).ToArray();
        var scale = Enumerable.Repeat(1.0, rank).ToArray();
        var window = Enumerable.Repeat((0.0, 1.0), rank).ToArray();
        var output = input.ToArray();
        if (roi.Length > 0)
        {
            if (roi.Length != 2 * axes.Length) throw new InvalidOperationException($"roi has {roi.Length} values for {axes.Length} axes");
            for (int k = 0; k < axes.Length; k++) window[axes[k]] = (roi[k], roi[k + axes.Length]);
        }
        var result = new Resolved(scale, window, output);
        if (sizes.Length > 0)
        {
            if (sizes.Length != axes.Length) throw new InvalidOperationException($"sizes has {sizes.Length} values for {axes.Length} axes");
            var policy = node.GetString("keep_aspect_ratio_policy", "stretch");
            if (policy == "stretch")
            {
                for (int k = 0; k < axes.Length; k++)
                {
                    var d = input[axes[k]];
                    output[axes[k]] = Dim.Of(sizes[k]);
                    scale[axes[k]] = d.IsKnown && d.Value > 0 ? sizes[k] / (double)d.Value : double.NaN;
                }
                return result;
            }
            if (axes.Any(i => !input[i].IsKnown)) { foreach (var i in axes) output[i] = Dim.Unknown; return result; }
            var ratios = axes.Select((i, k) => sizes[k] / (double)input[i].Value);
            double s = policy == "not_larger" ? ratios.Min() : ratios.Max();
            foreach (var i in axes) { scale[i] = s; output[i] = Dim.Of((long)Math.Floor(s * input[i].Value + 0.5)); }
            return result;
        }
        if (scales.Length == 0) throw new InvalidOperationException("Resize needs scales or sizes");
        if (scales.Length != axes.Length) throw new InvalidOperationException($"scales has {scales.Length} values for {axes.Length} axes");
        for (int k = 0; k < axes.Length; k++)
        {
            if (scales[k] <= 0) throw new InvalidOperationException($"scale {scales[k]} must be positive");
            int i = axes[k];
            var d = input[i];
            scale[i] = scales[k];
            float extent = (float)(window[i].Item2 - window[i].Item1);
            // Computed in float32 as ONNX Runtime does, so borderline products floor the same way.
            output[i] = d.IsKnown ? Dim.Of((long)(d.Value * extent * (float)scales[k])) : scales[k] == 1 && extent == 1 ? d : Dim.Unknown;
        }
        return result;
    }

    public Tensor Apply(Tensor x) => _mode == "nearest" ? Nearest(x) : Interpolate(x);

    private Tensor Nearest(Tensor x)
    {
        var strides = Tensor.Strides(x.Shape);
        var offsets = new int[x.Rank][];
        for (int a = 0; a < x.Rank; a++)
        {
            int inSize = x.Shape[a], outSize = _outShape[a];
            offsets[a] = new int[outSize];
            for (int o = 0; o < outSize; o++)
            {
                double p = Position(a, o, inSize, outSize);
                offsets[a][o] = Outside(p, inSize) ? -1 : ResizeCoordinates.Nearest(_nearest, p, inSize) * strides[a];
            }
        }
        var fill = IsCrop ? ElementGather.Filled(x.Type, 1, _extrapolation) : null;
        return new Tensor(x.Type, _outShape, ElementGather.ByAxisOffsets(x.Data, _outShape, offsets, fill));
    }

    /// <summary>
    /// Linear or cubic interpolation as successive 1-D passes (both are separable). Taps beyond
    /// the edge repeat the edge value, or with exclude_outside=1 drop out and the rest renormalise.
    /// </summary>
    private Tensor Interpolate(Tensor x)
    {
        var shape = (int[])x.Shape.Clone();
        var data = Array.ConvertAll(x.Floats, v => (double)v);
        var outside = _outShape.Select(n => new bool[n]).ToArray();
        for (int a = 0; a < shape.Length; a++)
        {
            int inSize = shape[a], outSize = _outShape[a];
            if (inSize == outSize && _scales[a] == 1 && !IsCrop) continue;
            int outer = (int)Tensor.ElementCountOf(shape[..a]), inner = (int)Tensor.ElementCountOf(shape[(a + 1)..]);
            var next = new double[(long)outer * outSize * inner];
            for (int o = 0; o < outSize; o++)
            {
                double p = Position(a, o, inSize, outSize);
                outside[a][o] = Outside(p, inSize);
                var taps = _mode == "cubic" ? ResizeCoordinates.CubicTaps(p, inSize, _cubicA, _excludeOutside)
                    : ResizeCoordinates.LinearTaps(p, inSize);
                for (int b = 0; b < outer; b++)
                    for (int k = 0; k < inner; k++)
                    {
                        double v = 0;
                        foreach (var (index, weight) in taps) v += weight * data[(b * inSize + index) * inner + k];
                        next[(b * outSize + o) * inner + k] = v;
                    }
            }
            data = next;
            shape[a] = outSize;
        }
        if (IsCrop) Extrapolate(data, shape, outside);
        return new Tensor(DataType.Float32, shape, Array.ConvertAll(data, v => (float)v));
    }

    /// <summary>Where output coordinate o of axis a samples the input.</summary>
    private double Position(int a, int o, int inSize, int outSize) => IsCrop
        ? ResizeCoordinates.CropToInput(o, inSize, outSize, _roi[a].Start, _roi[a].End)
        : ResizeCoordinates.ToInput(_transform, o, inSize, outSize, _scales[a]);

    /// <summary>tf_crop_and_resize samples outside the input take extrapolation_value instead.</summary>
    private bool Outside(double p, int inSize) => IsCrop && (p < 0 || p > inSize - 1);

    private void Extrapolate(double[] data, int[] shape, bool[][] outside)
    {
        var coord = new int[shape.Length];
        for (int i = 0; i < data.Length; i++)
        {
            for (int a = 0; a < shape.Length; a++)
                if (outside[a][coord[a]]) { data[i] = _extrapolation; break; }
            for (int a = shape.Length - 1; a >= 0; a--) { if (++coord[a] < shape[a]) break; coord[a] = 0; }
        }
    }
}
