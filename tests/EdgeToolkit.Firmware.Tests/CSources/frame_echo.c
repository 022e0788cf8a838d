/* Echo firmware for the UART + protocol tests: HELLO at start, then every good frame goes back
   unchanged; STOP (echoed too) ends the run with the parser's counters on semihosting. */
#include "etk_frame.h"
#include "semihosting.h"
#include "uart.h"

static etk_frame_parser parser;
static etk_frame frame;
static uint8_t out[ETK_FRAME_MAX_BYTES];

static void print_count(const char *key, uint32_t n)
{
    char text[32];
    int len = 0, d = 0;
    char digits[10];
    while (*key) text[len++] = *key++;
    text[len++] = ' ';
    do { digits[d++] = (char)('0' + n % 10u); n /= 10u; } while (n);
    while (d) text[len++] = digits[--d];
    text[len++] = '\n';
    text[len] = 0;
    semihosting_write0(text);
}

int main(void)
{
    static const uint8_t hello[] = { 'e', 'c', 'h', 'o' };
    uart_init();
    etk_frame_parser_init(&parser);
    uart_write(out, etk_frame_encode(ETK_FRAME_HELLO, 0, hello, sizeof hello, out));
    for (;;) {
        etk_frame_parser_push(&parser, uart_read_byte());
        while (etk_frame_parser_next(&parser, &frame)) {
            uart_write(out, etk_frame_encode(frame.type, frame.seq, frame.payload, frame.len, out));
            if (frame.type == ETK_FRAME_STOP) {
                print_count("frames", parser.frames);
                print_count("bad", parser.bad_frames);
                print_count("skipped", parser.skipped_bytes);
                return 0;
            }
        }
    }
}
