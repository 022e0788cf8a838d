/* The control firmware: the Newton-Raphson controller (etk_nr) on a learned forward model, driven
   over the board UART by the framed protocol of etk_frame.h (docs/firmware.md).

   At start it sends HELLO; then each SENSOR frame (y(k), the reference preview) gets one control
   period, timed with the board timer, and an ACTUATOR reply with the same sequence number; STOP
   ends the run: a STOP reply with the totals, a summary over semihosting, exit 0.

   ETK_CONTROL_PID_ONLY builds the PID baseline instead of Newton (control_controller.c). */
#include "control_controller.h"
#include "control_link.h"
#include "control_settings.h"
#include "control_summary.h"
#include "etk_frame.h"
#include "semihosting.h"
#include "uart.h"

static control_link serial_link;
static control_stats stats;
static etk_frame request;
/* The last reply, resent unchanged when the host repeats a SENSOR (its reply was lost). */
static uint8_t reply[ETK_FRAME_MAX_PAYLOAD];
static uint8_t reply_len;
static uint16_t reply_seq;

static void send_hello(void)
{
    uint8_t payload[9 + 32];
    uint8_t len = 9;
    payload[0] = ETK_PROTOCOL_VERSION;
    payload[1] = control_controller_kind;
    payload[2] = (uint8_t)etk_control_settings.p;
    payload[3] = (uint8_t)etk_control_settings.m;
    payload[4] = (uint8_t)etk_control_settings.horizon;
    etk_put_u32(payload + 5, etk_control_settings_hash);
    for (const char *c = etk_control_model_name; *c && len < sizeof payload; c++) payload[len++] = (uint8_t)*c;
    control_link_send(ETK_FRAME_HELLO, 0, payload, len);
}

static void answer_sensor(const etk_frame *f)
{
    const etk_nr_settings *s = &etk_control_settings;
    const int m = s->m, p = s->p;
    const uint8_t expected = (uint8_t)(4 * m * (1 + s->horizon));
    if (f->len != expected) {
        control_link_send_error(f->seq, ETK_ERROR_BAD_PAYLOAD, expected);
        return;
    }
    if (stats.steps > 0 && f->seq == reply_seq) {
        stats.repeated_frames++;
        control_link_send(ETK_FRAME_ACTUATOR, reply_seq, reply, reply_len);
        return;
    }
    if (stats.steps > 0) stats.lost_frames += (uint16_t)(f->seq - reply_seq - 1u);

    float y[ETK_NR_MAX_OUTPUTS], ref[ETK_NR_MAX_STEPS * ETK_NR_MAX_OUTPUTS], u[ETK_NR_MAX_INPUTS];
    for (int i = 0; i < m; i++) y[i] = etk_get_f32(f->payload + 4 * i);
    for (int i = 0; i < m * s->horizon; i++) ref[i] = etk_get_f32(f->payload + 4 * (m + i));
    uint32_t instructions;
    uint8_t source = control_controller_step(y, ref, u, &instructions);
    control_stats_add_step(&stats, instructions);

    const etk_nr_counters *c = control_controller_counters();
    const uint32_t fields[9] = { c->steps, c->fallbacks, c->fallback_sensor, c->fallback_mismatch, c->fallback_singular,
                                 c->fallback_diverged, c->sensor_faults, c->newton_iterations, c->saturated_steps };
    uint8_t n = 0;
    for (int i = 0; i < p; i++, n += 4) etk_put_f32(reply + n, u[i]);
    reply[n++] = source;
    etk_put_u32(reply + n, instructions);
    n += 4;
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++, n += 4) etk_put_u32(reply + n, fields[i]);
    reply_len = n;
    reply_seq = f->seq;
    control_link_send(ETK_FRAME_ACTUATOR, reply_seq, reply, reply_len);
}

static void answer_stop(uint16_t seq)
{
    uint8_t payload[24];
    etk_put_u32(payload + 0, stats.steps);
    etk_put_u32(payload + 4, serial_link.parser.bad_frames);
    etk_put_u32(payload + 8, stats.lost_frames);
    etk_put_u32(payload + 12, stats.instructions_max);
    etk_put_u32(payload + 16, (uint32_t)stats.instructions_total);
    etk_put_u32(payload + 20, (uint32_t)(stats.instructions_total >> 32));
    control_link_send(ETK_FRAME_STOP, seq, payload, sizeof payload);
}

int main(void)
{
    uart_init();
    control_link_init(&serial_link);
    if (control_controller_init() != 0) {
        control_link_send_error(0, ETK_ERROR_INIT_FAILED, 0);
        semihosting_write0("edgetk control: the controller rejected its settings (etk_nr_init)\n");
        return 2;
    }
    send_hello();
    for (;;) {
        control_link_receive(&serial_link, &request, reply_seq);
        switch (request.type) {
        case ETK_FRAME_SENSOR:
            answer_sensor(&request);
            break;
        case ETK_FRAME_HELLO: /* the host asks again: it opened a real board's port after the start-up HELLO */
            send_hello();
            break;
        case ETK_FRAME_STOP:
            answer_stop(request.seq);
            control_summary_print(&stats, control_controller_counters(), serial_link.parser.bad_frames, control_controller_name,
                                  etk_control_model_name);
            return 0;
        default:
            control_link_send_error(request.seq, ETK_ERROR_UNKNOWN_TYPE, request.type);
            break;
        }
    }
}
