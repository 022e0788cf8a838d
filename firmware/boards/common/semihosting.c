#include "semihosting.h"

#define SYS_WRITE0 0x04
#define SYS_EXIT_EXTENDED 0x20
#define ADP_STOPPED_APPLICATION_EXIT 0x20026

static int semihosting_call(int op, const void *arg)
{
    register int r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;
    __asm__ volatile(".syntax unified\n bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

void semihosting_write0(const char *text)
{
    semihosting_call(SYS_WRITE0, text);
}

void semihosting_exit(int code)
{
    const int block[2] = { ADP_STOPPED_APPLICATION_EXIT, code };
    semihosting_call(SYS_EXIT_EXTENDED, block);
    for (;;) { }
}
