/* CMSDK APB timer 0 of the MPS2 boards: a 32-bit down counter on the 25 MHz peripheral clock. */
#include "board_timer.h"

#ifndef CMSDK_TIMER_BASE
#define CMSDK_TIMER_BASE 0x40000000u
#endif
#define TIMER_CTRL (*(volatile uint32_t *)(CMSDK_TIMER_BASE + 0x0u))
#define TIMER_VALUE (*(volatile uint32_t *)(CMSDK_TIMER_BASE + 0x4u))
#define TIMER_RELOAD (*(volatile uint32_t *)(CMSDK_TIMER_BASE + 0x8u))

void board_timer_start(void)
{
    TIMER_CTRL = 0;
    TIMER_RELOAD = 0xFFFFFFFFu;
    TIMER_VALUE = 0xFFFFFFFFu;
    TIMER_CTRL = 1u;
}

uint32_t board_timer_ticks(void)
{
    return 0xFFFFFFFFu - TIMER_VALUE;
}
