/* One prediction: the model on the window, timed with the board timer, and each head's class. */
#ifndef ETK_HEALTH_PREDICT_H
#define ETK_HEALTH_PREDICT_H

#include <stdint.h>
#include "health_settings.h"

/* Runs the model on input[HEALTH_INPUTS] into outputs[HEALTH_OUTPUTS] (heads in model output order),
   writes each head's argmax (the first of equal maxima) to classes[HEALTH_HEADS], and returns the
   instructions the model run took (timer ticks converted with ETK_TICKS_NUM / ETK_TICKS_DEN). */
uint32_t health_predict(const float *input, float *outputs, uint8_t *classes);

#endif
