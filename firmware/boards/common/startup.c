/* Start-up for every Cortex-M board: vector table, reset (FPU, .data, .bss, stack paint, main),
 * and one handler for every unexpected exception that says which one it was and exits 100+n.
 * The linker script (generated from the board's hardware/ file) provides the region symbols. */
#include <stdint.h>
#include "semihosting.h"
#include "board_stack.h"

extern uint32_t __data_load__, __data_start__, __data_end__, __bss_start__, __bss_end__;
extern uint32_t __stack_limit__, __stack_top__;

int main(void);
void Reset_Handler(void) __attribute__((noreturn));
void Default_Handler(void);
void SysTick_Handler(void) __attribute__((weak, alias("Default_Handler")));

#define STACK_PAINT 0x5AA5F00Du
#define IRQ_COUNT 48

__attribute__((section(".isr_vector"), used))
void (*const edgetk_vectors[16 + IRQ_COUNT])(void) = {
    (void (*)(void))(uintptr_t)&__stack_top__,
    Reset_Handler,
    [2 ... 14] = Default_Handler,
    [15] = SysTick_Handler,
    [16 ... 16 + IRQ_COUNT - 1] = Default_Handler,
};

uintptr_t board_stack_pointer(void)
{
    uintptr_t sp;
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    return sp;
}

void board_stack_paint(void)
{
    /* Volatile, or gcc turns the loop into a memset call. Everything below our own stack pointer is
     * free (the loop needs no stack), so painting stops exactly there. */
    volatile uint32_t *p = &__stack_limit__;
    volatile uint32_t *end = (volatile uint32_t *)board_stack_pointer();
    while (p < end) *p++ = STACK_PAINT;
}

uintptr_t board_stack_lowest_used(void)
{
    const volatile uint32_t *p = &__stack_limit__;
    const volatile uint32_t *top = &__stack_top__;
    while (p < top && *p == STACK_PAINT) p++;
    return (uintptr_t)p;
}

void Reset_Handler(void)
{
#if defined(__ARM_FP)
    /* Full access to CP10/CP11 before any floating-point instruction runs. */
    *(volatile uint32_t *)0xE000ED88u |= 0xFu << 20;
    __asm__ volatile("dsb\n isb" ::: "memory");
#endif
    volatile uint32_t *src = &__data_load__;
    volatile uint32_t *dst = &__data_start__;
    while (dst < &__data_end__) *dst++ = *src++;
    for (dst = &__bss_start__; dst < &__bss_end__; ) *dst++ = 0;
    board_stack_paint();
    semihosting_exit(main());
}

static const char *exception_name(unsigned n)
{
    switch (n) {
    case 2: return "NMI";
    case 3: return "HardFault";
    case 4: return "MemManage";
    case 5: return "BusFault";
    case 6: return "UsageFault";
    case 7: return "SecureFault";
    case 11: return "SVCall";
    case 14: return "PendSV";
    case 15: return "SysTick";
    default: return n >= 16 ? "IRQ" : "reserved";
    }
}

void Default_Handler(void)
{
    unsigned n;
    __asm__ volatile("mrs %0, ipsr" : "=r"(n));
    n &= 0x1FFu;
    char digits[4];
    char *d = digits;
    if (n >= 100) *d++ = (char)('0' + n / 100 % 10);
    if (n >= 10) *d++ = (char)('0' + n / 10 % 10);
    *d++ = (char)('0' + n % 10);
    *d = 0;
    semihosting_write0("\nedgetk: fault: exception ");
    semihosting_write0(digits);
    semihosting_write0(" (");
    semihosting_write0(exception_name(n));
    semihosting_write0(")\n");
    semihosting_exit(100 + (int)n);
}
