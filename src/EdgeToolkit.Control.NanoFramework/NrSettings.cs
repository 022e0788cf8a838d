using System;

namespace EdgeToolkit.Control.NanoFramework
{
    public enum NrFallbackMode { Hold = 0, Pid = 1 }

    /// <summary>
    /// Every setting of the Newton-Raphson controller and its PID (docs/controller.md): the fields
    /// of EdgeToolkit.Control.Runtime.ControllerSettings with the same names and defaults, as public
    /// fields like the C struct etk_nr_settings. Arrays: per command (P), per output (M), per PID
    /// loop; Mix is [loops x P] row-major; Rate is per period, in the command's units.
    /// </summary>
    public sealed class NrSettings
    {
        public int P;
        public int M;
        public int Delay;
        public int InputLags;
        public int OutputLags;

        public int Horizon;
        public int MaxIterations = 1;
        public float Period;
        public float Tolerance = 1e-4f;
        public float Barrier = 1e-4f;
        public float DisturbanceGain;

        public float[] Lo = new float[0];
        public float[] Hi = new float[0];
        public float[] Rate = new float[0];
        public float[] UInitial = new float[0];
        public float[] Lambda = new float[0];

        public float[] Q = new float[0];
        public float[] YScale = new float[0];
        public float[] YValidLo = new float[0];
        public float[] YValidHi = new float[0];

        public int SensorHoldMax = 5;
        public int MismatchSteps = 10;
        public float MismatchThreshold = 0.2f;
        public NrFallbackMode Fallback = NrFallbackMode.Pid;

        public int[] PidOutput = new int[0];
        public float[] Kp = new float[0];
        public float[] Ki = new float[0];
        public float[] Kd = new float[0];
        public float[] Tf = new float[0];
        public float[] U0 = new float[0];
        public float[] Mix = new float[0];

        /// <summary>n = P*InputLags + M*OutputLags: the model's inputs.</summary>
        public int Features => P * InputLags + M * OutputLags;

        public int PidLoops => PidOutput.Length;

        /// <summary>Throws ArgumentException for settings the controller cannot run (as etk_nr_init returns -1).</summary>
        public void Check(int modelInputs, int modelOutputs)
        {
            if (P < 1 || M < 1 || InputLags < 1 || OutputLags < 1) throw new ArgumentException("P, M, InputLags and OutputLags must be at least 1");
            if (Delay < 1) throw new ArgumentException("Delay must be at least 1 (docs/controller.md step 4)");
            if (Horizon < 1 || MaxIterations < 1) throw new ArgumentException("Horizon and MaxIterations must be at least 1");
            if (!(Period > 0f)) throw new ArgumentException("Period must be positive");
            if (modelInputs != Features || modelOutputs != M)
                throw new ArgumentException("the model maps " + modelInputs + " -> " + modelOutputs + " values; the settings need " + Features + " -> " + M);
            CheckLength(Lo, P, "Lo"); CheckLength(Hi, P, "Hi"); CheckLength(Rate, P, "Rate");
            CheckLength(UInitial, P, "UInitial"); CheckLength(Lambda, P, "Lambda"); CheckLength(U0, P, "U0");
            CheckLength(Q, M, "Q"); CheckLength(YScale, M, "YScale"); CheckLength(YValidLo, M, "YValidLo"); CheckLength(YValidHi, M, "YValidHi");
            int loops = PidLoops;
            CheckLength(Kp, loops, "Kp"); CheckLength(Ki, loops, "Ki"); CheckLength(Kd, loops, "Kd"); CheckLength(Tf, loops, "Tf");
            CheckLength(Mix, loops * P, "Mix");
            for (int i = 0; i < P; i++)
                if (!(Hi[i] > Lo[i])) throw new ArgumentException("command " + i + " needs Hi > Lo");
            for (int l = 0; l < loops; l++)
                if (PidOutput[l] < 0 || PidOutput[l] >= M) throw new ArgumentException("PID loop " + l + " tracks output " + PidOutput[l] + " of " + M);
        }

        private static void CheckLength(Array values, int expected, string name)
        {
            if (values.Length != expected) throw new ArgumentException(name + " has " + values.Length + " values, expected " + expected);
        }
    }
}
