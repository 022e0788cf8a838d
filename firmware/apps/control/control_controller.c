#include "control_controller.h"
#include "board_timer.h"
#include "control_settings.h"
#include "control_u64.h"

/* Under QEMU -icount shift=S every instruction advances the timer by 2^S ns, so instructions =
   ticks * 1e9 / timer_hz / 2^S; the firmware build writes that ratio reduced to integers. */
#ifndef ETK_TICKS_NUM
#define ETK_TICKS_NUM 0u /* no conversion known: report 0 instructions */
#endif
#ifndef ETK_TICKS_DEN
#define ETK_TICKS_DEN 1u
#endif

#ifdef ETK_CONTROL_PID_ONLY
const uint8_t control_controller_kind = 1;
const char control_controller_name[] = "pid";
static etk_pid_state pid;
static float u_last[ETK_NR_MAX_INPUTS], y_last_valid[ETK_NR_MAX_OUTPUTS];
static int have_reading;
static etk_nr_counters pid_counters;
#else
const uint8_t control_controller_kind = 0;
const char control_controller_name[] = "newton";
static etk_nr_controller controller;
#endif

int control_controller_init(void)
{
#ifdef ETK_CONTROL_PID_ONLY
    for (int i = 0; i < etk_control_settings.p; i++) u_last[i] = etk_control_settings.u_initial[i];
    etk_pid_reset(&pid);
    return 0;
#else
    return etk_nr_init(&controller, &etk_control_settings, &etk_control_model);
#endif
}

const etk_nr_counters *control_controller_counters(void)
{
#ifdef ETK_CONTROL_PID_ONLY
    return &pid_counters;
#else
    return &controller.counters;
#endif
}

#ifdef ETK_CONTROL_PID_ONLY
/* The baseline as the .NET PidLoopController runs it: a reading outside the valid band (or NaN)
   is replaced by the last valid one and counted; before any valid reading the initial command holds. */
static void pid_baseline_step(const etk_nr_settings *s, const float *y, const float *ref, float *u)
{
    int valid = 1;
    pid_counters.steps++;
    for (int o = 0; o < s->m; o++)
        if (!(y[o] >= s->y_valid_lo[o] && y[o] <= s->y_valid_hi[o])) valid = 0;
    if (valid) {
        for (int o = 0; o < s->m; o++) y_last_valid[o] = y[o];
        have_reading = 1;
    } else {
        pid_counters.sensor_faults++;
    }
    if (have_reading) {
        etk_pid_step(s, &pid, y_last_valid, ref, u_last, u);
        etk_pid_track(s, &pid, u); /* alone, the PID sends what it proposed */
    } else {
        for (int i = 0; i < s->p; i++) u[i] = u_last[i];
    }
    for (int i = 0; i < s->p; i++) u_last[i] = u[i];
}
#endif

static uint32_t ticks_to_instructions(uint32_t ticks)
{
    uint32_t remainder;
    return (uint32_t)control_u64_divide((uint64_t)ticks * ETK_TICKS_NUM + ETK_TICKS_DEN / 2u, ETK_TICKS_DEN, &remainder);
}

uint8_t control_controller_step(const float *y, const float *ref, float *u, uint32_t *instructions)
{
    uint8_t source;
    /* Restarted per period, so SysTick (24 bits) wraps only inside periods longer than 2^24 ticks. */
    board_timer_start();
    uint32_t t0 = board_timer_ticks();
#ifdef ETK_CONTROL_PID_ONLY
    pid_baseline_step(&etk_control_settings, y, ref, u);
    source = CONTROL_SOURCE_PID_BASELINE;
#else
    source = (uint8_t)etk_nr_step(&controller, y, ref, u);
#endif
    uint32_t t1 = board_timer_ticks();
    *instructions = ticks_to_instructions(t1 - t0);
    return source;
}
