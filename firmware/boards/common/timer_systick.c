/* SysTick (24-bit down counter on the core clock). An interrupt on each wrap extends it to 32 bits,
 * so a measured region may be longer than 2^24 ticks; the handler's few instructions per wrap
 * (one every 2^24 ticks) are the only cost it adds. */
#include "board_timer.h"

#define SYST_CSR (*(volatile uint32_t *)0xE000E010u)
#define SYST_RVR (*(volatile uint32_t *)0xE000E014u)
#define SYST_CVR (*(volatile uint32_t *)0xE000E018u)
#define SYST_ENABLE 1u
#define SYST_TICKINT 2u
#define SYST_CORE_CLOCK 4u
#define SYST_MAX 0x00FFFFFFu

static volatile uint32_t systick_wraps;

void SysTick_Handler(void)
{
    systick_wraps++;
}

void board_timer_start(void)
{
    SYST_CSR = 0;
    SYST_RVR = SYST_MAX;
    SYST_CVR = 0;
    systick_wraps = 0;
    SYST_CSR = SYST_ENABLE | SYST_TICKINT | SYST_CORE_CLOCK;
}

uint32_t board_timer_ticks(void)
{
    uint32_t wraps, value;
    /* Re-read when a wrap happened between the two reads, so value and wraps agree. */
    do {
        wraps = systick_wraps;
        value = SYST_CVR;
    } while (wraps != systick_wraps);
    return wraps * (SYST_MAX + 1u) + (SYST_MAX - value);
}
