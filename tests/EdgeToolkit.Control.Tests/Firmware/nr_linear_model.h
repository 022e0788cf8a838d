/* A hand-written forward model y = A x + b (Jacobian A) for the controller tests, with a switch
   that makes it misbehave and counters of its calls. The etk_nr_model API has no context
   pointer, so the model is one global. */
#ifndef NR_LINEAR_MODEL_H
#define NR_LINEAR_MODEL_H
#include <stdint.h>
#include "etk_nr.h"

typedef enum
{
    NR_MODEL_OK = 0,
    NR_MODEL_NAN = 1,          /* forward and Jacobian return NaN outputs */
    NR_MODEL_NAN_JACOBIAN = 2, /* only the Jacobian call (the Newton rollout) returns NaN outputs */
    NR_MODEL_HUGE = 3          /* finite outputs, 1e6 off: far outside any valid range */
} nr_model_fault;

typedef struct
{
    const float *a, *b; /* a: m x n row-major */
    int n, m;
    nr_model_fault fault;
    uint32_t forward_calls, jacobian_calls;
} nr_linear_model;

extern nr_linear_model nr_linear;

/* Points the global model at A and b; returns its etk_nr_model. */
etk_nr_model nr_linear_use(const float *a, const float *b, int n, int m);

/* y = A x + b with no fault (the closed-loop plant): the same sums, in the same order. */
void nr_linear_eval(const float *a, const float *b, int n, int m, const float *x, float *y);

#endif
