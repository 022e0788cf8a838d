/* Runs scenarios through etk_nr_step / etk_pid_step and prints what came out. */
#include "nr_scenario.h"
#include "nr_linear_model.h"
#include "nr_port.h"
#include "nr_print.h"

/* Static: the boards' stacks are small (the micro:bit has 16 KB of RAM). */
static etk_nr_controller controller;

/* The closed-loop plant: the same linear map, fed the commands actually sent and its true outputs. */
typedef struct
{
    float u_hist[ETK_NR_MAX_LAGS * ETK_NR_MAX_INPUTS]; /* u(k), u(k-1), ... */
    float y_hist[ETK_NR_MAX_LAGS * ETK_NR_MAX_OUTPUTS]; /* y(k), y(k-1), ... */
} linear_plant;

static void plant_reset(linear_plant *plant, const nr_scenario *scn)
{
    const etk_nr_settings *s = &scn->settings;
    int r, i;
    for (r = 0; r < s->delay + s->input_lags; r++)
        for (i = 0; i < s->p; i++) plant->u_hist[r * s->p + i] = s->u_initial[i];
    for (r = 0; r < s->output_lags; r++)
        for (i = 0; i < s->m; i++) plant->y_hist[r * s->m + i] = scn->y_start[i];
}

/* u(k) in, y(k+1) = f(u(k-D) .., y(k) ..) into row 0. */
static void plant_step(linear_plant *plant, const nr_scenario *scn, const float *u)
{
    const etk_nr_settings *s = &scn->settings;
    int p = s->p, m = s->m, r, l, i;
    float x[ETK_NR_MAX_FEATURES], y[ETK_NR_MAX_OUTPUTS];
    for (r = s->delay + s->input_lags - 1; r >= 1; r--)
        for (i = 0; i < p; i++) plant->u_hist[r * p + i] = plant->u_hist[(r - 1) * p + i];
    for (i = 0; i < p; i++) plant->u_hist[i] = u[i];
    for (l = 0; l < s->input_lags; l++)
        for (i = 0; i < p; i++) x[l * p + i] = plant->u_hist[(s->delay + l) * p + i];
    for (l = 0; l < s->output_lags; l++)
        for (i = 0; i < m; i++) x[p * s->input_lags + l * m + i] = plant->y_hist[l * m + i];
    nr_linear_eval(scn->a, scn->b, p * s->input_lags + m * s->output_lags, m, x, y);
    for (r = s->output_lags - 1; r >= 1; r--)
        for (i = 0; i < m; i++) plant->y_hist[r * m + i] = plant->y_hist[(r - 1) * m + i];
    for (i = 0; i < m; i++) plant->y_hist[i] = y[i];
}

static void print_counters(const etk_nr_counters *n)
{
    nr_line_begin("counters");
    nr_line_int((long)n->steps);
    nr_line_int((long)n->fallbacks);
    nr_line_int((long)n->fallback_sensor);
    nr_line_int((long)n->fallback_mismatch);
    nr_line_int((long)n->fallback_singular);
    nr_line_int((long)n->fallback_diverged);
    nr_line_int((long)n->sensor_faults);
    nr_line_int((long)n->newton_iterations);
    nr_line_int((long)n->saturated_steps);
    nr_line_end();
}

/* The step just run, again: its model calls alone, and an empty region, on the same counter. */
static void print_cost(uint32_t step_ticks, uint32_t forwards, uint32_t jacobians)
{
    float y[ETK_NR_MAX_OUTPUTS], jac[ETK_NR_MAX_OUTPUTS * ETK_NR_MAX_FEATURES];
    uint32_t t0, model_ticks, empty_ticks, k;
    nr_port_ticks_start();
    t0 = nr_port_ticks();
    for (k = 0; k < forwards; k++) controller.model.forward(controller.window, y);
    for (k = 0; k < jacobians; k++) controller.model.jacobian(controller.window, y, jac);
    model_ticks = nr_port_ticks() - t0;
    nr_port_ticks_start();
    t0 = nr_port_ticks();
    empty_ticks = nr_port_ticks() - t0;
    nr_line_begin("cost");
    nr_line_int((long)step_ticks);
    nr_line_int((long)model_ticks);
    nr_line_int((long)empty_ticks);
    nr_line_int((long)forwards);
    nr_line_int((long)jacobians);
    nr_line_end();
}

