/*
 * Template of the native runner. native.c copies nd_tmpl_start..nd_tmpl_end
 * into an RWX page and patches the instruction slot. Position independent:
 * the only data reference is the literal nd_tmpl_lit, which native.c fills
 * with the address of the state block.
 *
 * void stub(struct nstate *s):
 *   save the host's callee-saved registers, SP and TPIDR_EL0 in s, load every
 *   test register from s (V, NZCV, SP, x1..x30, x0 last), run the slot, then
 *   park x0 in TPIDR_EL0 (no memory through the test SP), reload s from the
 *   literal, store everything back and restore the host.
 */
#include "native.h"

	.text
	.p2align 4
	.global nd_tmpl_start
	.global nd_tmpl_slot
	.global nd_tmpl_after
	.global nd_tmpl_lit
	.global nd_tmpl_end
nd_tmpl_start:
	stp	x19, x20, [x0, #NS_SAVE_X + 0]
	stp	x21, x22, [x0, #NS_SAVE_X + 16]
	stp	x23, x24, [x0, #NS_SAVE_X + 32]
	stp	x25, x26, [x0, #NS_SAVE_X + 48]
	stp	x27, x28, [x0, #NS_SAVE_X + 64]
	stp	x29, x30, [x0, #NS_SAVE_X + 80]
	stp	d8, d9, [x0, #NS_SAVE_D + 0]
	stp	d10, d11, [x0, #NS_SAVE_D + 16]
	stp	d12, d13, [x0, #NS_SAVE_D + 32]
	stp	d14, d15, [x0, #NS_SAVE_D + 48]
	mov	x1, sp
	str	x1, [x0, #NS_HOST_SP]
	mrs	x1, tpidr_el0
	str	x1, [x0, #NS_HOST_TP]

	add	x1, x0, #NS_V
	ldp	q0, q1, [x1, #0]
	ldp	q2, q3, [x1, #32]
	ldp	q4, q5, [x1, #64]
	ldp	q6, q7, [x1, #96]
	ldp	q8, q9, [x1, #128]
	ldp	q10, q11, [x1, #160]
	ldp	q12, q13, [x1, #192]
	ldp	q14, q15, [x1, #224]
	ldp	q16, q17, [x1, #256]
	ldp	q18, q19, [x1, #288]
	ldp	q20, q21, [x1, #320]
	ldp	q22, q23, [x1, #352]
	ldp	q24, q25, [x1, #384]
	ldp	q26, q27, [x1, #416]
	ldp	q28, q29, [x1, #448]
	ldp	q30, q31, [x1, #480]
	ldr	x1, [x0, #NS_NZCV]
	msr	nzcv, x1
	ldr	x1, [x0, #NS_SP]
	mov	sp, x1
	clrex
	ldp	x1, x2, [x0, #8]
	ldp	x3, x4, [x0, #24]
	ldp	x5, x6, [x0, #40]
	ldp	x7, x8, [x0, #56]
	ldp	x9, x10, [x0, #72]
	ldp	x11, x12, [x0, #88]
	ldp	x13, x14, [x0, #104]
	ldp	x15, x16, [x0, #120]
	ldp	x17, x18, [x0, #136]
	ldp	x19, x20, [x0, #152]
	ldp	x21, x22, [x0, #168]
	ldp	x23, x24, [x0, #184]
	ldp	x25, x26, [x0, #200]
	ldp	x27, x28, [x0, #216]
	ldp	x29, x30, [x0, #232]
	ldr	x0, [x0, #0]
nd_tmpl_slot:
	nop
	nop
	nop
	nop
nd_tmpl_after:
	msr	tpidr_el0, x0
	ldr	x0, nd_tmpl_lit
	stp	x1, x2, [x0, #8]
	stp	x3, x4, [x0, #24]
	stp	x5, x6, [x0, #40]
	stp	x7, x8, [x0, #56]
	stp	x9, x10, [x0, #72]
	stp	x11, x12, [x0, #88]
	stp	x13, x14, [x0, #104]
	stp	x15, x16, [x0, #120]
	stp	x17, x18, [x0, #136]
	stp	x19, x20, [x0, #152]
	stp	x21, x22, [x0, #168]
	stp	x23, x24, [x0, #184]
	stp	x25, x26, [x0, #200]
	stp	x27, x28, [x0, #216]
	stp	x29, x30, [x0, #232]
	mrs	x1, tpidr_el0
	str	x1, [x0, #0]
	mov	x1, sp
	str	x1, [x0, #NS_SP]
	mrs	x1, nzcv
	str	x1, [x0, #NS_NZCV]
	add	x1, x0, #NS_V
	stp	q0, q1, [x1, #0]
	stp	q2, q3, [x1, #32]
	stp	q4, q5, [x1, #64]
	stp	q6, q7, [x1, #96]
	stp	q8, q9, [x1, #128]
	stp	q10, q11, [x1, #160]
	stp	q12, q13, [x1, #192]
	stp	q14, q15, [x1, #224]
	stp	q16, q17, [x1, #256]
	stp	q18, q19, [x1, #288]
	stp	q20, q21, [x1, #320]
	stp	q22, q23, [x1, #352]
	stp	q24, q25, [x1, #384]
	stp	q26, q27, [x1, #416]
	stp	q28, q29, [x1, #448]
	stp	q30, q31, [x1, #480]

	ldr	x1, [x0, #NS_HOST_SP]
	mov	sp, x1
	ldr	x1, [x0, #NS_HOST_TP]
	msr	tpidr_el0, x1
	ldp	x19, x20, [x0, #NS_SAVE_X + 0]
	ldp	x21, x22, [x0, #NS_SAVE_X + 16]
	ldp	x23, x24, [x0, #NS_SAVE_X + 32]
	ldp	x25, x26, [x0, #NS_SAVE_X + 48]
	ldp	x27, x28, [x0, #NS_SAVE_X + 64]
	ldp	x29, x30, [x0, #NS_SAVE_X + 80]
	ldp	d8, d9, [x0, #NS_SAVE_D + 0]
	ldp	d10, d11, [x0, #NS_SAVE_D + 16]
	ldp	d12, d13, [x0, #NS_SAVE_D + 32]
	ldp	d14, d15, [x0, #NS_SAVE_D + 48]
	ret
	.p2align 3
nd_tmpl_lit:
	.quad	0
nd_tmpl_end:

	.section .note.GNU-stack, "", %progbits
