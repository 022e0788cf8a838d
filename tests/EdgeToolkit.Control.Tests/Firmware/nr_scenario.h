/* A controller scenario: settings, the model, and a sequence of periods (readings, references,
   model faults). The scripted tests compile a table of them (written by the C# tests); the
   host's file mode reads one from a text file (nr_scenario_file.c). */
#ifndef NR_SCENARIO_H
#define NR_SCENARIO_H
#include "etk_nr.h"

typedef struct
{
    etk_nr_settings settings;
    const float *a, *b;             /* y = A x + b (A: m x n); the model, and the plant in closed loop */
    int closed_loop;                /* readings[] add to the plant's output (else they are the readings) */
    const float *y_start;           /* m: the plant's output before period 0 (closed loop) */
    int steps;
    const float *readings;          /* steps x m; NaN or out of range: a sensor fault */
    const float *refs;              /* steps x horizon x m */
    const unsigned char *faults;    /* steps: nr_model_fault of the model in that period (0 = none); may be null */
    int measure;                    /* time the last period's etk_nr_step and its model calls (boards) */
} nr_scenario;

/* The PID alone: readings and first reference rows; sent[k] is the command sent (NaN: the PID's own). */
typedef struct
{
    etk_nr_settings settings;
    int steps;
    const float *readings;          /* steps x m */
    const float *refs;              /* steps x m */
    const float *sent;              /* steps x p */
} nr_pid_scenario;

/* Prints "scenario", then "step k source y[m] u[p]" per period, "counters ..." and, when measured,
   "cost step_ticks model_ticks empty_ticks forward_calls jacobian_calls". When etk_nr_init
   refuses the settings: prints "rejected" and returns -1 (else 0). */
int nr_run_scenario(int index, const nr_scenario *scn, const etk_nr_model *model);

/* Prints "pidscenario", then "pid k u[p] sent[p] integral[loops] dterm[loops]" per period. */
void nr_run_pid_scenario(int index, const nr_pid_scenario *scn);

#endif
