/* CMSDK APB UART (the MPS2 boards): one-byte transmit and receive buffers, polled through STATE. */
#include "uart.h"

#ifndef CMSDK_UART_BASE
#define CMSDK_UART_BASE 0x40004000u
#endif
#ifndef UART_CLOCK_HZ
#define UART_CLOCK_HZ 25000000u
#endif
#define UART_DATA (*(volatile uint32_t *)(CMSDK_UART_BASE + 0x00u))
#define UART_STATE (*(volatile uint32_t *)(CMSDK_UART_BASE + 0x04u))
#define UART_CTRL (*(volatile uint32_t *)(CMSDK_UART_BASE + 0x08u))
#define UART_BAUDDIV (*(volatile uint32_t *)(CMSDK_UART_BASE + 0x10u))
#define STATE_TX_FULL 1u
#define STATE_RX_FULL 2u
#define CTRL_TX_ENABLE 1u
#define CTRL_RX_ENABLE 2u

void uart_init(void)
{
    /* The divider must be at least 16, or the UART ignores it (and QEMU's model drops input). */
    UART_BAUDDIV = UART_CLOCK_HZ / UART_BAUD;
    UART_CTRL = CTRL_TX_ENABLE | CTRL_RX_ENABLE;
}

void uart_write(const uint8_t *bytes, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        while (UART_STATE & STATE_TX_FULL) { }
        UART_DATA = bytes[i];
    }
}

uint8_t uart_read_byte(void)
{
    while (!(UART_STATE & STATE_RX_FULL)) { }
    return (uint8_t)UART_DATA;
}
