namespace EdgeToolkit.Control.NanoFramework
{
    /// <summary>The counters of docs/controller.md, 32-bit like etk_nr_counters.</summary>
    public sealed class NrCounters
    {
        public uint Steps;
        public uint Fallbacks;
        public uint FallbackSensor;
        public uint FallbackMismatch;
        public uint FallbackSingular;
        public uint FallbackDiverged;
        public uint SensorFaults;
        public uint NewtonIterations;
        public uint SaturatedSteps;

        public void Clear()
        {
            Steps = Fallbacks = FallbackSensor = FallbackMismatch = FallbackSingular = FallbackDiverged = 0;
            SensorFaults = NewtonIterations = SaturatedSteps = 0;
        }
    }
}
