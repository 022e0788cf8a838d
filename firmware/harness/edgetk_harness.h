/* What a generated test harness (main.c) needs from its platform: a console, a cost counter,
 * and the stack probe. port_mcu.c implements it on the board support of firmware/boards/common,
 * port_hosted.c on a hosted C library (host, aarch64 under qemu-user). */
#ifndef EDGETK_HARNESS_H
#define EDGETK_HARNESS_H
#include <stdint.h>

void edgetk_print(const char *text);

/* A line of hex words, flushed in chunks so that large outputs need no large buffer. */
void edgetk_line_begin(const char *tag);
void edgetk_line_u32(uint32_t value);
void edgetk_line_hex32(uint32_t value);
void edgetk_line_hex64(uint64_t value);
void edgetk_line_end(void);

#ifdef EDGETK_HOSTED
/* Monotonic nanoseconds (CLOCK_MONOTONIC). */
double edgetk_now_ns(void);
#else
/* Board timer ticks (convert with the board's timer frequency and QEMU's icount shift). */
void edgetk_ticks_start(void);
uint32_t edgetk_ticks(void);
void edgetk_stack_paint(void);
uintptr_t edgetk_stack_pointer(void);
uintptr_t edgetk_stack_lowest_used(void);
#endif

#endif
