/* The board's serial port, polled (no interrupts, no FIFO of our own): the control app's link to
 * the host. One driver per UART family (uart_cmsdk.c, uart_stm32.c, uart_nrf51.c) implements it;
 * the base address and clocks come from the board file's "uart" entry as -D flags. */
#ifndef EDGETK_UART_H
#define EDGETK_UART_H
#include <stddef.h>
#include <stdint.h>

#ifndef UART_BAUD
#define UART_BAUD 115200u
#endif

/* 8N1 at UART_BAUD, transmitter and receiver on. */
void uart_init(void);
/* Sends the bytes, waiting while the transmitter is busy. */
void uart_write(const uint8_t *bytes, size_t count);
/* Waits for the next received byte. */
uint8_t uart_read_byte(void);

#endif
