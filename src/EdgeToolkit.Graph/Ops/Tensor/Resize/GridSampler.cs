namespace EdgeToolkit.Graph.Ops.TensorOps;

/// <summary>Samples one H x W plane at normalised coordinates, as the ONNX GridSample reference does.</summary>
internal sealed class GridSampler(string mode, string padding, bool alignCorners, int height, int width)
{
    // Reflection bounds: pixel centres with align_corners, pixel edges without.
    private readonly double _xMin = alignCorners ? 0 : -0.5, _xMax = alignCorners ? width - 1 : width - 0.5;
    private readonly double _yMin = alignCorners ? 0 : -0.5, _yMax = alignCorners ? height - 1 : height - 0.5;

    public double Sample(float[] plane, double nx, double ny)
    {
        double x = Denormalize(nx, width), y = Denormalize(ny, height);
        if (mode == "nearest")
            return Pixel(plane, (int)Math.Round(Adjust(y, _yMin, _yMax, height), MidpointRounding.ToEven),
                (int)Math.Round(Adjust(x, _xMin, _xMax, width), MidpointRounding.ToEven));
        if (mode == "bilinear")
        {
            x = Adjust(x, _xMin, _xMax, width);
            y = Adjust(y, _yMin, _yMax, height);
            int x0 = (int)Math.Floor(x), y0 = (int)Math.Floor(y);
            double dx = x - x0, dy = y - y0;
            return (1 - dy) * ((1 - dx) * Pixel(plane, y0, x0) + dx * Pixel(plane, y0, x0 + 1))
                + dy * ((1 - dx) * Pixel(plane, y0 + 1, x0) + dx * Pixel(plane, y0 + 1, x0 + 1));
        }
        int bx = (int)Math.Floor(x) - 1, by = (int)Math.Floor(y) - 1;
        var cx = Cubic(x - bx - 1);
        var cy = Cubic(y - by - 1);
        double sum = 0;
        for (int r = 0; r < 4; r++)
        {
            double row = 0;
            for (int k = 0; k < 4; k++) row += cx[k] * Pixel(plane, by + r, bx + k);
            sum += cy[r] * row;
        }
        return sum;
    }

    private double Denormalize(double v, int length) =>
        alignCorners ? (v + 1) / 2 * (length - 1) : ((v + 1) * length - 1) / 2;

    /// <summary>Border and reflection padding move an out-of-range coordinate back inside first.</summary>
    private double Adjust(double v, double min, double max, int length) => padding switch
    {
        "border" => Math.Clamp(v, 0, length - 1),
        "reflection" => Reflect(v, min, max),
        _ => v,
    };

    private static double Reflect(double v, double min, double max)
    {
        double range = max - min;
        if (range <= 0) return min;
        if (v < min)
        {
            double d = min - v;
            int flips = (int)(d / range);
            double r = d - flips * range;
            return flips % 2 == 0 ? min + r : max - r;
        }
        if (v > max)
        {
            double d = v - max;
            int flips = (int)(d / range);
            double r = d - flips * range;
            return flips % 2 == 0 ? max - r : min + r;
        }
        return v;
    }

    /// <summary>The pixel at (r, c), with out-of-range positions resolved by the padding mode.</summary>
    private double Pixel(float[] plane, int r, int c)
    {
        if (r >= 0 && r < height && c >= 0 && c < width) return plane[r * width + c];
        switch (padding)
        {
            case "zeros": return 0;
            case "border": return plane[Math.Clamp(r, 0, height - 1) * width + Math.Clamp(c, 0, width - 1)];
            default:
                int rr = (int)Reflect(r, _yMin, _yMax), cc = (int)Reflect(c, _xMin, _xMax);
                return plane[Math.Clamp(rr, 0, height - 1) * width + Math.Clamp(cc, 0, width - 1)];
        }
    }

    private static double[] Cubic(double t)
    {
        const double a = -0.75;
        double u = 1 - t;
        return new[]
        {
            ((a * (t + 1) - 5 * a) * (t + 1) + 8 * a) * (t + 1) - 4 * a,
            ((a + 2) * t - (a + 3)) * t * t + 1,
            ((a + 2) * u - (a + 3)) * u * u + 1,
            ((a * (u + 1) - 5 * a) * (u + 1) + 8 * a) * (u + 1) - 4 * a,
        };
    }
}
