/* The PID of docs/controller.md (the baseline, and the Newton controller's fallback): float32,
   derivative of the measurement through a first-order filter, anti-windup by back-calculation. */
#include "etk_nr.h"

void etk_pid_reset(etk_pid_state *st)
{
    int l;
    for (l = 0; l < ETK_NR_MAX_LOOPS; l++) st->integral[l] = st->dterm[l] = st->y_prev[l] = 0.0f;
    for (l = 0; l < ETK_NR_MAX_INPUTS; l++) st->u_raw[l] = 0.0f;
    st->started = 0;
}

static float clip(float x, float lo, float hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

/* I += kaw T sum_i mix[l][i] (to[i] - from[i]) / sum_i mix[l][i]^2 for every loop with a mix and
   an integrator (ki != 0: without one there is nothing to wind up, and pulling it would leave a
   permanent offset): the command difference projected on the loop's share of it. */
static void back_calculate(const etk_nr_settings *s, etk_pid_state *st, const float *from, const float *to)
{
    int l, i;
    for (l = 0; l < s->pid_loops; l++)
    {
        const float *mix = &s->mix[l * s->p];
        float along = 0.0f, norm = 0.0f, ti, kaw;
        for (i = 0; i < s->p; i++)
        {
            along += mix[i] * (to[i] - from[i]);
            norm += mix[i] * mix[i];
        }
        if (!(norm > 0.0f) || s->ki[l] == 0.0f) continue;
        ti = s->kp[l] / s->ki[l];
        kaw = 1.0f / (ti > s->period ? ti : s->period);
        st->integral[l] += kaw * s->period * along / norm;
    }
}

void etk_pid_step(const etk_nr_settings *s, etk_pid_state *st, const float *y_meas, const float *ref,
                  const float *u_last, float *u)
{
    float v[ETK_NR_MAX_LOOPS];
    int l, i;
    for (l = 0; l < s->pid_loops; l++)
    {
        float y = y_meas[s->pid_output[l]];
        float e = ref[s->pid_output[l]] - y;
        if (!st->started) st->y_prev[l] = y;
        st->integral[l] += s->ki[l] * s->period * e;
        st->dterm[l] = (s->tf[l] * st->dterm[l] - s->kd[l] * (y - st->y_prev[l])) / (s->tf[l] + s->period);
        st->y_prev[l] = y;
        v[l] = s->kp[l] * e + st->integral[l] + st->dterm[l];
    }
    st->started = 1;
    for (i = 0; i < s->p; i++)
    {
        float raw = s->u0[i];
        for (l = 0; l < s->pid_loops; l++) raw += s->mix[l * s->p + i] * v[l];
        st->u_raw[i] = raw;
        u[i] = clip(clip(raw, s->lo[i], s->hi[i]), u_last[i] - s->rate[i], u_last[i] + s->rate[i]);
    }
}

/* Back-calculation from the unclipped command to the one sent: the PID's own clipping when it
   runs alone, the Newton command while Newton is in charge. */
void etk_pid_track(const etk_nr_settings *s, etk_pid_state *st, const float *u_sent)
{
    back_calculate(s, st, st->u_raw, u_sent);
}
