/* Stack high-water mark by painting: fill the unused stack with a pattern, run, then find the
 * deepest word that no longer holds it. */
#ifndef EDGETK_BOARD_STACK_H
#define EDGETK_BOARD_STACK_H
#include <stdint.h>

/* Paints from the stack's limit up to the current stack pointer. */
void board_stack_paint(void);
/* Lowest address written since the last paint (the stack grows down). */
uintptr_t board_stack_lowest_used(void);
/* The caller's current stack pointer. */
uintptr_t board_stack_pointer(void);

#endif
