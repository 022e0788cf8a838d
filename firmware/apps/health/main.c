/* The health firmware: a watch keeps the last W days of wearable readings in RAM and, after each
   day, predicts tomorrow with the generated model (docs/firmware.md, "The health app").

   At start it sends HELLO; then each DAY frame (the day's weekday and C readings) enters the
   window and gets a PREDICTION reply with the same sequence number: not ready until the window
   holds W days, then each head's class and logits and the model run's instruction count. STOP
   ends the run: a STOP reply with the totals, a summary over semihosting, exit 0. */
#include "control_link.h"
#include "etk_frame.h"
#include "health_predict.h"
#include "health_settings.h"
#include "health_summary.h"
#include "health_window.h"
#include "uart.h"

/* HELLO's app byte (the control firmware sends 0 Newton or 1 PID there). */
#define HEALTH_APP_KIND 2u
#define DAY_BYTES (1u + 4u * HEALTH_COLUMNS)
#define PREDICTION_BYTES (2u + HEALTH_HEADS + 4u * HEALTH_OUTPUTS + 4u)
#define CLASS_NOT_READY 0xFFu

static control_link serial_link;
static health_window window;
static health_stats stats;
static etk_frame request;
/* The last reply, resent unchanged when the host repeats a DAY (its reply was lost). */
static uint8_t reply[PREDICTION_BYTES];
static uint16_t reply_seq;

static void send_hello(void)
{
    uint8_t payload[5 + HEALTH_HEADS + 32];
    uint8_t len = 0;
    payload[len++] = ETK_PROTOCOL_VERSION;
    payload[len++] = HEALTH_APP_KIND;
    payload[len++] = HEALTH_DAYS;
    payload[len++] = HEALTH_COLUMNS;
    payload[len++] = HEALTH_HEADS;
    for (int h = 0; h < HEALTH_HEADS; h++) payload[len++] = health_head_sizes[h];
    for (const char *c = health_model_name; *c && len < sizeof payload; c++) payload[len++] = (uint8_t)*c;
    control_link_send(ETK_FRAME_HELLO, 0, payload, len);
}

static void answer_day(const etk_frame *f)
{
    if (f->len != DAY_BYTES || f->payload[0] > 6u) {
        control_link_send_error(f->seq, ETK_ERROR_BAD_PAYLOAD, DAY_BYTES);
        return;
    }
    if (stats.days > 0 && f->seq == reply_seq) {
        stats.repeated_frames++;
        control_link_send(ETK_FRAME_PREDICTION, reply_seq, reply, PREDICTION_BYTES);
        return;
    }
    if (stats.days > 0) stats.lost_frames += (uint16_t)(f->seq - reply_seq - 1u);

    float columns[HEALTH_COLUMNS];
    for (int c = 0; c < HEALTH_COLUMNS; c++) columns[c] = etk_get_f32(f->payload + 1 + 4 * c);
    health_window_push(&window, f->payload[0], columns);
    stats.days++;

    float outputs[HEALTH_OUTPUTS];
    uint8_t classes[HEALTH_HEADS];
    uint32_t instructions = 0;
    const int ready = health_window_ready(&window);
    if (ready) {
        instructions = health_predict(window.input, outputs, classes);
        health_stats_add_prediction(&stats, instructions);
    } else {
        for (int i = 0; i < HEALTH_OUTPUTS; i++) outputs[i] = 0.0f;
        for (int h = 0; h < HEALTH_HEADS; h++) classes[h] = CLASS_NOT_READY;
    }

    uint8_t n = 0;
    reply[n++] = (uint8_t)ready;
    reply[n++] = window.target_weekday;
    for (int h = 0; h < HEALTH_HEADS; h++) reply[n++] = classes[h];
    for (int i = 0; i < HEALTH_OUTPUTS; i++, n += 4) etk_put_f32(reply + n, outputs[i]);
    etk_put_u32(reply + n, instructions);
    reply_seq = f->seq;
    control_link_send(ETK_FRAME_PREDICTION, reply_seq, reply, PREDICTION_BYTES);
}

static void answer_stop(uint16_t seq, uint32_t stack_bytes)
{
    uint8_t payload[28];
    etk_put_u32(payload + 0, stats.days);
    etk_put_u32(payload + 4, stats.predictions);
    etk_put_u32(payload + 8, serial_link.parser.bad_frames);
    etk_put_u32(payload + 12, stats.instructions_max);
    etk_put_u32(payload + 16, (uint32_t)stats.instructions_total);
    etk_put_u32(payload + 20, (uint32_t)(stats.instructions_total >> 32));
    etk_put_u32(payload + 24, stack_bytes);
    control_link_send(ETK_FRAME_STOP, seq, payload, sizeof payload);
}

int main(void)
{
    uart_init();
    control_link_init(&serial_link);
    health_window_init(&window);
    send_hello();
    for (;;) {
        control_link_receive(&serial_link, &request, reply_seq);
        switch (request.type) {
        case ETK_FRAME_DAY:
            answer_day(&request);
            break;
        case ETK_FRAME_HELLO: /* the host asks again: it opened a real board's port after the start-up HELLO */
            send_hello();
            break;
        case ETK_FRAME_STOP: {
            const uint32_t stack_bytes = health_stack_bytes();
            answer_stop(request.seq, stack_bytes);
            health_summary_print(&stats, serial_link.parser.bad_frames, stack_bytes, health_model_name);
            return 0;
        }
        default:
            control_link_send_error(request.seq, ETK_ERROR_UNKNOWN_TYPE, request.type);
            break;
        }
    }
}
