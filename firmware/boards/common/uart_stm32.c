/* STM32F4 USART (netduinoplus2 = STM32F405: USART1 at 0x40011000 on PA9/PA10, the port QEMU
 * connects to the first -serial). Polled through SR; the pins and clocks are set up as on the real
 * part (QEMU models neither RCC nor GPIO, so those writes are harmless there). */
#include "uart.h"

#ifndef STM32_USART_BASE
#define STM32_USART_BASE 0x40011000u
#endif
#ifndef UART_CLOCK_HZ            /* APB2 after reset: the 16 MHz HSI, undivided */
#define UART_CLOCK_HZ 16000000u
#endif
#define USART_SR (*(volatile uint32_t *)(STM32_USART_BASE + 0x00u))
#define USART_DR (*(volatile uint32_t *)(STM32_USART_BASE + 0x04u))
#define USART_BRR (*(volatile uint32_t *)(STM32_USART_BASE + 0x08u))
#define USART_CR1 (*(volatile uint32_t *)(STM32_USART_BASE + 0x0Cu))
#define SR_RXNE (1u << 5)
#define SR_TXE (1u << 7)
#define CR1_RE (1u << 2)
#define CR1_TE (1u << 3)
#define CR1_UE (1u << 13)

#define RCC_AHB1ENR (*(volatile uint32_t *)0x40023830u)
#define RCC_APB2ENR (*(volatile uint32_t *)0x40023844u)
#define GPIOA_MODER (*(volatile uint32_t *)0x40020000u)
#define GPIOA_AFRH (*(volatile uint32_t *)0x40020024u)
#define RCC_GPIOA_EN (1u << 0)
#define RCC_USART1_EN (1u << 4)

static void route_usart1_pins(void)
{
    RCC_AHB1ENR |= RCC_GPIOA_EN;
    RCC_APB2ENR |= RCC_USART1_EN;
    /* PA9 (TX) and PA10 (RX): alternate function mode, AF7 (USART1). */
    GPIOA_MODER = (GPIOA_MODER & ~((3u << 18) | (3u << 20))) | (2u << 18) | (2u << 20);
    GPIOA_AFRH = (GPIOA_AFRH & ~((0xFu << 4) | (0xFu << 8))) | (7u << 4) | (7u << 8);
}

void uart_init(void)
{
    if (STM32_USART_BASE == 0x40011000u) route_usart1_pins();
    /* Oversampling by 16: BRR holds the divider as 12.4 fixed point, i.e. clock / baud rounded. */
    USART_BRR = (UART_CLOCK_HZ + UART_BAUD / 2u) / UART_BAUD;
    USART_CR1 = CR1_UE | CR1_TE | CR1_RE;
}

void uart_write(const uint8_t *bytes, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        while (!(USART_SR & SR_TXE)) { }
        USART_DR = bytes[i];
    }
}

uint8_t uart_read_byte(void)
{
    while (!(USART_SR & SR_RXNE)) { }
    return (uint8_t)USART_DR;
}
