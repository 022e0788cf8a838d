/* The harness platform on a hosted C library: stdout and CLOCK_MONOTONIC. */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <time.h>
#include "edgetk_harness.h"

void edgetk_print(const char *text) { fputs(text, stdout); }

double edgetk_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}
