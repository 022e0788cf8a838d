/* The scripted controller tests: runs the compiled-in table of scenarios (nr_scenario_table.c,
   written by the C# tests) on the host or a board and prints the results for the C# side. */
#include "nr_scenario.h"
#include "nr_linear_model.h"
#include "nr_print.h"

extern const nr_scenario nr_scenarios[];
extern const int nr_scenario_count;
extern const nr_pid_scenario nr_pid_scenarios[];
extern const int nr_pid_scenario_count;

int main(void)
{
    int k;
    nr_line_begin("sizeof");
    nr_line_int((long)sizeof(etk_nr_controller));
    nr_line_int((long)sizeof(etk_nr_settings));
    nr_line_end();
    for (k = 0; k < nr_scenario_count; k++)
    {
        const nr_scenario *scn = &nr_scenarios[k];
        etk_nr_model model = nr_linear_use(scn->a, scn->b,
            scn->settings.p * scn->settings.input_lags + scn->settings.m * scn->settings.output_lags, scn->settings.m);
        nr_run_scenario(k, scn, &model);
    }
    for (k = 0; k < nr_pid_scenario_count; k++) nr_run_pid_scenario(k, &nr_pid_scenarios[k]);
    nr_line_begin("done");
    nr_line_end();
    return 0;
}
