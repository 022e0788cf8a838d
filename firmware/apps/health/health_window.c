#include "health_window.h"

#define WINDOW_FLOATS (HEALTH_DAYS * HEALTH_COLUMNS)

void health_window_init(health_window *w)
{
    for (int i = 0; i < HEALTH_INPUTS; i++) w->input[i] = 0.0f;
    w->days = 0;
    w->target_weekday = 0;
}

void health_window_push(health_window *w, uint8_t weekday, const float *columns)
{
    for (int i = 0; i < WINDOW_FLOATS - HEALTH_COLUMNS; i++) w->input[i] = w->input[i + HEALTH_COLUMNS];
    for (int c = 0; c < HEALTH_COLUMNS; c++) w->input[WINDOW_FLOATS - HEALTH_COLUMNS + c] = columns[c];
    w->target_weekday = (uint8_t)((weekday + 1u) % 7u);
    for (int d = 0; d < 7; d++) w->input[WINDOW_FLOATS + d] = d == w->target_weekday ? 1.0f : 0.0f;
    if (w->days < HEALTH_DAYS) w->days++;
}

int health_window_ready(const health_window *w)
{
    return w->days == HEALTH_DAYS;
}
