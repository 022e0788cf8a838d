/* The controller the firmware runs, behind one interface: the Newton-Raphson controller (etk_nr),
   or with ETK_CONTROL_PID_ONLY the PID baseline. Each step is timed with the board timer. */
#ifndef ETK_CONTROL_CONTROLLER_H
#define ETK_CONTROL_CONTROLLER_H

#include <stdint.h>
#include "etk_nr.h"

/* Source byte of an ACTUATOR frame from the PID-only firmware (etk_nr_source covers 0..4). */
#define CONTROL_SOURCE_PID_BASELINE 5u

/* HELLO's controller byte (0 Newton, 1 PID) and the summary's name for it. */
extern const uint8_t control_controller_kind;
extern const char control_controller_name[];

/* 0 on success; -1 when etk_nr_init rejects the settings. */
int control_controller_init(void);
/* One control period: y(k) and the preview in, u(k) out; returns the source byte and writes the
   instructions the step took (timer ticks converted with ETK_TICKS_NUM / ETK_TICKS_DEN). */
uint8_t control_controller_step(const float *y, const float *ref, float *u, uint32_t *instructions);
const etk_nr_counters *control_controller_counters(void);

#endif
