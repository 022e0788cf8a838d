/* The Newton-Raphson controller of docs/controller.md, step for step: float32, static buffers
   (the controller struct), no libm. Step numbers in the comments are the page's. */
#include "etk_nr.h"
#include <float.h>

#define Z_MARGIN 1e-4f          /* eps: z stays this far inside (0, 1), where the barrier is finite */
#define PIVOT_RATIO 1e-12f      /* a pivot below this share of the largest diagonal is singular */
#define DIVERGED_SCALES 10.0f   /* predictions this many y_scale beyond the valid range diverged */

/* Without libm's isfinite: NaN fails x == x, and both infinities fail the bound. */
static int is_finite(float x)
{
    return x == x && x <= FLT_MAX && x >= -FLT_MAX;
}

static float abs_f(float x)
{
    return x < 0.0f ? -x : x;
}

static float clamp_f(float x, float lo, float hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

static float range_of(const etk_nr_settings *s, int i)
{
    return s->hi[i] - s->lo[i];
}

static float z_of(const etk_nr_settings *s, int i, float u)
{
    return (u - s->lo[i]) / range_of(s, i);
}

static int settings_fit(const etk_nr_settings *s, const etk_nr_model *model)
{
    int i, o, l;
    if (s->p < 1 || s->p > ETK_NR_MAX_INPUTS || s->m < 1 || s->m > ETK_NR_MAX_OUTPUTS) return 0;
    /* D = 0 is rejected: the page's rollout assumes the command acts one period late at the earliest. */
    if (s->delay < 1 || s->input_lags < 1 || s->output_lags < 1) return 0;
    if (s->delay + s->input_lags > ETK_NR_MAX_LAGS || s->output_lags > ETK_NR_MAX_LAGS) return 0;
    if (s->p * s->input_lags + s->m * s->output_lags > ETK_NR_MAX_FEATURES) return 0;
    if (s->horizon < 1 || s->delay + s->horizon > ETK_NR_MAX_STEPS || s->max_iterations < 1) return 0;
    if (!(s->period > 0.0f) || s->sensor_hold_max < 0 || s->mismatch_steps < 1) return 0;
    if (s->fallback != ETK_NR_FALLBACK_HOLD && s->fallback != ETK_NR_FALLBACK_PID) return 0;
    if (s->pid_loops < 0 || s->pid_loops > ETK_NR_MAX_LOOPS) return 0;
    for (l = 0; l < s->pid_loops; l++)
        if (s->pid_output[l] < 0 || s->pid_output[l] >= s->m) return 0;
    for (i = 0; i < s->p; i++)
        if (!(s->hi[i] > s->lo[i]) || !(s->rate[i] > 0.0f)) return 0;
    for (o = 0; o < s->m; o++)
        if (!(s->y_scale[o] > 0.0f) || !(s->y_valid_hi[o] >= s->y_valid_lo[o])) return 0;
    return model->forward != 0 && model->jacobian != 0 && model->outputs == s->m
        && model->inputs == s->p * s->input_lags + s->m * s->output_lags;
}

int etk_nr_init(etk_nr_controller *c, const etk_nr_settings *s, const etk_nr_model *model)
{
    if (c == 0 || s == 0 || model == 0 || !settings_fit(s, model)) return -1;
    c->s = s;
    c->model = *model;
    etk_nr_reset(c);
    return 0;
}

void etk_nr_reset(etk_nr_controller *c)
{
    static const etk_nr_counters zero_counters;
    const etk_nr_settings *s = c->s;
    int r, i, o;
    for (r = 0; r < s->delay + s->input_lags; r++)
        for (i = 0; i < s->p; i++) c->u_hist[r * s->p + i] = s->u_initial[i];
    /* Rows before the first valid reading: zero (a fault then substitutes zeros). */
    for (r = 0; r < s->output_lags; r++)
        for (o = 0; o < s->m; o++) c->y_hist[r * s->m + o] = 0.0f;
    for (o = 0; o < s->m; o++) c->y_pred[o] = c->d[o] = 0.0f;
    for (i = 0; i < s->p; i++) c->z_prev[i] = z_of(s, i, s->u_initial[i]);
    c->y_pred_valid = c->have_reading = c->sensor_run = c->mismatch_run = 0;
    etk_pid_reset(&c->pid);
    c->counters = zero_counters;
}

/* Steps 1 and 2: validate y(k), then shift y_hist with the reading (or, for a fault, with row 0
   again: the last valid reading). Returns whether the reading was valid. */
static int take_reading(etk_nr_controller *c, const float *y_meas)
{
    const etk_nr_settings *s = c->s;
    int o, r, valid = 1;
    for (o = 0; o < s->m; o++)
        if (!(is_finite(y_meas[o]) && y_meas[o] >= s->y_valid_lo[o] && y_meas[o] <= s->y_valid_hi[o])) valid = 0;
    if (valid) c->sensor_run = 0;
    else { c->counters.sensor_faults++; c->sensor_run++; }
    for (r = s->output_lags - 1; r >= 1; r--)
        for (o = 0; o < s->m; o++) c->y_hist[r * s->m + o] = c->y_hist[(r - 1) * s->m + o];
    if (!valid) return 0;
    /* Row 0 gets the reading; the first valid reading fills every row. */
    for (r = c->have_reading ? 0 : s->output_lags - 1; r >= 0; r--)
        for (o = 0; o < s->m; o++) c->y_hist[r * s->m + o] = y_meas[o];
    c->have_reading = 1;
    return 1;
}

/* Step 3: innovation of a valid reading against last period's prediction of it. */
static void track_innovation(etk_nr_controller *c)
{
    const etk_nr_settings *s = c->s;
    float nu = 0.0f;
    int o;
    for (o = 0; o < s->m; o++)
    {
        float e = c->y_hist[o] - c->y_pred[o];
        float normalised = abs_f(e) / s->y_scale[o];
        c->d[o] += s->disturbance_gain * (e - c->d[o]);
        if (normalised > nu) nu = normalised;
    }
    c->mismatch_run = nu > s->mismatch_threshold ? c->mismatch_run + 1 : 0;
}

/* The model's input for yhat[j] = y(k+j+1): command block l is u(k+j-D-l) (the candidate
   lo + z*range from period k on, else u_hist), output block l is y(k+j-l) (predicted after k,
   plus the disturbance estimate d, else y_hist). Before j = D no block reaches period k, so z is
   not read. */
static void build_window(etk_nr_controller *c, int j, const float *z)
{
    const etk_nr_settings *s = c->s;
    int p = s->p, m = s->m, l, i, o;
    float *x = c->window;
    for (l = 0; l < s->input_lags; l++)
    {
        int t = j - s->delay - l;
        for (i = 0; i < p; i++)
            x[l * p + i] = t >= 0 ? s->lo[i] + z[i] * range_of(s, i) : c->u_hist[(-t - 1) * p + i];
    }
    for (l = 0; l < s->output_lags; l++)
    {
        int t = j - l;
        if (t > 0)
            for (o = 0; o < m; o++) x[p * s->input_lags + l * m + o] = c->yhat[(t - 1) * m + o] + c->d[o];
        else
            for (o = 0; o < m; o++) x[p * s->input_lags + l * m + o] = c->y_hist[-t * m + o];
    }
}

/* A prediction that is not finite or far outside the valid range means the model diverged. */
static int prediction_ok(const etk_nr_settings *s, const float *y)
{
    int o;
    for (o = 0; o < s->m; o++)
    {
        float lo = s->y_valid_lo[o] - DIVERGED_SCALES * s->y_scale[o];
        float hi = s->y_valid_hi[o] + DIVERGED_SCALES * s->y_scale[o];
        if (!(is_finite(y[o]) && y[o] >= lo && y[o] <= hi)) return 0;
    }
    return 1;
}

/* Step 4: y(k+1) .. y(k+D) from the commands already sent. y_pred (next period's innovation)
   is valid only when usable, so that one NaN from the model cannot poison d for good.
   Returns whether the predictions are usable. */
static int predict_free(etk_nr_controller *c)
{
    const etk_nr_settings *s = c->s;
    int j, o;
    for (j = 0; j < s->delay; j++)
    {
        int ok;
        build_window(c, j, c->z_prev);
        ok = c->model.forward(c->window, &c->yhat[j * s->m]) == 0 && prediction_ok(s, &c->yhat[j * s->m]);
        if (j == 0)
        {
            c->y_pred_valid = ok;
            for (o = 0; o < s->m; o++) c->y_pred[o] = c->yhat[o];
        }
        if (!ok) return 0;
    }
    return 1;
}

/* Step 6, rollout: yhat[j] for j = D .. D+N-1 and S[j] = d yhat[j] / dz (sens row j-D).
   Returns 0 when the model failed or diverged. */
static int roll_out(etk_nr_controller *c, const float *z)
{
    const etk_nr_settings *s = c->s;
    int p = s->p, m = s->m, D = s->delay, n = c->model.inputs, j, l, o, i, cc;
    for (j = D; j < D + s->horizon; j++)
    {
        float *S = &c->sens[(j - D) * m * p];
        build_window(c, j, z);
        if (c->model.jacobian(c->window, &c->yhat[j * m], c->jac) != 0 || !prediction_ok(s, &c->yhat[j * m])) return 0;
        for (o = 0; o < m; o++)
            for (i = 0; i < p; i++)
            {
                float acc = 0.0f;
                for (l = 0; l <= j - D && l < s->input_lags; l++)
                    acc += c->jac[o * n + l * p + i] * range_of(s, i);
                /* y(k+j-l) is yhat[j-l-1]; it depends on z only after k+D. */
                for (l = 0; j - l > D && l < s->output_lags; l++)
                    for (cc = 0; cc < m; cc++)
                        acc += c->jac[o * n + p * s->input_lags + l * m + cc] * c->sens[(j - l - 1 - D) * m * p + cc * p + i];
                S[o * p + i] = acc;
            }
    }
    return 1;
}

/* Gradient and Gauss-Newton Hessian (lower triangle) of the cost at z, with the barrier
   B(z) = s (1/z + 1/(1-z) - 4). */
static void gradient_and_hessian(etk_nr_controller *c, const float *ref, const float *z)
{
    const etk_nr_settings *s = c->s;
    int p = s->p, m = s->m, D = s->delay, N = s->horizon, i, k, j, o;
    for (i = 0; i < p; i++)
    {
        float w = 1.0f - z[i];
        float slope = s->barrier * (1.0f / (w * w) - 1.0f / (z[i] * z[i]));
        float curvature = s->barrier * (2.0f / (z[i] * z[i] * z[i]) + 2.0f / (w * w * w));
        float acc = 0.0f;
        for (j = 0; j < N; j++)
            for (o = 0; o < m; o++)
            {
                float e = ref[j * m + o] - (c->yhat[(D + j) * m + o] + c->d[o]);
                acc += s->q[o] * c->sens[j * m * p + o * p + i] * e;
            }
        c->grad[i] = -2.0f * acc + 2.0f * s->lambda[i] * (z[i] - c->z_prev[i]) + slope;
        for (k = 0; k <= i; k++)
        {
            float h = 0.0f;
            for (j = 0; j < N; j++)
                for (o = 0; o < m; o++)
                    h += s->q[o] * c->sens[j * m * p + o * p + i] * c->sens[j * m * p + o * p + k];
            h = 2.0f * h;
            if (k == i) h += 2.0f * s->lambda[i] + curvature;
            c->hess[i * p + k] = h;
        }
    }
}

/* LDL^T of the lower triangle in place (L below the diagonal, D on it), no pivoting and no
   square root. Returns 0 for a pivot that is not finite or not clearly positive. */
static int ldl_factor(float *h, int p)
{
    float largest = 0.0f, floor;
    int i, j, k;
    for (i = 0; i < p; i++)
        if (h[i * p + i] > largest) largest = h[i * p + i];
    floor = PIVOT_RATIO * largest;
    for (j = 0; j < p; j++)
    {
        float dj = h[j * p + j];
        for (k = 0; k < j; k++) dj -= h[j * p + k] * h[j * p + k] * h[k * p + k];
        if (!is_finite(dj) || dj <= floor) return 0;
        h[j * p + j] = dj;
        for (i = j + 1; i < p; i++)
        {
            float lij = h[i * p + j];
            for (k = 0; k < j; k++) lij -= h[i * p + k] * h[j * p + k] * h[k * p + k];
            h[i * p + j] = lij / dj;
        }
    }
    return 1;
}

/* x = (L D L^T)^-1 b: forward, diagonal, back substitution. */
static void ldl_solve(const float *h, const float *b, float *x, int p)
{
    int i, k;
    for (i = 0; i < p; i++)
    {
        float v = b[i];
        for (k = 0; k < i; k++) v -= h[i * p + k] * x[k];
        x[i] = v;
    }
    for (i = 0; i < p; i++) x[i] /= h[i * p + i];
    for (i = p - 1; i >= 0; i--)
        for (k = i + 1; k < p; k++) x[i] -= h[k * p + i] * x[k];
}

static int all_finite(const float *v, int count)
{
    int i;
    for (i = 0; i < count; i++)
        if (!is_finite(v[i])) return 0;
    return 1;
}

/* z -= dz, then into the limits and the slew-rate window around z_prev. Returns whether a
   bound was active; *largest gets max abs(dz). */
static int take_newton_step(etk_nr_controller *c, float *z, float *largest)
{
    const etk_nr_settings *s = c->s;
    int i, bound = 0;
    *largest = 0.0f;
    for (i = 0; i < s->p; i++)
    {
        float reach = s->rate[i] / range_of(s, i);
        float lo = c->z_prev[i] - reach, hi = c->z_prev[i] + reach;
        if (lo < Z_MARGIN) lo = Z_MARGIN;
        if (hi > 1.0f - Z_MARGIN) hi = 1.0f - Z_MARGIN;
        z[i] -= c->dz[i];
        if (z[i] < lo) { z[i] = lo; bound = 1; }
        else if (z[i] > hi) { z[i] = hi; bound = 1; }
        if (abs_f(c->dz[i]) > *largest) *largest = abs_f(c->dz[i]);
    }
    return bound;
}

/* Step 6: Newton iterations from z_prev (moved inside the barrier's domain when a fallback or
   u_initial left it on a limit). Writes z; returns NEWTON or the reason to fall back. */
static etk_nr_source newton(etk_nr_controller *c, const float *ref, float *z)
{
    const etk_nr_settings *s = c->s;
    int it, i, bound = 0;
    for (i = 0; i < s->p; i++)
        z[i] = clamp_f(c->z_prev[i], Z_MARGIN, 1.0f - Z_MARGIN);
    for (it = 0; it < s->max_iterations; it++)
    {
        float largest;
        c->counters.newton_iterations++;
        if (!roll_out(c, z)) return ETK_NR_SOURCE_FALLBACK_DIVERGED;
        gradient_and_hessian(c, ref, z);
        if (!all_finite(c->grad, s->p)) return ETK_NR_SOURCE_FALLBACK_DIVERGED;
        if (!ldl_factor(c->hess, s->p)) return ETK_NR_SOURCE_FALLBACK_SINGULAR;
        ldl_solve(c->hess, c->grad, c->dz, s->p);
        if (!all_finite(c->dz, s->p)) return ETK_NR_SOURCE_FALLBACK_DIVERGED;
        bound = take_newton_step(c, z, &largest);
        if (largest < s->tolerance) break;
    }
    if (bound) c->counters.saturated_steps++;
    return ETK_NR_SOURCE_NEWTON;
}

static void count_fallback(etk_nr_counters *n, etk_nr_source source)
{
    n->fallbacks++;
    if (source == ETK_NR_SOURCE_FALLBACK_SENSOR) n->fallback_sensor++;
    else if (source == ETK_NR_SOURCE_FALLBACK_MISMATCH) n->fallback_mismatch++;
    else if (source == ETK_NR_SOURCE_FALLBACK_SINGULAR) n->fallback_singular++;
    else n->fallback_diverged++;
}

/* Step 9: u_hist one row older with u in row 0; z_prev = z. */
static void commit(etk_nr_controller *c, const float *u, const float *z)
{
    const etk_nr_settings *s = c->s;
    int r, i;
    for (r = s->delay + s->input_lags - 1; r >= 1; r--)
        for (i = 0; i < s->p; i++) c->u_hist[r * s->p + i] = c->u_hist[(r - 1) * s->p + i];
    for (i = 0; i < s->p; i++)
    {
        c->u_hist[i] = u[i];
        c->z_prev[i] = z[i];
    }
    c->counters.steps++;
}

etk_nr_source etk_nr_step(etk_nr_controller *c, const float *y_meas, const float *ref, float *u)
{
    const etk_nr_settings *s = c->s;
    float z[ETK_NR_MAX_INPUTS], u_pid[ETK_NR_MAX_INPUTS];
    etk_nr_source source;
    int i, valid, free_ok;

    valid = take_reading(c, y_meas);
    if (valid && c->y_pred_valid) track_innovation(c);
    free_ok = predict_free(c);
    /* Step 8: the PID sees every period (on the substituted reading), so that taking over is smooth. */
    etk_pid_step(s, &c->pid, c->y_hist, ref, c->u_hist, u_pid);

    if (c->sensor_run > s->sensor_hold_max) source = ETK_NR_SOURCE_FALLBACK_SENSOR;
    else if (c->mismatch_run >= s->mismatch_steps) source = ETK_NR_SOURCE_FALLBACK_MISMATCH;
    else if (!free_ok) source = ETK_NR_SOURCE_FALLBACK_DIVERGED;
    else source = newton(c, ref, z);

    if (source == ETK_NR_SOURCE_NEWTON)
        for (i = 0; i < s->p; i++) u[i] = s->lo[i] + z[i] * range_of(s, i);
    else
    {
        for (i = 0; i < s->p; i++)
        {
            u[i] = s->fallback == ETK_NR_FALLBACK_PID ? u_pid[i] : c->u_hist[i];
            z[i] = z_of(s, i, u[i]);
        }
        count_fallback(&c->counters, source);
    }
    etk_pid_track(s, &c->pid, u);
    commit(c, u, z);
    return source;
}
