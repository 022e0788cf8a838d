/* Run statistics of the control app and the summary it prints over semihosting at STOP. */
#ifndef ETK_CONTROL_SUMMARY_H
#define ETK_CONTROL_SUMMARY_H

#include <stdint.h>
#include "etk_nr.h"

typedef struct {
    uint32_t steps;            /* SENSOR frames answered with a new command */
    uint32_t repeated_frames;  /* SENSOR frames resent by the host (answered from the cache) */
    uint32_t lost_frames;      /* gaps in the host's sequence numbers */
    uint32_t instructions_min, instructions_max;
    uint64_t instructions_total;
} control_stats;

void control_stats_add_step(control_stats *s, uint32_t instructions);
/* Prints "key value" lines (the host parses them) and the controller's counters. */
void control_summary_print(const control_stats *s, const etk_nr_counters *counters, uint32_t bad_frames,
                           const char *controller, const char *model);

#endif
