#include "nr_scenario_file.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static float a_values[ETK_NR_MAX_OUTPUTS * ETK_NR_MAX_FEATURES], b_values[ETK_NR_MAX_OUTPUTS];
static float y_start[ETK_NR_MAX_OUTPUTS];
static float readings[NR_FILE_MAX_STEPS * ETK_NR_MAX_OUTPUTS];
static float refs[NR_FILE_MAX_STEPS * ETK_NR_MAX_STEPS * ETK_NR_MAX_OUTPUTS];
static unsigned char faults[NR_FILE_MAX_STEPS];
static char line[1 << 16];

/* A list's length: per command, per output, per PID loop, loops x p, or m x n (the matrix A). */
typedef enum { PER_P, PER_M, PER_LOOP, LOOPS_BY_P, M_BY_N } list_size;

typedef struct
{
    const char *key;
    float *values;
    list_size size;
    int count; /* how many the file gave */
} float_list;

typedef struct
{
    const char *key;
    void *value;
    int is_int;
} scalar;

static int size_of(list_size size, const etk_nr_settings *s, int capacity)
{
    switch (size)
    {
    case PER_P: return capacity ? ETK_NR_MAX_INPUTS : s->p;
    case PER_M: return capacity ? ETK_NR_MAX_OUTPUTS : s->m;
    case PER_LOOP: return capacity ? ETK_NR_MAX_LOOPS : s->pid_loops;
    case LOOPS_BY_P: return capacity ? ETK_NR_MAX_LOOPS * ETK_NR_MAX_INPUTS : s->pid_loops * s->p;
    default: return capacity ? ETK_NR_MAX_OUTPUTS * ETK_NR_MAX_FEATURES : s->m * (s->p * s->input_lags + s->m * s->output_lags);
    }
}

/* The rest of the line as numbers (at most capacity): how many, or -1 for a word that is no number or one too many. */
static int read_numbers(float *values, int capacity)
{
    char *word, *end;
    int count = 0;
    while ((word = strtok(0, " \t\r\n")) != 0)
    {
        float v = strtof(word, &end);
        if (*end != 0 || count >= capacity) return -1;
        values[count++] = v;
    }
    return count;
}

/* One "step" line: m readings, horizon x m references, and an optional model fault code. */
static const char *read_step(nr_scenario *scn)
{
    const etk_nr_settings *s = &scn->settings;
    float values[ETK_NR_MAX_OUTPUTS + ETK_NR_MAX_STEPS * ETK_NR_MAX_OUTPUTS + 1];
    int want = s->m + s->horizon * s->m, count, i;
    if (s->m < 1 || s->m > ETK_NR_MAX_OUTPUTS || s->horizon < 1 || s->horizon > ETK_NR_MAX_STEPS)
        return "m and horizon (within the maxima) must come before the steps";
    if (scn->steps >= NR_FILE_MAX_STEPS) return "too many steps";
    count = read_numbers(values, want + 1);
    if (count != want && count != want + 1) return "a step has m readings, horizon x m references and an optional fault code";
    for (i = 0; i < s->m; i++) readings[scn->steps * s->m + i] = values[i];
    for (i = 0; i < s->horizon * s->m; i++) refs[scn->steps * s->horizon * s->m + i] = values[s->m + i];
    faults[scn->steps] = count > want ? (unsigned char)values[want] : 0;
    scn->steps++;
    return 0;
}

/* "model linear|linked" and "fallback hold|pid". */
static const char *read_choice(const char *key, etk_nr_settings *s, int *linked)
{
    const char *word = strtok(0, " \t\r\n");
    if (word == 0) return "a value is missing";
    if (strcmp(key, "model") == 0 && strcmp(word, "linear") == 0) *linked = 0;
    else if (strcmp(key, "model") == 0 && strcmp(word, "linked") == 0) *linked = 1;
    else if (strcmp(key, "fallback") == 0 && strcmp(word, "hold") == 0) s->fallback = ETK_NR_FALLBACK_HOLD;
    else if (strcmp(key, "fallback") == 0 && strcmp(word, "pid") == 0) s->fallback = ETK_NR_FALLBACK_PID;
    else return "unknown value";
    return 0;
}

static const char *read_pid_outputs(etk_nr_settings *s)
{
    float outputs[ETK_NR_MAX_LOOPS];
    int count = read_numbers(outputs, ETK_NR_MAX_LOOPS), l;
    if (count < 0) return "pid_output takes at most ETK_NR_MAX_LOOPS output indices";
    s->pid_loops = count;
    for (l = 0; l < count; l++) s->pid_output[l] = (int)outputs[l];
    return 0;
}

static void set_defaults(etk_nr_settings *s)
{
    s->max_iterations = 1;
    s->tolerance = 1e-4f;
    s->barrier = 1e-4f;
    s->sensor_hold_max = 5;
    s->mismatch_threshold = 0.2f;
    s->mismatch_steps = 10;
    s->fallback = ETK_NR_FALLBACK_PID;
}

