#include "nr_port.h"

#ifdef EDGETK_HOSTED
#include <stdio.h>

void nr_port_write(const char *text) { fputs(text, stdout); }
void nr_port_ticks_start(void) { }
uint32_t nr_port_ticks(void) { return 0u; }
#else
#include "semihosting.h"
#include "board_timer.h"

void nr_port_write(const char *text) { semihosting_write0(text); }
void nr_port_ticks_start(void) { board_timer_start(); }
uint32_t nr_port_ticks(void) { return board_timer_ticks(); }
#endif
