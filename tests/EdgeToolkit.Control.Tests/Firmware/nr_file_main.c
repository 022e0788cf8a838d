/* The controller on a scenario file (host): prints every period's command with %.9g. Build with
   -DNR_LINKED_MODEL=name to invert a generated model (name_run, name_jacobian) on "model linked". */
#include <stdio.h>
#include "nr_scenario_file.h"
#include "nr_linear_model.h"
#include "nr_print.h"

#ifdef NR_LINKED_MODEL
#define NR_JOIN2(a, b) a##b
#define NR_JOIN(a, b) NR_JOIN2(a, b)
int NR_JOIN(NR_LINKED_MODEL, _run)(const float *x, float *y);
int NR_JOIN(NR_LINKED_MODEL, _jacobian)(const float *x, float *y, float *jac);
#endif

static int linked_model(const etk_nr_settings *s, etk_nr_model *model)
{
#ifdef NR_LINKED_MODEL
    model->inputs = s->p * s->input_lags + s->m * s->output_lags;
    model->outputs = s->m;
    model->forward = NR_JOIN(NR_LINKED_MODEL, _run);
    model->jacobian = NR_JOIN(NR_LINKED_MODEL, _jacobian);
    return 0;
#else
    (void)s;
    (void)model;
    fprintf(stderr, "this build links no model: rebuild with -DNR_LINKED_MODEL=name and the generated model's C\n");
    return -1;
#endif
}

int main(int argc, char **argv)
{
    static nr_scenario scn;
    char error[300];
    etk_nr_model model;
    int linked;
    if (argc != 2)
    {
        fprintf(stderr, "usage: %s scenario.txt\n", argv[0]);
        return 2;
    }
    if (nr_scenario_read(argv[1], &scn, &linked, error, (int)sizeof error) != 0)
    {
        fprintf(stderr, "%s\n", error);
        return 2;
    }
    if (linked) { if (linked_model(&scn.settings, &model) != 0) return 2; }
    else model = nr_linear_use(scn.a, scn.b, scn.settings.p * scn.settings.input_lags + scn.settings.m * scn.settings.output_lags, scn.settings.m);
    nr_print_decimal(1);
    return nr_run_scenario(0, &scn, &model) == 0 ? 0 : 2;
}
