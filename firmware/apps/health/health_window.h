/* The rolling window of daily readings, kept directly in the model's input layout: W days of C
   columns, oldest first, then the target day's weekday one-hot (Monday = 0). A new day shifts the
   older ones down by one day, so the model reads the window without another copy. */
#ifndef ETK_HEALTH_WINDOW_H
#define ETK_HEALTH_WINDOW_H

#include <stdint.h>
#include "health_settings.h"

typedef struct {
    float input[HEALTH_INPUTS];
    uint8_t days;           /* days held, at most HEALTH_DAYS */
    uint8_t target_weekday; /* the day after the newest one */
} health_window;

void health_window_init(health_window *w);
/* Appends one day (weekday 0..6 of the day the columns describe) and points the one-hot at the next day. */
void health_window_push(health_window *w, uint8_t weekday, const float *columns);
/* 1 once the window holds HEALTH_DAYS days: only then is input a whole window. */
int health_window_ready(const health_window *w);

#endif
