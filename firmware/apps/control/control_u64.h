/* 64-by-32-bit division by shifts. libgcc's general 64-bit division adds about 700 bytes of
   flash, a third of a small firmware's app code, for the few places that need one (the tick
   conversion and the summary's numbers), none of them time-critical. */
#ifndef ETK_CONTROL_U64_H
#define ETK_CONTROL_U64_H

#include <stdint.h>

/* n / d; the remainder goes to *remainder. d must not be 0. */
uint64_t control_u64_divide(uint64_t n, uint32_t d, uint32_t *remainder);

#endif
