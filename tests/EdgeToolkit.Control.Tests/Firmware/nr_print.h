/* Report lines: a tag, then words. Floats print as their bits (0x3f800000: exact, and no printf
   on the boards) or, on the host in decimal mode, with %.9g (which reads back to the same float). */
#ifndef NR_PRINT_H
#define NR_PRINT_H

void nr_print_decimal(int on);
void nr_line_begin(const char *tag);
void nr_line_int(long value);
void nr_line_float(float value);
void nr_line_end(void);

#endif
