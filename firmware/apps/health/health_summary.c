#include "health_summary.h"
#include "board_stack.h"
#include "control_u64.h"
#include "semihosting.h"

extern uint32_t __stack_top__; /* the linker script's end of RAM */

void health_stats_add_prediction(health_stats *s, uint32_t instructions)
{
    if (instructions > s->instructions_max) s->instructions_max = instructions;
    s->instructions_total += instructions;
    s->predictions++;
}

uint32_t health_stack_bytes(void)
{
    return (uint32_t)((uintptr_t)&__stack_top__ - board_stack_lowest_used());
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

void health_summary_print(const health_stats *s, uint32_t bad_frames, uint32_t stack_bytes, const char *model)
{
    uint32_t unused;
    semihosting_write0("edgetk health summary\n");
    print_line("model", model, 0);
    print_line("days", 0, s->days);
    print_line("predictions", 0, s->predictions);
    print_line("instructions_max", 0, s->instructions_max);
    print_line("instructions_mean", 0,
               s->predictions ? control_u64_divide(s->instructions_total + s->predictions / 2u, s->predictions, &unused) : 0u);
    print_line("bad_frames", 0, bad_frames);
    print_line("lost_frames", 0, s->lost_frames);
    print_line("repeated_frames", 0, s->repeated_frames);
    print_line("stack_bytes", 0, stack_bytes);
}
