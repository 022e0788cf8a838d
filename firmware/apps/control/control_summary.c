#include "control_summary.h"
#include "control_u64.h"
#include "semihosting.h"

void control_stats_add_step(control_stats *s, uint32_t instructions)
{
    if (s->steps == 0 || instructions < s->instructions_min) s->instructions_min = instructions;
    if (instructions > s->instructions_max) s->instructions_max = instructions;
    s->instructions_total += instructions;
    s->steps++;
}

/* "key value\n" without printf (newlib's printf alone would be several KB of flash). */
static void print_line(const char *key, const char *text, uint64_t number)
{
    char line[64];
    char digits[21];
    int n = 0, d = 0;
    while (*key && n < 40) line[n++] = *key++;
    line[n++] = ' ';
    if (text) {
        while (*text && n < 62) line[n++] = *text++;
    } else {
        do {
            uint32_t digit;
            number = control_u64_divide(number, 10u, &digit);
            digits[d++] = (char)('0' + (int)digit);
        } while (number && d < 20);
        while (d) line[n++] = digits[--d];
    }
    line[n++] = '\n';
    line[n] = 0;
    semihosting_write0(line);
}

void control_summary_print(const control_stats *s, const etk_nr_counters *counters, uint32_t bad_frames,
                           const char *controller, const char *model)
{
    semihosting_write0("edgetk control summary\n");
    print_line("model", model, 0);
    print_line("controller", controller, 0);
    print_line("steps", 0, s->steps);
    print_line("instructions_min", 0, s->instructions_min);
    print_line("instructions_max", 0, s->instructions_max);
    uint32_t unused;
    print_line("instructions_mean", 0, s->steps ? control_u64_divide(s->instructions_total + s->steps / 2u, s->steps, &unused) : 0u);
    print_line("bad_frames", 0, bad_frames);
    print_line("lost_frames", 0, s->lost_frames);
    print_line("repeated_frames", 0, s->repeated_frames);
    print_line("fallbacks", 0, counters->fallbacks);
    print_line("fallback_sensor", 0, counters->fallback_sensor);
    print_line("fallback_mismatch", 0, counters->fallback_mismatch);
    print_line("fallback_singular", 0, counters->fallback_singular);
    print_line("fallback_diverged", 0, counters->fallback_diverged);
    print_line("sensor_faults", 0, counters->sensor_faults);
    print_line("newton_iterations", 0, counters->newton_iterations);
    print_line("saturated_steps", 0, counters->saturated_steps);
}
