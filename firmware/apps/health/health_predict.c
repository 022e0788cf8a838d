#include "health_predict.h"
#include "board_timer.h"
#include "control_u64.h"

/* Under QEMU -icount shift=S every instruction advances the timer by 2^S ns, so instructions =
   ticks * 1e9 / timer_hz / 2^S; the firmware build writes that ratio reduced to integers. */
#ifndef ETK_TICKS_NUM
#define ETK_TICKS_NUM 0u /* no conversion known: report 0 instructions */
#endif
#ifndef ETK_TICKS_DEN
#define ETK_TICKS_DEN 1u
#endif

static uint32_t ticks_to_instructions(uint32_t ticks)
{
    uint32_t remainder;
    return (uint32_t)control_u64_divide((uint64_t)ticks * ETK_TICKS_NUM + ETK_TICKS_DEN / 2u, ETK_TICKS_DEN, &remainder);
}

uint32_t health_predict(const float *input, float *outputs, uint8_t *classes)
{
    /* Restarted per prediction, so SysTick (24 bits) wraps only inside runs longer than 2^24 ticks. */
    board_timer_start();
    uint32_t t0 = board_timer_ticks();
    health_model_run(input, outputs);
    uint32_t t1 = board_timer_ticks();

    int first = 0;
    for (int h = 0; h < HEALTH_HEADS; h++) {
        int best = 0;
        for (int k = 1; k < health_head_sizes[h]; k++)
            if (outputs[first + k] > outputs[first + best]) best = k;
        classes[h] = (uint8_t)best;
        first += health_head_sizes[h];
    }
    return ticks_to_instructions(t1 - t0);
}
