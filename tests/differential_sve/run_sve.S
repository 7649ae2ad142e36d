/*
 * The SVE runner (run_sve.h) on tests/support/run_insn.S: run_insn_start
 * saves the host and calls run_sve's loader, which loads Z0-Z31, P0-P15
 * and FFR at the current vector length (run_insn's own loader is not used:
 * its V0-V31 loads would zero bits 2047:128 of every Z register); the X
 * loader before the word is run_insn.S's entry template (X30 = the state,
 * X0-X30 loaded, X30 last). The exit after the word parks X30 and goes to
 * run_sve_save, which stores everything into run_sve_out and returns to
 * the host through run_insn_back.
 *
 * Z and P registers move with LDR/STR (vector, predicate) at offset 0 and
 * an explicit stride, so the layout does not depend on the vector length.
 * FFR goes through P0 (WRFFR/RDFFR), before P0 is loaded and after it is
 * stored; not in streaming mode, where it is not accessible without
 * FEAT_SME_FA64 (SMSTART SM zeroes it).
 *
 * SME (in->svcr): SMSTART SM and/or ZA first (they zero Z, P, FFR and
 * ZA), then ZA row by row with LDR ZA[W12, #0] (legal out of streaming
 * mode: it needs PSTATE.ZA only), then Z and P at the current length, the
 * streaming one in streaming mode. After the word everything is stored
 * the same way and SMSTOP leaves both before any C code runs; a fault of
 * the word resumes at run_sve_back, which does the same SMSTOP.
 */
#include "run_sve.h"

	.arch armv8.2-a+sve
	.arch_extension sme
	.text
	.globl run_sve, run_sve_save, run_sve_back, run_sve_out
	.globl run_sve_exit, run_sve_exit_end

	/* LDR or STR of one register at [base], then base += stride */
	.macro step op, reg, base, stride
	\op	\reg, [\base]
	add	\base, \base, #\stride
	.endm

	.p2align 3
run_sve:
	adr	x2, load_sve
	b	run_insn_start

/* run_insn_start's loader: x0 = the state; x0 and x1 kept. */
load_sve:
	ldr	x5, [x0, #RS_SVCR]
	tbz	x5, #0, 1f
	smstart	sm
1:	tbz	x5, #1, 2f
	smstart	za
	/* ZA rows 0 .. SVL/8 - 1 */
	ldr	x2, [x0, #RS_ZA]
	ldr	x4, [x0, #RS_ZA_ROWS]
	mov	w12, #0
3:	ldr	za[w12, 0], [x2]
	add	x2, x2, #RS_ZASTRIDE
	add	w12, w12, #1
	cmp	w12, w4
	b.ne	3b
2:	/* Z0-Z31: x2 walks from RS_Z to RS_P */
	add	x2, x0, #RS_Z
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	step	ldr, z\n, x2, RS_ZSTRIDE
	.endr
	/* FFR through P0 (not in streaming mode), then P0-P15 (x2 = RS_P) */
	tbnz	x5, #0, 4f
	add	x3, x2, #16 * RS_PSTRIDE
	ldr	p0, [x3]
	wrffr	p0.b
4:	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	step	ldr, p\n, x2, RS_PSTRIDE
	.endr
	ret

/* Store everything: X30 is parked in TPIDR_EL0 by the exit. Nothing goes
 * through the test SP. */
run_sve_save:
	adrp	x30, run_sve_out
	ldr	x30, [x30, :lo12:run_sve_out]
	run_store_gprs
	ldr	x5, [x30, #RS_SVCR]
	mov	x0, #RS_P
	add	x0, x30, x0
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	step	str, p\n, x0, RS_PSTRIDE
	.endr
	tbnz	x5, #0, 1f        /* no FFR in streaming mode */
	rdffr	p0.b
	str	p0, [x0]          /* x0 = RS_FFR */
1:	add	x0, x30, #RS_Z
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	step	str, z\n, x0, RS_ZSTRIDE
	.endr
	cbnz	x5, 3f
	b	run_insn_back     /* a plain SVE case: no SMSTOP (no SME needed) */
3:	tbz	x5, #1, run_sve_back
	ldr	x0, [x30, #RS_ZA]
	ldr	x4, [x30, #RS_ZA_ROWS]
	mov	w12, #0
2:	str	za[w12, 0], [x0]
	add	x0, x0, #RS_ZASTRIDE
	add	w12, w12, #1
	cmp	w12, w4
	b.ne	2b
/* Out of streaming mode, ZA off, back to the host (a fault handler of an
 * SME case resumes here). */
run_sve_back:
	smstop
	b	run_insn_back

/* Copied right after the word: park X30, go to run_sve_save. */
	.p2align 3
run_sve_exit:
	msr	tpidr_el0, x30
	ldr	x30, 1f
	br	x30
	nop
1:	.quad	0               /* native_init: the address of run_sve_save */
run_sve_exit_end:
	.if run_sve_exit_end - run_sve_exit != RUN_SVE_EXIT_BYTES
	.error "run_sve_exit is not RUN_SVE_EXIT_BYTES long"
	.endif

	.data
	.p2align 3
run_sve_out:
	.quad	0

	.section .note.GNU-stack, "", %progbits
