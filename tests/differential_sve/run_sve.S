/*
 * The SVE runner (run_sve.h): load the whole register state including
 * Z0-Z31, P0-P15 and FFR at the current vector length, run one word, store
 * everything back. The X loader before the word is tests/support/run_insn.S's
 * entry template (X30 = the state, X0-X30 loaded, X30 last); run_insn.S's own
 * prologue is not used because its V0-V31 loads would zero bits 2047:128 of
 * every Z register.
 *
 * Z and P registers move with LDR/STR (vector, predicate) at offset 0 and
 * an explicit stride, so the layout does not depend on the vector length.
 * FFR goes through P0 (WRFFR/RDFFR), before P0 is loaded and after it is
 * stored.
 */
#include "run_sve.h"

	.arch armv8.2-a+sve
	.text
	.globl run_sve, run_sve_back, run_sve_save, run_sve_out
	.globl run_sve_exit, run_sve_exit_end

	.macro ldz n
	ldr	z\n, [x2]
	add	x2, x2, #RS_ZSTRIDE
	.endm
	.macro ldp_ n
	ldr	p\n, [x2]
	add	x2, x2, #RS_PSTRIDE
	.endm
	.macro stz n
	str	z\n, [x0]
	add	x0, x0, #RS_ZSTRIDE
	.endm
	.macro stp_ n
	str	p\n, [x0]
	add	x0, x0, #RS_PSTRIDE
	.endm

	.p2align 3
run_sve:
	sub	sp, sp, #192
	stp	x19, x20, [sp, #0]
	stp	x21, x22, [sp, #16]
	stp	x23, x24, [sp, #32]
	stp	x25, x26, [sp, #48]
	stp	x27, x28, [sp, #64]
	stp	x29, x30, [sp, #80]
	stp	d8, d9, [sp, #96]
	stp	d10, d11, [sp, #112]
	stp	d12, d13, [sp, #128]
	stp	d14, d15, [sp, #144]
	mrs	x2, tpidr_el0
	str	x2, [sp, #160]
	adrp	x2, run_sve_host_sp
	add	x2, x2, :lo12:run_sve_host_sp
	mov	x3, sp
	str	x3, [x2]
	/* Z0-Z31: x2 walks from RS_Z to RS_P */
	add	x2, x0, #RS_Z
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	ldz	\n
	.endr
	/* FFR through P0, then P0-P15 (x2 = RS_P) */
	add	x3, x2, #16 * RS_PSTRIDE
	ldr	p0, [x3]
	wrffr	p0.b
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	ldp_	\n
	.endr
	ldr	x2, [x0, #RS_NZCV]
	msr	nzcv, x2
	ldr	x2, [x0, #RS_SP]
	mov	sp, x2
	mov	x30, x0
	br	x1

/* Back to the host: after run_sve_save, or from a fault handler. */
run_sve_back:
	adrp	x2, run_sve_host_sp
	ldr	x2, [x2, :lo12:run_sve_host_sp]
	mov	sp, x2
	ldr	x2, [sp, #160]
	msr	tpidr_el0, x2
	ldp	x19, x20, [sp, #0]
	ldp	x21, x22, [sp, #16]
	ldp	x23, x24, [sp, #32]
	ldp	x25, x26, [sp, #48]
	ldp	x27, x28, [sp, #64]
	ldp	x29, x30, [sp, #80]
	ldp	d8, d9, [sp, #96]
	ldp	d10, d11, [sp, #112]
	ldp	d12, d13, [sp, #128]
	ldp	d14, d15, [sp, #144]
	add	sp, sp, #192
	ret

/* Store everything: X30 is parked in TPIDR_EL0 by the exit. Nothing goes
 * through the test SP. */
run_sve_save:
	adrp	x30, run_sve_out
	ldr	x30, [x30, :lo12:run_sve_out]
	stp	x0, x1, [x30, #RS_X + 0]
	stp	x2, x3, [x30, #RS_X + 16]
	stp	x4, x5, [x30, #RS_X + 32]
	stp	x6, x7, [x30, #RS_X + 48]
	stp	x8, x9, [x30, #RS_X + 64]
	stp	x10, x11, [x30, #RS_X + 80]
	stp	x12, x13, [x30, #RS_X + 96]
	stp	x14, x15, [x30, #RS_X + 112]
	stp	x16, x17, [x30, #RS_X + 128]
	stp	x18, x19, [x30, #RS_X + 144]
	stp	x20, x21, [x30, #RS_X + 160]
	stp	x22, x23, [x30, #RS_X + 176]
	stp	x24, x25, [x30, #RS_X + 192]
	stp	x26, x27, [x30, #RS_X + 208]
	stp	x28, x29, [x30, #RS_X + 224]
	mrs	x0, tpidr_el0
	str	x0, [x30, #RS_X + 240]
	mov	x0, sp
	str	x0, [x30, #RS_SP]
	mrs	x0, nzcv
	str	x0, [x30, #RS_NZCV]
	mov	x0, #RS_P
	add	x0, x30, x0
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	stp_	\n
	.endr
	rdffr	p0.b
	str	p0, [x0]          /* x0 = RS_FFR */
	add	x0, x30, #RS_Z
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	stz	\n
	.endr
	b	run_sve_back

/* Copied right after the word: park X30, go to run_sve_save. */
	.p2align 3
run_sve_exit:
	msr	tpidr_el0, x30
	ldr	x30, 1f
	br	x30
	nop
1:	.quad	0               /* run_sve_place: the address of run_sve_save */
run_sve_exit_end:
	.if run_sve_exit_end - run_sve_exit != RUN_SVE_EXIT_BYTES
	.error "run_sve_exit is not RUN_SVE_EXIT_BYTES long"
	.endif

	.data
	.p2align 3
run_sve_out:
	.quad	0

	.bss
	.p2align 3
run_sve_host_sp:
	.quad	0

	.section .note.GNU-stack, "", %progbits
