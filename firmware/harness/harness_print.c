/* Line formatting shared by every port: tag, then space-separated words, newline. */
#include "edgetk_harness.h"

static char line[160];
static unsigned line_used;

static void line_flush(void)
{
    line[line_used] = 0;
    edgetk_print(line);
    line_used = 0;
}

static void line_put(const char *word)
{
    unsigned n = 0;
    while (word[n]) n++;
    if (line_used + n + 2 >= sizeof line) line_flush();
    line[line_used++] = ' ';
    while (*word) line[line_used++] = *word++;
}

void edgetk_line_begin(const char *tag)
{
    line_used = 0;
    while (*tag && line_used < 32) line[line_used++] = *tag++;
}

void edgetk_line_u32(uint32_t value)
{
    char digits[11];
    int i = 10;
    digits[i] = 0;
    do { digits[--i] = (char)('0' + value % 10u); value /= 10u; } while (value);
    line_put(&digits[i]);
}

void edgetk_line_hex32(uint32_t value)
{
    static const char hex[] = "0123456789abcdef";
    char digits[9];
    int i;
    for (i = 7; i >= 0; i--) { digits[i] = hex[value & 0xFu]; value >>= 4; }
    digits[8] = 0;
    line_put(digits);
}

void edgetk_line_hex64(uint64_t value)
{
    static const char hex[] = "0123456789abcdef";
    char digits[17];
    int i;
    for (i = 15; i >= 0; i--) { digits[i] = hex[value & 0xFu]; value >>= 4; }
    digits[16] = 0;
    line_put(digits);
}

void edgetk_line_end(void)
{
    line[line_used++] = '\n';
    line_flush();
}
