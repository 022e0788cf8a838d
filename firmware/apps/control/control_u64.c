#include "control_u64.h"

uint64_t control_u64_divide(uint64_t n, uint32_t d, uint32_t *remainder)
{
    uint64_t q = 0, r = 0;
    for (int bit = 63; bit >= 0; bit--) {
        r = (r << 1) | ((n >> bit) & 1u);
        if (r >= d) {
            r -= d;
            q |= (uint64_t)1 << bit;
        }
    }
    *remainder = (uint32_t)r;
    return q;
}
