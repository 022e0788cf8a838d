/* Host driver of firmware/runtime/etk_frame.c for the interop tests (built with the host gcc):
     frame_tool crc TEXT      prints the CRC of TEXT's bytes as 4 hex digits
     frame_tool encode        reads "type seq payload-hex" lines ("-" for no payload), prints each frame as hex
     frame_tool parse         reads bytes as hex, prints "frame type seq payload-hex" per good frame,
                              then "bad N skipped N frames N"
     frame_tool f32           reads float bit patterns (hex), prints etk_put_f32's bytes and etk_get_f32's bits */
#include <stdio.h>
#include <string.h>
#include "etk_frame.h"

static void print_hex(const uint8_t *bytes, size_t count)
{
    if (count == 0) printf("-");
    for (size_t i = 0; i < count; i++) printf("%02x", bytes[i]);
}

static int encode(void)
{
    unsigned type, seq;
    char hex[2 * 255 + 2];
    uint8_t payload[ETK_FRAME_MAX_PAYLOAD], out[ETK_FRAME_MAX_BYTES];
    while (scanf("%u %u %511s", &type, &seq, hex) == 3) {
        size_t len = strcmp(hex, "-") == 0 ? 0 : strlen(hex) / 2;
        if (len > ETK_FRAME_MAX_PAYLOAD) return 2;
        for (size_t i = 0; i < len; i++) {
            unsigned byte;
            if (sscanf(hex + 2 * i, "%2x", &byte) != 1) return 2;
            payload[i] = (uint8_t)byte;
        }
        print_hex(out, etk_frame_encode((uint8_t)type, (uint16_t)seq, payload, (uint8_t)len, out));
        printf("\n");
    }
    return 0;
}

static int parse(void)
{
    static etk_frame_parser parser;
    static etk_frame frame;
    unsigned byte;
    etk_frame_parser_init(&parser);
    while (scanf("%2x", &byte) == 1) {
        etk_frame_parser_push(&parser, (uint8_t)byte);
        while (etk_frame_parser_next(&parser, &frame)) {
            printf("frame %u %u ", (unsigned)frame.type, (unsigned)frame.seq);
            print_hex(frame.payload, frame.len);
            printf("\n");
        }
    }
    printf("bad %lu skipped %lu frames %lu\n", (unsigned long)parser.bad_frames, (unsigned long)parser.skipped_bytes,
           (unsigned long)parser.frames);
    return 0;
}

static int f32(void)
{
    unsigned long bits;
    while (scanf("%lx", &bits) == 1) {
        uint8_t bytes[4];
        float v;
        uint32_t in = (uint32_t)bits, out;
        memcpy(&v, &in, sizeof v);
        etk_put_f32(bytes, v);
        float read = etk_get_f32(bytes);
        memcpy(&out, &read, sizeof out);
        print_hex(bytes, 4);
        printf(" %08lx\n", (unsigned long)out);
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "crc") == 0) {
        printf("%04x\n", (unsigned)etk_crc16_ccitt((const uint8_t *)argv[2], strlen(argv[2]), 0xFFFFu));
        return 0;
    }
    if (argc == 2 && strcmp(argv[1], "encode") == 0) return encode();
    if (argc == 2 && strcmp(argv[1], "parse") == 0) return parse();
    if (argc == 2 && strcmp(argv[1], "f32") == 0) return f32();
    fprintf(stderr, "usage: frame_tool crc TEXT | encode | parse | f32\n");
    return 2;
}
