/* nRF51 UART (micro:bit: TX P0.24, RX P0.25, the lines of its USB interface chip; QEMU's first
 * -serial). Events are polled: RXDRDY is cleared before RXD is read, TXDRDY after each byte. */
#include "uart.h"

#ifndef NRF51_UART_BASE
#define NRF51_UART_BASE 0x40002000u
#endif
#ifndef NRF51_UART_TX_PIN
#define NRF51_UART_TX_PIN 24u
#endif
#ifndef NRF51_UART_RX_PIN
#define NRF51_UART_RX_PIN 25u
#endif
#define REG(offset) (*(volatile uint32_t *)(NRF51_UART_BASE + (offset)))
#define TASKS_STARTRX REG(0x000u)
#define TASKS_STARTTX REG(0x008u)
#define EVENTS_RXDRDY REG(0x108u)
#define EVENTS_TXDRDY REG(0x11Cu)
#define ENABLE REG(0x500u)
#define PSELTXD REG(0x50Cu)
#define PSELRXD REG(0x514u)
#define RXD REG(0x518u)
#define TXD REG(0x51Cu)
#define BAUDRATE REG(0x524u)
#define ENABLE_UART 4u
#define BAUDRATE_115200 0x01D7E000u

void uart_init(void)
{
    PSELTXD = NRF51_UART_TX_PIN;
    PSELRXD = NRF51_UART_RX_PIN;
    BAUDRATE = BAUDRATE_115200; /* the register takes fixed codes, not a divider: UART_BAUD is not used */
    ENABLE = ENABLE_UART;
    EVENTS_RXDRDY = 0;
    EVENTS_TXDRDY = 0;
    TASKS_STARTTX = 1;
    TASKS_STARTRX = 1;
}

void uart_write(const uint8_t *bytes, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        TXD = bytes[i];
        while (!EVENTS_TXDRDY) { }
        EVENTS_TXDRDY = 0;
    }
}

uint8_t uart_read_byte(void)
{
    while (!EVENTS_RXDRDY) { }
    EVENTS_RXDRDY = 0;
    return (uint8_t)RXD;
}
