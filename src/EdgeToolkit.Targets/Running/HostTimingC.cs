namespace EdgeToolkit.Targets.Running;

/// <summary>
/// The C that hosted harnesses use to time a call: a function returning the median nanoseconds of
/// `call` over timed batches, each batch long enough (>= 0.2 ms) for the clock's resolution, for
/// EDGETK_TIME_BUDGET_NS in all and at least 5 samples. The harness includes stdlib.h (qsort).
/// </summary>
internal static class HostTimingC
{
    /// <param name="signature">e.g. "time_case(int k)".</param>
    /// <param name="call">The statement timed, e.g. "(void)RUN_CASE(k);".</param>
    /// <param name="perBatch">What one batch's time is divided by, e.g. "(double)batch".</param>
    /// <param name="prologue">Extra C at the top of the function body (may be empty).</param>
    public static string MedianTimer(string comment, string signature, string call, string perBatch, string prologue = "") => $$"""
        #ifndef EDGETK_TIME_BUDGET_NS
        #define EDGETK_TIME_BUDGET_NS 5e7
        #endif
        #define MAX_SAMPLES 512

        static int compare_doubles(const void *a, const void *b)
        {
            double x = *(const double *)a, y = *(const double *)b;
            return (x > y) - (x < y);
        }

        /* {{comment}} */
        static double {{signature}}
        {
            static double samples[MAX_SAMPLES];
            long batch = 1, b;
            int n = 0;
            double t0, t1, total = 0;{{(prologue.Length > 0 ? "\n    " + prologue : "")}}
            for (;;) {
                t0 = edgetk_now_ns();
                for (b = 0; b < batch; b++) {{call}}
                t1 = edgetk_now_ns();
                if (t1 - t0 >= 2e5 || batch >= (1L << 24)) break;
                batch *= 2;
            }
            while (n < MAX_SAMPLES && (total < EDGETK_TIME_BUDGET_NS || n < 5)) {
                t0 = edgetk_now_ns();
                for (b = 0; b < batch; b++) {{call}}
                t1 = edgetk_now_ns();
                samples[n++] = (t1 - t0) / ({{perBatch}});
                total += t1 - t0;
            }
            qsort(samples, (size_t)n, sizeof samples[0], compare_doubles);
            return n % 2 ? samples[n / 2] : 0.5 * (samples[n / 2 - 1] + samples[n / 2]);
        }

        """;
}
