/* The framed serial protocol: CRC, encoder and the resynchronising parser (etk_frame.h). */
#include "etk_frame.h"

#include <string.h>

uint16_t etk_crc16_ccitt(const uint8_t *data, size_t count, uint16_t crc)
{
    /* Bitwise rather than a 512-byte table: a frame is at most a few hundred bytes per period. */
    for (size_t i = 0; i < count; i++) {
        crc ^= (uint16_t)((uint16_t)data[i] << 8);
        for (int bit = 0; bit < 8; bit++)
            crc = (crc & 0x8000u) ? (uint16_t)((crc << 1) ^ 0x1021u) : (uint16_t)(crc << 1);
    }
    return crc;
}

void etk_put_u16(uint8_t *at, uint16_t v)
{
    at[0] = (uint8_t)v;
    at[1] = (uint8_t)(v >> 8);
}

void etk_put_u32(uint8_t *at, uint32_t v)
{
    for (int i = 0; i < 4; i++) at[i] = (uint8_t)(v >> (8 * i));
}

uint32_t etk_get_u32(const uint8_t *at)
{
    return (uint32_t)at[0] | ((uint32_t)at[1] << 8) | ((uint32_t)at[2] << 16) | ((uint32_t)at[3] << 24);
}

/* memcpy is the portable way to see a float's bits (no aliasing violation); the byte order is
   then fixed explicitly, so a big-endian host would still write little-endian. */
void etk_put_f32(uint8_t *at, float v)
{
    uint32_t bits;
    memcpy(&bits, &v, sizeof bits);
    etk_put_u32(at, bits);
}

float etk_get_f32(const uint8_t *at)
{
    uint32_t bits = etk_get_u32(at);
    float v;
    memcpy(&v, &bits, sizeof v);
    return v;
}

size_t etk_frame_encode(uint8_t type, uint16_t seq, const uint8_t *payload, uint8_t len, uint8_t *out)
{
    out[0] = ETK_FRAME_SYNC0;
    out[1] = ETK_FRAME_SYNC1;
    out[2] = type;
    etk_put_u16(out + 3, seq);
    out[5] = len;
    for (size_t i = 0; i < len; i++) out[ETK_FRAME_HEADER_BYTES + i] = payload[i];
    etk_put_u16(out + ETK_FRAME_HEADER_BYTES + len, etk_crc16_ccitt(out + 2, 4u + len, 0xFFFFu));
    return ETK_FRAME_OVERHEAD + len;
}

void etk_frame_parser_init(etk_frame_parser *p)
{
    p->start = 0;
    p->count = 0;
    p->frames = 0;
    p->bad_frames = 0;
    p->skipped_bytes = 0;
}

static void drop(etk_frame_parser *p, size_t n)
{
    p->start += n;
    p->count -= n;
    if (p->count == 0) p->start = 0;
}

void etk_frame_parser_push(etk_frame_parser *p, uint8_t byte)
{
    if (p->start + p->count == sizeof p->buf) {
        if (p->count == sizeof p->buf) {
            drop(p, 1);
            p->skipped_bytes++;
        }
        for (size_t i = 0; i < p->count; i++) p->buf[i] = p->buf[p->start + i];
        p->start = 0;
    }
    p->buf[p->start + p->count++] = byte;
}

int etk_frame_parser_next(etk_frame_parser *p, etk_frame *out)
{
    for (;;) {
        const uint8_t *b = p->buf + p->start;
        if (p->count == 0) return 0;
        if (b[0] != ETK_FRAME_SYNC0) {
            drop(p, 1);
            p->skipped_bytes++;
            continue;
        }
        if (p->count < 2) return 0;
        if (b[1] != ETK_FRAME_SYNC1) {
            drop(p, 1);
            p->skipped_bytes++;
            continue;
        }
        if (p->count < ETK_FRAME_HEADER_BYTES) return 0;
        size_t len = b[5]; /* not uint8_t: at the default maximum of 255 gcc flags the test as always false */
        if (len > ETK_FRAME_MAX_PAYLOAD) {
            /* A corrupt length: resume right after this sync byte. */
            p->bad_frames++;
            drop(p, 1);
            continue;
        }
        size_t total = ETK_FRAME_OVERHEAD + len;
        if (p->count < total) return 0;
        uint16_t crc = etk_crc16_ccitt(b + 2, 4u + len, 0xFFFFu);
        uint16_t sent = (uint16_t)(b[total - 2] | (b[total - 1] << 8));
        if (crc != sent) {
            p->bad_frames++;
            drop(p, 1);
            continue;
        }
        out->type = b[2];
        out->seq = (uint16_t)(b[3] | (b[4] << 8));
        out->len = (uint8_t)len;
        for (size_t i = 0; i < len; i++) out->payload[i] = b[ETK_FRAME_HEADER_BYTES + i];
        drop(p, total);
        p->frames++;
        return 1;
    }
}