int nr_run_scenario(int index, const nr_scenario *scn, const etk_nr_model *model)
{
    const etk_nr_settings *s = &scn->settings;
    static linear_plant plant;
    float y[ETK_NR_MAX_OUTPUTS], u[ETK_NR_MAX_INPUTS];
    uint32_t t0, step_ticks = 0, forwards = 0, jacobians = 0;
    int k, i;

    nr_line_begin("scenario");
    nr_line_int(index);
    nr_line_end();
    if (etk_nr_init(&controller, s, model) != 0)
    {
        nr_line_begin("rejected");
        nr_line_end();
        return -1;
    }
    if (scn->closed_loop) plant_reset(&plant, scn);
    for (k = 0; k < scn->steps; k++)
    {
        etk_nr_source source;
        int timed = scn->measure && k == scn->steps - 1;
        for (i = 0; i < s->m; i++) y[i] = scn->readings[k * s->m + i] + (scn->closed_loop ? plant.y_hist[i] : 0.0f);
        nr_linear.fault = scn->faults ? (nr_model_fault)scn->faults[k] : NR_MODEL_OK;
        forwards = nr_linear.forward_calls;
        jacobians = nr_linear.jacobian_calls;
        nr_port_ticks_start();
        t0 = nr_port_ticks();
        source = etk_nr_step(&controller, y, &scn->refs[k * s->horizon * s->m], u);
        if (timed) step_ticks = nr_port_ticks() - t0;
        forwards = nr_linear.forward_calls - forwards;
        jacobians = nr_linear.jacobian_calls - jacobians;
        nr_linear.fault = NR_MODEL_OK;
        nr_line_begin("step");
        nr_line_int(k);
        nr_line_int((long)source);
        for (i = 0; i < s->m; i++) nr_line_float(y[i]);
        for (i = 0; i < s->p; i++) nr_line_float(u[i]);
        nr_line_end();
        if (scn->closed_loop) plant_step(&plant, scn, u);
    }
    print_counters(&controller.counters);
    if (scn->measure) print_cost(step_ticks, forwards, jacobians);
    return 0;
}

void nr_run_pid_scenario(int index, const nr_pid_scenario *scn)
{
    const etk_nr_settings *s = &scn->settings;
    etk_pid_state st;
    float u_last[ETK_NR_MAX_INPUTS], u[ETK_NR_MAX_INPUTS], sent[ETK_NR_MAX_INPUTS];
    int k, i, l;

    nr_line_begin("pidscenario");
    nr_line_int(index);
    nr_line_end();
    etk_pid_reset(&st);
    for (i = 0; i < s->p; i++) u_last[i] = s->u_initial[i];
    for (k = 0; k < scn->steps; k++)
    {
        etk_pid_step(s, &st, &scn->readings[k * s->m], &scn->refs[k * s->m], u_last, u);
        for (i = 0; i < s->p; i++)
        {
            float given = scn->sent[k * s->p + i];
            sent[i] = given == given ? given : u[i];
        }
        etk_pid_track(s, &st, sent);
        nr_line_begin("pid");
        nr_line_int(k);
        for (i = 0; i < s->p; i++) nr_line_float(u[i]);
        for (i = 0; i < s->p; i++) nr_line_float(sent[i]);
        for (l = 0; l < s->pid_loops; l++) nr_line_float(st.integral[l]);
        for (l = 0; l < s->pid_loops; l++) nr_line_float(st.dterm[l]);
        nr_line_end();
        for (i = 0; i < s->p; i++) u_last[i] = sent[i];
    }
}
