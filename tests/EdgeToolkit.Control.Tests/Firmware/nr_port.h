/* What the controller test programs need from where they run: a console and a cost counter
   (the board timer under QEMU -icount; none on the host). */
#ifndef NR_PORT_H
#define NR_PORT_H
#include <stdint.h>

void nr_port_write(const char *text);
/* Restarts the counter; ticks since then (0 on the host). */
void nr_port_ticks_start(void);
uint32_t nr_port_ticks(void);

#endif
