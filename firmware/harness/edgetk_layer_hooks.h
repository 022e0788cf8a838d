/* Force-included into model.c for a per-layer build: the generated model wraps each kernel call in
 * EDGETK_LAYER_BEGIN(i) / EDGETK_LAYER_END(i), which the harness implements with its cost counter. */
#ifndef EDGETK_LAYER_HOOKS_H
#define EDGETK_LAYER_HOOKS_H
void edgetk_layer_begin(int layer);
void edgetk_layer_end(int layer);
#define EDGETK_LAYER_BEGIN(i) edgetk_layer_begin(i)
#define EDGETK_LAYER_END(i) edgetk_layer_end(i)
#endif