int nr_scenario_read(const char *path, nr_scenario *scn, int *linked, char *error, int error_size)
{
    static const nr_scenario empty;
    etk_nr_settings *s = &scn->settings;
    float closed = 0.0f;
    float_list lists[] = {
        { "lo", s->lo, PER_P, 0 }, { "hi", s->hi, PER_P, 0 }, { "rate", s->rate, PER_P, 0 },
        { "u_initial", s->u_initial, PER_P, 0 }, { "lambda", s->lambda, PER_P, 0 }, { "u0", s->u0, PER_P, 0 },
        { "q", s->q, PER_M, 0 }, { "y_scale", s->y_scale, PER_M, 0 }, { "y_valid_lo", s->y_valid_lo, PER_M, 0 },
        { "y_valid_hi", s->y_valid_hi, PER_M, 0 },
        { "kp", s->kp, PER_LOOP, 0 }, { "ki", s->ki, PER_LOOP, 0 }, { "kd", s->kd, PER_LOOP, 0 }, { "tf", s->tf, PER_LOOP, 0 },
        { "mix", s->mix, LOOPS_BY_P, 0 },
        { "a", a_values, M_BY_N, 0 }, { "b", b_values, PER_M, 0 }, { "y_start", y_start, PER_M, 0 },
    };
    scalar scalars[] = {
        { "p", &s->p, 1 }, { "m", &s->m, 1 }, { "delay", &s->delay, 1 }, { "input_lags", &s->input_lags, 1 },
        { "output_lags", &s->output_lags, 1 }, { "horizon", &s->horizon, 1 }, { "max_iterations", &s->max_iterations, 1 },
        { "sensor_hold_max", &s->sensor_hold_max, 1 }, { "mismatch_steps", &s->mismatch_steps, 1 },
        { "period", &s->period, 0 }, { "tolerance", &s->tolerance, 0 }, { "barrier", &s->barrier, 0 },
        { "disturbance_gain", &s->disturbance_gain, 0 }, { "mismatch_threshold", &s->mismatch_threshold, 0 },
        { "closed_loop", &closed, 0 },
    };
    const int list_count = (int)(sizeof lists / sizeof lists[0]), scalar_count = (int)(sizeof scalars / sizeof scalars[0]);
    const char *problem = 0;
    int line_number = 0, k;
    FILE *file = fopen(path, "r");
    if (file == 0)
    {
        snprintf(error, (size_t)error_size, "%s: cannot open the scenario", path);
        return -1;
    }
    *scn = empty;
    *linked = 0;
    set_defaults(s);
    while (problem == 0 && fgets(line, sizeof line, file) != 0)
    {
        char *key = strtok(line, " \t\r\n");
        line_number++;
        if (key == 0 || key[0] == '#') continue;
        if (strcmp(key, "step") == 0) { problem = read_step(scn); continue; }
        if (strcmp(key, "model") == 0 || strcmp(key, "fallback") == 0) { problem = read_choice(key, s, linked); continue; }
        if (strcmp(key, "pid_output") == 0) { problem = read_pid_outputs(s); continue; }
        problem = "unknown key";
        for (k = 0; k < scalar_count; k++)
            if (strcmp(key, scalars[k].key) == 0)
            {
                float v = 0.0f;
                problem = read_numbers(&v, 1) == 1 ? 0 : "one number expected";
                if (scalars[k].is_int) *(int *)scalars[k].value = (int)v;
                else *(float *)scalars[k].value = v;
            }
        for (k = 0; k < list_count; k++)
            if (strcmp(key, lists[k].key) == 0)
            {
                lists[k].count = read_numbers(lists[k].values, size_of(lists[k].size, s, 1));
                problem = lists[k].count >= 0 ? 0 : "a word is no number, or there are more than the maxima allow";
            }
        if (problem != 0) snprintf(error, (size_t)error_size, "%s:%d: %s (%s)", path, line_number, problem, key);
    }
    fclose(file);
    if (problem != 0) return -1;

    scn->closed_loop = closed != 0.0f;
    for (k = 0; k < list_count; k++)
    {
        int not_needed = ((lists[k].values == a_values || lists[k].values == b_values) && *linked)
            || (lists[k].values == y_start && !scn->closed_loop);
        if (not_needed || lists[k].count == size_of(lists[k].size, s, 0)) continue;
        snprintf(error, (size_t)error_size, "%s: %s has %d values, %d expected", path, lists[k].key, lists[k].count, size_of(lists[k].size, s, 0));
        return -1;
    }
    if (scn->closed_loop && *linked)
    {
        snprintf(error, (size_t)error_size, "%s: closed_loop needs the linear model (a, b) as its plant", path);
        return -1;
    }
    scn->a = a_values;
    scn->b = b_values;
    scn->y_start = y_start;
    scn->readings = readings;
    scn->refs = refs;
    scn->faults = faults;
    return 0;
}
