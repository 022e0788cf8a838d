/* The board timer used to measure cost. Under QEMU -icount the timer runs off the virtual clock,
 * which advances a fixed time per guest instruction, so tick differences convert exactly to
 * instruction counts (the conversion needs the timer frequency, which the board file states). */
#ifndef EDGETK_BOARD_TIMER_H
#define EDGETK_BOARD_TIMER_H
#include <stdint.h>

void board_timer_start(void);
/* Ticks since board_timer_start, counting up; differences are meaningful modulo 2^32. */
uint32_t board_timer_ticks(void);

#endif
