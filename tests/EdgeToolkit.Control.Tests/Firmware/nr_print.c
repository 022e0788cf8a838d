#include "nr_print.h"
#include "nr_port.h"
#include <stdint.h>
#ifdef EDGETK_HOSTED
#include <stdio.h>
#endif

static char line[200];
static unsigned used;
static int decimal;

void nr_print_decimal(int on) { decimal = on; }

static void flush(void)
{
    line[used] = 0;
    nr_port_write(line);
    used = 0;
}

static void put_word(const char *word)
{
    unsigned n = 0;
    while (word[n]) n++;
    if (used + n + 3 >= sizeof line) flush();
    if (used > 0) line[used++] = ' ';
    while (*word) line[used++] = *word++;
}

void nr_line_begin(const char *tag)
{
    used = 0;
    put_word(tag);
}

void nr_line_int(long value)
{
    char digits[24];
    int i = 23, negative = value < 0;
    unsigned long magnitude = negative ? 0ul - (unsigned long)value : (unsigned long)value;
    digits[i] = 0;
    do { digits[--i] = (char)('0' + magnitude % 10ul); magnitude /= 10ul; } while (magnitude);
    if (negative) digits[--i] = '-';
    put_word(&digits[i]);
}

void nr_line_float(float value)
{
    static const char hex[] = "0123456789abcdef";
    union { float f; uint32_t u; } bits;
    char word[16];
    int i;
#ifdef EDGETK_HOSTED
    if (decimal)
    {
        snprintf(word, sizeof word, "%.9g", (double)value);
        put_word(word);
        return;
    }
#endif
    bits.f = value;
    word[0] = '0';
    word[1] = 'x';
    for (i = 9; i >= 2; i--) { word[i] = hex[bits.u & 0xFu]; bits.u >>= 4; }
    word[10] = 0;
    put_word(word);
}

void nr_line_end(void)
{
    line[used++] = '\n';
    flush();
}
