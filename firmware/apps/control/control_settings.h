/* What `edgetk firmware build` generates for the control app (control_settings.c): the
   controller's settings, the compiled forward model bound to the controller's model interface,
   and what the HELLO frame tells the host about them. */
#ifndef ETK_CONTROL_SETTINGS_H
#define ETK_CONTROL_SETTINGS_H

#include <stdint.h>
#include "etk_nr.h"

extern const etk_nr_settings etk_control_settings;
/* The generated <name>_run and <name>_jacobian with the model's sizes. */
extern const etk_nr_model etk_control_model;
/* The model's symbol prefix (ASCII, at most 32 characters). */
extern const char etk_control_model_name[];
/* First 4 bytes of the SHA-256 of the settings' canonical bytes (the host checks it). */
extern const uint32_t etk_control_settings_hash;

#endif
