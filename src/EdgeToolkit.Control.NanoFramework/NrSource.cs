namespace EdgeToolkit.Control.NanoFramework
{
    /// <summary>Which controller produced a command (the same values as etk_nr_source in C and ControlSource in .NET).</summary>
    public enum NrSource { Newton = 0, FallbackSensor = 1, FallbackMismatch = 2, FallbackSingular = 3, FallbackDiverged = 4 }
}
