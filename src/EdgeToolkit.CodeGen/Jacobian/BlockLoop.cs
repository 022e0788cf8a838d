namespace EdgeToolkit.CodeGen.Jacobian;

/// <summary>Full blocks of a width (in a loop when there are several), then the rest as a narrower block.</summary>
internal static class BlockLoop
{
    /// <param name="body">Writes one block of the given width.</param>
    /// <param name="advance">The statement that moves the pointers past a block of the given width.</param>
    public static void Write(CWriter c, int n, int width, string counter, Action<int> body, Func<int, string> advance)
    {
        int full = n / width, tail = n % width;
        if (full > 1)
            using (c.Block($"for ({counter} = 0; {counter} < {full}; {counter}++)"))
            {
                body(width);
                c.Line(advance(width));
            }
        else if (full == 1)
            using (c.Scope())
            {
                body(width);
                if (tail > 0) c.Line(advance(width));
            }
        if (tail > 0)
            using (c.Scope()) body(tail);
    }
}
