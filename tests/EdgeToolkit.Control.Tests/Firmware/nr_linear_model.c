#include "nr_linear_model.h"
#include <math.h>

nr_linear_model nr_linear;

void nr_linear_eval(const float *a, const float *b, int n, int m, const float *x, float *y)
{
    int o, i;
    for (o = 0; o < m; o++)
    {
        float acc = b[o];
        for (i = 0; i < n; i++) acc += a[o * n + i] * x[i];
        y[o] = acc;
    }
}

static void spoil(float *y, nr_model_fault fault)
{
    int o;
    for (o = 0; o < nr_linear.m; o++) y[o] = fault == NR_MODEL_HUGE ? y[o] + 1e6f : NAN;
}

static int linear_forward(const float *x, float *y)
{
    nr_linear.forward_calls++;
    nr_linear_eval(nr_linear.a, nr_linear.b, nr_linear.n, nr_linear.m, x, y);
    if (nr_linear.fault == NR_MODEL_NAN || nr_linear.fault == NR_MODEL_HUGE) spoil(y, nr_linear.fault);
    return 0;
}

static int linear_jacobian(const float *x, float *y, float *jac)
{
    int i;
    nr_linear.jacobian_calls++;
    nr_linear_eval(nr_linear.a, nr_linear.b, nr_linear.n, nr_linear.m, x, y);
    for (i = 0; i < nr_linear.n * nr_linear.m; i++) jac[i] = nr_linear.a[i];
    if (nr_linear.fault != NR_MODEL_OK) spoil(y, nr_linear.fault);
    return 0;
}

etk_nr_model nr_linear_use(const float *a, const float *b, int n, int m)
{
    etk_nr_model model;
    nr_linear.a = a;
    nr_linear.b = b;
    nr_linear.n = n;
    nr_linear.m = m;
    nr_linear.fault = NR_MODEL_OK;
    model.inputs = n;
    model.outputs = m;
    model.forward = linear_forward;
    model.jacobian = linear_jacobian;
    return model;
}
