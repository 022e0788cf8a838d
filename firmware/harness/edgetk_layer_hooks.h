/* Force-included into model.c for a per-layer build: the generated model wraps each kernel call in
 * EDGETK_LAYER_BEGIN(i) / EDGETK_LAYER_END(i), which the harness implements with its cost counter. */
#ifndef EDGETK_LAYER_HOOKS_H
#define EDGETK_LAYER_HOOKS_H
/* -include reaches the weights' .S file too (large models link a blob): no C declarations there. */
#ifndef __ASSEMBLER__
void edgetk_layer_begin(int layer);
void edgetk_layer_end(int layer);
#endif
#define EDGETK_LAYER_BEGIN(i) edgetk_layer_begin(i)
#define EDGETK_LAYER_END(i) edgetk_layer_end(i)
#endif
