/* The framed serial protocol between a control board and its host (docs/firmware.md has the byte
   tables). C99, no malloc; the C# twin is src/EdgeToolkit.Firmware/Protocol.

   Frame: 0xA5 0x5A | type u8 | seq u16 LE | len u8 | payload[len] | crc u16 LE, where crc is
   CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final xor) over type..payload.
   Multi-byte payload fields are little-endian; floats are IEEE 754 binary32. */
#ifndef ETK_FRAME_H
#define ETK_FRAME_H

#include <stddef.h>
#include <stdint.h>

#define ETK_FRAME_SYNC0 0xA5u
#define ETK_FRAME_SYNC1 0x5Au
#define ETK_FRAME_HEADER_BYTES 6u  /* sync, type, seq, len */
#define ETK_FRAME_OVERHEAD 8u      /* header + crc */
/* The largest payload this end accepts (and its buffers hold): a longer length byte is a corrupt
   header, dropped at once. The format allows 255; the control firmware build sets it to its largest
   frame, so that a corrupt length costs no wait for bytes that will never come. */
#ifndef ETK_FRAME_MAX_PAYLOAD
#define ETK_FRAME_MAX_PAYLOAD 255u
#endif
#if ETK_FRAME_MAX_PAYLOAD > 255
#error "ETK_FRAME_MAX_PAYLOAD: the length field is one byte"
#endif
#define ETK_FRAME_MAX_BYTES (ETK_FRAME_MAX_PAYLOAD + ETK_FRAME_OVERHEAD)

#define ETK_PROTOCOL_VERSION 1u

typedef enum {
    ETK_FRAME_HELLO = 0x01,    /* board -> host at start; host -> board (empty) asks for it again */
    ETK_FRAME_SENSOR = 0x02,   /* host -> board: y[m], ref[horizon*m] */
    ETK_FRAME_ACTUATOR = 0x03, /* board -> host: the reply to a SENSOR, same seq */
    ETK_FRAME_STOP = 0x04,     /* host -> board: end the run; the board answers with STOP + totals */
    ETK_FRAME_DAY = 0x05,      /* host -> board (health app): weekday u8, the day's columns[C] */
    ETK_FRAME_PREDICTION = 0x06, /* board -> host (health app): the reply to a DAY, same seq */
    ETK_FRAME_ERROR = 0x7F     /* board -> host */
} etk_frame_type;

typedef enum {
    ETK_ERROR_BAD_FRAME = 1,    /* a frame failed its CRC or length check (detail: bad frames so far) */
    ETK_ERROR_BAD_PAYLOAD = 2,  /* a known type with the wrong payload length (detail: expected length) */
    ETK_ERROR_UNKNOWN_TYPE = 3, /* detail: the type */
    ETK_ERROR_INIT_FAILED = 4   /* the controller rejected its settings; the board stops */
} etk_error_code;

typedef struct {
    uint8_t type;
    uint16_t seq;
    uint8_t len;
    uint8_t payload[ETK_FRAME_MAX_PAYLOAD];
} etk_frame;

/* Bytes arrive one at a time (etk_frame_parser_push) and whole frames come out (etk_frame_parser_next).
   A candidate frame whose length byte is too large or whose CRC fails counts as bad; the parser
   then resumes the search one byte after that candidate's sync, so a real frame that the bad one
   swallowed is still found. */
typedef struct {
    uint8_t buf[ETK_FRAME_MAX_BYTES];
    size_t start, count;     /* unconsumed bytes: buf[start .. start+count) */
    uint32_t frames;         /* good frames returned */
    uint32_t bad_frames;     /* candidates dropped for a bad length or CRC */
    uint32_t skipped_bytes;  /* bytes dropped while looking for a sync word */
} etk_frame_parser;

uint16_t etk_crc16_ccitt(const uint8_t *data, size_t count, uint16_t crc);

/* Writes a frame into out (room for len + ETK_FRAME_OVERHEAD bytes); returns its length. */
size_t etk_frame_encode(uint8_t type, uint16_t seq, const uint8_t *payload, uint8_t len, uint8_t *out);

void etk_frame_parser_init(etk_frame_parser *p);
/* Adds one received byte. When the buffer is full (a caller that never calls next), the oldest byte
   is dropped. */
void etk_frame_parser_push(etk_frame_parser *p, uint8_t byte);
/* Takes the next complete good frame out of the buffered bytes: 1 and *out filled, or 0 when more
   bytes are needed. Call it until it returns 0 after each push. */
int etk_frame_parser_next(etk_frame_parser *p, etk_frame *out);

/* Little-endian field access for payloads. */
void etk_put_u16(uint8_t *at, uint16_t v);
void etk_put_u32(uint8_t *at, uint32_t v);
void etk_put_f32(uint8_t *at, float v);
uint32_t etk_get_u32(const uint8_t *at);
float etk_get_f32(const uint8_t *at);

#endif
