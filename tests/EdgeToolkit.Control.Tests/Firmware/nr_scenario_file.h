/* Reads a scenario text file (host only; the format is in firmware/runtime/README.md). */
#ifndef NR_SCENARIO_FILE_H
#define NR_SCENARIO_FILE_H
#include "nr_scenario.h"

#define NR_FILE_MAX_STEPS 50000

/* Fills *scn (its arrays are static: one scenario at a time). *linked: "model linked" (the
   linked generated model) rather than "model linear". 0 on success, else -1 and a message. */
int nr_scenario_read(const char *path, nr_scenario *scn, int *linked, char *error, int error_size);

#endif
