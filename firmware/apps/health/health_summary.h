/* Run statistics of the health app, the STOP reply's totals and the summary printed over semihosting. */
#ifndef ETK_HEALTH_SUMMARY_H
#define ETK_HEALTH_SUMMARY_H

#include <stdint.h>

typedef struct {
    uint32_t days;             /* DAY frames taken into the window */
    uint32_t predictions;      /* model runs (days answered once the window was full) */
    uint32_t repeated_frames;  /* DAY frames resent by the host (answered from the cache) */
    uint32_t lost_frames;      /* gaps in the host's sequence numbers */
    uint32_t instructions_max;
    uint64_t instructions_total;
} health_stats;

void health_stats_add_prediction(health_stats *s, uint32_t instructions);
/* The stack's high-water mark since reset in bytes (the start-up code paints it). */
uint32_t health_stack_bytes(void);
/* Prints "key value" lines (the host parses them) after the line "edgetk health summary". */
void health_summary_print(const health_stats *s, uint32_t bad_frames, uint32_t stack_bytes, const char *model);

#endif
