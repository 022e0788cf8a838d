/* The board's end of the framed serial protocol (etk_frame.h) over the board UART: sends the
   board's frames and waits for the host's, answering corrupt ones with an ERROR frame. */
#ifndef ETK_CONTROL_LINK_H
#define ETK_CONTROL_LINK_H

#include <stdint.h>
#include "etk_frame.h"

typedef struct {
    etk_frame_parser parser;
    uint32_t bad_frames_reported;
} control_link;

void control_link_init(control_link *link);
void control_link_send(uint8_t type, uint16_t seq, const uint8_t *payload, uint8_t len);
/* Blocks until a good frame arrives. Each corrupt candidate on the way is answered with
   ERROR(BAD_FRAME), so the host resends at once instead of waiting for its timeout. */
void control_link_receive(control_link *link, etk_frame *out, uint16_t last_seq);
void control_link_send_error(uint16_t seq, uint8_t code, uint32_t detail);

#endif
