namespace EdgeToolkit.Graph.Ops.TensorOps;

/// <summary>
/// Where output coordinate x of a resized axis samples the input (ONNX coordinate_transformation_mode),
/// and how nearest mode rounds that position to an input index.
/// </summary>
internal static class ResizeCoordinates
{
    public static readonly string[] TransformModes =
        { "half_pixel", "half_pixel_symmetric", "pytorch_half_pixel", "align_corners", "asymmetric", "tf_half_pixel_for_nn" };
    public static readonly string[] NearestModes = { "round_prefer_floor", "round_prefer_ceil", "floor", "ceil" };

    /// <summary>
    /// Input coordinate of output coordinate x; scale is the requested scale (or out/in when sizes
    /// were given). As in the ONNX reference, the resized length in align_corners and
    /// pytorch_half_pixel is in * scale before flooring (so it is not always outSize).
    /// </summary>
    public static double ToInput(string mode, int x, int inSize, int outSize, double scale)
    {
        double resized = inSize * scale;
        return mode switch
        {
            "half_pixel" => (x + 0.5) / scale - 0.5,
            "half_pixel_symmetric" => HalfPixelSymmetric(x, inSize, outSize, scale),
            "pytorch_half_pixel" => resized > 1 ? (x + 0.5) / scale - 0.5 : 0,
            "align_corners" => resized == 1 ? 0 : x * (inSize - 1) / (resized - 1),
            "asymmetric" => x / scale,
            "tf_half_pixel_for_nn" => (x + 0.5) / scale,
            _ => throw new InvalidOperationException($"coordinate_transformation_mode '{mode}' is not supported"),
        };
    }

    /// <summary>tf_crop_and_resize: the output spans [start, end] of the input, as fractions of in - 1.</summary>
    public static double CropToInput(int x, int inSize, int outSize, double start, double end) => outSize > 1
        ? start * (inSize - 1) + x * (end - start) * (inSize - 1) / (outSize - 1)
        : 0.5 * (start + end) * (inSize - 1);

    private static double HalfPixelSymmetric(int x, int inSize, int outSize, double scale)
    {
        // Centres the sampling grid when floor(in * scale) cut the output short of in * scale.
        double adjustment = outSize / (inSize * scale);
        double offset = inSize / 2.0 * (1 - adjustment);
        return offset + (x + 0.5) / scale - 0.5;
    }

    /// <summary>Input index nearest to position p under nearest_mode, clamped into the axis.</summary>
    public static int Nearest(string mode, double p, int inSize)
    {
        double r = mode switch
        {
            "round_prefer_floor" => p - Math.Floor(p) == 0.5 ? Math.Floor(p) : Math.Round(p, MidpointRounding.AwayFromZero),
            "round_prefer_ceil" => p - Math.Floor(p) == 0.5 ? Math.Ceiling(p) : Math.Round(p, MidpointRounding.AwayFromZero),
            "floor" => Math.Floor(p),
            "ceil" => Math.Ceiling(p),
            _ => throw new InvalidOperationException($"nearest_mode '{mode}' is not supported"),
        };
        return (int)Math.Clamp(r, 0, inSize - 1);
    }

    /// <summary>The two input taps (clamped to the axis) and weights of linear interpolation at p.</summary>
    public static (int Index, double Weight)[] LinearTaps(double p, int inSize)
    {
        p = Math.Clamp(p, 0, inSize - 1);
        int i0 = (int)Math.Floor(p);
        double w1 = p - i0;
        return new[] { (i0, 1 - w1), (Math.Min(i0 + 1, inSize - 1), w1) };
    }

    /// <summary>
    /// The four taps floor(p)-1 .. floor(p)+2 of cubic convolution with coefficient a. Taps outside
    /// the axis read the edge, or with excludeOutside get weight 0 and the others renormalise.
    /// </summary>
    public static (int Index, double Weight)[] CubicTaps(double p, int inSize, double a, bool excludeOutside)
    {
        int i0 = (int)Math.Floor(p);
        double t = p - i0, u = 1 - t;
        double[] w =
        {
            ((a * (t + 1) - 5 * a) * (t + 1) + 8 * a) * (t + 1) - 4 * a,
            ((a + 2) * t - (a + 3)) * t * t + 1,
            ((a + 2) * u - (a + 3)) * u * u + 1,
            ((a * (u + 1) - 5 * a) * (u + 1) + 8 * a) * (u + 1) - 4 * a,
        };
        var taps = new (int, double)[4];
        double kept = 0;
        for (int k = 0; k < 4; k++)
        {
            int index = i0 - 1 + k;
            bool outside = index < 0 || index >= inSize;
            if (outside && excludeOutside) w[k] = 0;
            kept += w[k];
            taps[k] = (Math.Clamp(index, 0, inSize - 1), w[k]);
        }
        if (excludeOutside && kept != 0)
            for (int k = 0; k < 4; k++) taps[k].Item2 /= kept;
        return taps;
    }
}
