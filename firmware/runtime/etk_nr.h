/* The Newton-Raphson controller (neural generalized predictive control) in C99: float, no
   malloc, no libm. The algorithm is docs/controller.md, step for step; the C# controllers
   (.NET and nanoFramework) follow the same page and agree with this one within 1e-5.

   Sizes are compile-time maxima so that every buffer is static; a settings struct whose sizes
   exceed them is rejected by etk_nr_init. Override them before including this header (the
   firmware build writes them from the model). */
#ifndef ETK_NR_H
#define ETK_NR_H

#include <stdint.h>

#ifndef ETK_NR_MAX_INPUTS          /* p: commands */
#define ETK_NR_MAX_INPUTS 8
#endif
#ifndef ETK_NR_MAX_OUTPUTS         /* m: measured outputs */
#define ETK_NR_MAX_OUTPUTS 4
#endif
#ifndef ETK_NR_MAX_FEATURES        /* n = p*Lu + m*Ly */
#define ETK_NR_MAX_FEATURES 48
#endif
#ifndef ETK_NR_MAX_STEPS           /* D + N: predicted steps per period */
#define ETK_NR_MAX_STEPS 8
#endif
#ifndef ETK_NR_MAX_LAGS            /* D + Lu and Ly */
#define ETK_NR_MAX_LAGS 8
#endif
#ifndef ETK_NR_MAX_LOOPS           /* PID loops */
#define ETK_NR_MAX_LOOPS 4
#endif

/* The learned forward model y(k+1) = f(window): the generated <name>_run and <name>_jacobian
   (jac[o*n + i] = dy[o]/dx[i], row-major). Both return 0 on success. */
typedef struct {
    int inputs;   /* n */
    int outputs;  /* m */
    int (*forward)(const float *x, float *y);
    int (*jacobian)(const float *x, float *y, float *jac);
} etk_nr_model;

typedef enum { ETK_NR_FALLBACK_HOLD = 0, ETK_NR_FALLBACK_PID = 1 } etk_nr_fallback_mode;

/* Which controller produced a command. */
typedef enum {
    ETK_NR_SOURCE_NEWTON = 0,
    ETK_NR_SOURCE_FALLBACK_SENSOR = 1,
    ETK_NR_SOURCE_FALLBACK_MISMATCH = 2,
    ETK_NR_SOURCE_FALLBACK_SINGULAR = 3,
    ETK_NR_SOURCE_FALLBACK_DIVERGED = 4
} etk_nr_source;

/* Settings: the table of docs/controller.md. Arrays are per command (p), per output (m) or per
   PID loop (l); mix is [loops][p] row-major. */
typedef struct {
    int p, m, delay, input_lags, output_lags;
    int horizon, max_iterations;
    float period, tolerance, barrier, disturbance_gain;
    float lo[ETK_NR_MAX_INPUTS], hi[ETK_NR_MAX_INPUTS], rate[ETK_NR_MAX_INPUTS]; /* rate: per period */
    float u_initial[ETK_NR_MAX_INPUTS], lambda[ETK_NR_MAX_INPUTS];
    float q[ETK_NR_MAX_OUTPUTS], y_scale[ETK_NR_MAX_OUTPUTS];
    float y_valid_lo[ETK_NR_MAX_OUTPUTS], y_valid_hi[ETK_NR_MAX_OUTPUTS];
    int sensor_hold_max, mismatch_steps;
    float mismatch_threshold;
    etk_nr_fallback_mode fallback;
    int pid_loops;
    int pid_output[ETK_NR_MAX_LOOPS];
    float kp[ETK_NR_MAX_LOOPS], ki[ETK_NR_MAX_LOOPS], kd[ETK_NR_MAX_LOOPS], tf[ETK_NR_MAX_LOOPS];
    float u0[ETK_NR_MAX_INPUTS], mix[ETK_NR_MAX_LOOPS * ETK_NR_MAX_INPUTS];
} etk_nr_settings;

typedef struct {
    uint32_t steps, fallbacks, fallback_sensor, fallback_mismatch, fallback_singular, fallback_diverged;
    uint32_t sensor_faults, newton_iterations, saturated_steps;
} etk_nr_counters;

/* PID state (the baseline, and the fallback). */
typedef struct {
    float integral[ETK_NR_MAX_LOOPS], dterm[ETK_NR_MAX_LOOPS], y_prev[ETK_NR_MAX_LOOPS];
    float u_raw[ETK_NR_MAX_INPUTS]; /* last command before clipping, for the back-calculation */
    int started;
} etk_pid_state;

/* Everything carried between periods, plus the scratch of one period (static, no malloc). */
typedef struct {
    const etk_nr_settings *s;
    etk_nr_model model;
    float u_hist[ETK_NR_MAX_LAGS * ETK_NR_MAX_INPUTS];
    float y_hist[ETK_NR_MAX_LAGS * ETK_NR_MAX_OUTPUTS];
    float y_pred[ETK_NR_MAX_OUTPUTS], d[ETK_NR_MAX_OUTPUTS], z_prev[ETK_NR_MAX_INPUTS];
    int y_pred_valid, have_reading, sensor_run, mismatch_run;
    etk_pid_state pid;
    etk_nr_counters counters;
    /* scratch */
    float window[ETK_NR_MAX_FEATURES];
    float yhat[ETK_NR_MAX_STEPS * ETK_NR_MAX_OUTPUTS];
    float sens[ETK_NR_MAX_STEPS * ETK_NR_MAX_OUTPUTS * ETK_NR_MAX_INPUTS];
    float jac[ETK_NR_MAX_OUTPUTS * ETK_NR_MAX_FEATURES];
    float hess[ETK_NR_MAX_INPUTS * ETK_NR_MAX_INPUTS], grad[ETK_NR_MAX_INPUTS], dz[ETK_NR_MAX_INPUTS];
} etk_nr_controller;

/* Checks the settings against the model and the maxima, then resets. 0 on success, -1 otherwise. */
int etk_nr_init(etk_nr_controller *c, const etk_nr_settings *s, const etk_nr_model *model);

/* Back to the state after init (histories from u_initial, counters zero). */
void etk_nr_reset(etk_nr_controller *c);

/* One control period: y_meas[m] is y(k), ref[horizon*m] the references for y(k+D+1) ..
   y(k+D+horizon); writes u[p] (the command for period k) and returns its etk_nr_source. */
etk_nr_source etk_nr_step(etk_nr_controller *c, const float *y_meas, const float *ref, float *u);

/* The PID alone (the baseline): same settings, same PID as the fallback. */
void etk_pid_reset(etk_pid_state *st);
void etk_pid_step(const etk_nr_settings *s, etk_pid_state *st, const float *y_meas, const float *ref,
                  const float *u_last, float *u);
/* Back-calculation, after every period: the command actually sent (the PID's own u when it runs
   alone, the Newton command while Newton is in charge) against the PID's unclipped u_raw. */
void etk_pid_track(const etk_nr_settings *s, etk_pid_state *st, const float *u_sent);

#endif
