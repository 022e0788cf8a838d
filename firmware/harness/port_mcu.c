/* The harness platform on a bare-metal board: semihosting console, board timer, painted stack. */
#include "edgetk_harness.h"
#include "semihosting.h"
#include "board_timer.h"
#include "board_stack.h"

void edgetk_print(const char *text) { semihosting_write0(text); }
void edgetk_ticks_start(void) { board_timer_start(); }
uint32_t edgetk_ticks(void) { return board_timer_ticks(); }
void edgetk_stack_paint(void) { board_stack_paint(); }
uintptr_t edgetk_stack_pointer(void) { return board_stack_pointer(); }
uintptr_t edgetk_stack_lowest_used(void) { return board_stack_lowest_used(); }
