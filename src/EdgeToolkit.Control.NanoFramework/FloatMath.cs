namespace EdgeToolkit.Control.NanoFramework
{
    /// <summary>
    /// The few float helpers the controller needs: nanoFramework's mscorlib has no System.Math
    /// (that is a separate package, not served here, and it would cost flash for four one-liners).
    /// </summary>
    public static class FloatMath
    {
        public static float Abs(float x) => x < 0f ? -x : x;

        /// <summary>False for NaN and +-infinity: x - x is 0 for every finite x and NaN otherwise.</summary>
        public static bool IsFinite(float x) => x - x == 0f;

        public static float Min(float a, float b) => a < b ? a : b;

        public static float Max(float a, float b) => a > b ? a : b;
    }
}
