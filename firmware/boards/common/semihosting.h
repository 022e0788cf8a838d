/* ARM semihosting (bkpt 0xAB): the emulated board's console and exit code. */
#ifndef EDGETK_SEMIHOSTING_H
#define EDGETK_SEMIHOSTING_H

/* Prints a NUL-terminated string on the host's stdout (SYS_WRITE0). */
void semihosting_write0(const char *text);

/* Ends the run with an exit code the host sees in $? (SYS_EXIT_EXTENDED: plain SYS_EXIT can only say 0 or 1). */
void semihosting_exit(int code) __attribute__((noreturn));

#endif
