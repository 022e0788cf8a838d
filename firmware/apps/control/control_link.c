#include "control_link.h"
#include "uart.h"

void control_link_init(control_link *link)
{
    etk_frame_parser_init(&link->parser);
    link->bad_frames_reported = 0;
}

void control_link_send(uint8_t type, uint16_t seq, const uint8_t *payload, uint8_t len)
{
    static uint8_t bytes[ETK_FRAME_MAX_BYTES];
    uart_write(bytes, etk_frame_encode(type, seq, payload, len, bytes));
}

void control_link_send_error(uint16_t seq, uint8_t code, uint32_t detail)
{
    uint8_t payload[5];
    payload[0] = code;
    etk_put_u32(payload + 1, detail);
    control_link_send(ETK_FRAME_ERROR, seq, payload, sizeof payload);
}

void control_link_receive(control_link *link, etk_frame *out, uint16_t last_seq)
{
    for (;;) {
        int got = etk_frame_parser_next(&link->parser, out);
        if (link->parser.bad_frames != link->bad_frames_reported) {
            link->bad_frames_reported = link->parser.bad_frames;
            control_link_send_error(last_seq, ETK_ERROR_BAD_FRAME, link->parser.bad_frames);
        }
        if (got) return;
        etk_frame_parser_push(&link->parser, uart_read_byte());
    }
}
