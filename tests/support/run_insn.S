/*
 * The runner of the CPU oracles (tests/differential/native.c,
 * tests/tool/oracle.c, and with its own loader and store
 * tests/differential_sve/run_sve.S): load a whole register state, execute
 * instruction words, store the whole state. run_insn.h has the layout of
 * struct run_regs and run_insn_place(), which copies the templates around
 * the words.
 *
 * run_insn(in, entry) saves the host's callee-saved registers, TPIDR_EL0
 * and SP (run_insn_start), has its loader load V0-V31 from `in`, loads
 * NZCV and SP, sets x30 = in and branches to `entry` in the code page.
 * There, a copy of run_insn_entry loads X0-X30 (x30 last), the words under
 * test run, and a copy of run_insn_exit parks x30 in TPIDR_EL0 (no memory
 * through the test SP, which may hold anything), stores everything to the
 * `out` literal and branches to the `back` literal (run_insn_back), which
 * restores the host. The host's TPIDR_EL0 is glibc's thread pointer: it is
 * the host's until the exit runs.
 *
 * The templates are copied, so they are position independent: their only
 * data references are the exit's two literals.
 */
#include "run_insn.h"

	.text
	.globl run_insn, run_insn_start, run_insn_back
	.globl run_insn_entry, run_insn_entry_end
	.globl run_insn_exit, run_insn_exit_lit_out, run_insn_exit_lit_back, run_insn_exit_end

	.p2align 3
run_insn:
	adr	x2, load_v
	b	run_insn_start

/* run_insn_start(in, entry, loader): the host saved, loader(in) (a leaf:
 * x0, x1 kept; x2-x17 free), then NZCV, SP, x30 = in, and on to entry. */
run_insn_start:
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
	mrs	x3, tpidr_el0
	str	x3, [sp, #160]
	adrp	x3, run_insn_host_sp
	add	x3, x3, :lo12:run_insn_host_sp
	mov	x4, sp
	str	x4, [x3]
	blr	x2
	ldr	x2, [x0, #RUN_NZCV]
	msr	nzcv, x2
	ldr	x2, [x0, #RUN_SP]
	mov	sp, x2
	clrex			/* no exclusive monitor left armed by an earlier case */
	mov	x30, x0
	br	x1

load_v:
	add	x2, x0, #RUN_V
	ld1	{v0.2d, v1.2d, v2.2d, v3.2d}, [x2], #64
	ld1	{v4.2d, v5.2d, v6.2d, v7.2d}, [x2], #64
	ld1	{v8.2d, v9.2d, v10.2d, v11.2d}, [x2], #64
	ld1	{v12.2d, v13.2d, v14.2d, v15.2d}, [x2], #64
	ld1	{v16.2d, v17.2d, v18.2d, v19.2d}, [x2], #64
	ld1	{v20.2d, v21.2d, v22.2d, v23.2d}, [x2], #64
	ld1	{v24.2d, v25.2d, v26.2d, v27.2d}, [x2], #64
	ld1	{v28.2d, v29.2d, v30.2d, v31.2d}, [x2], #64
	ret

/* Back to the host: from the exit, or from a fault handler that resumes
 * here (nothing stored then). */
run_insn_back:
	adrp	x2, run_insn_host_sp
	ldr	x2, [x2, :lo12:run_insn_host_sp]
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

/* Copied to PC - RUN_ENTRY_BYTES: exactly 16 instructions. */
	.p2align 3
run_insn_entry:
	ldp	x0, x1, [x30, #RUN_X + 0]
	ldp	x2, x3, [x30, #RUN_X + 16]
	ldp	x4, x5, [x30, #RUN_X + 32]
	ldp	x6, x7, [x30, #RUN_X + 48]
	ldp	x8, x9, [x30, #RUN_X + 64]
	ldp	x10, x11, [x30, #RUN_X + 80]
	ldp	x12, x13, [x30, #RUN_X + 96]
	ldp	x14, x15, [x30, #RUN_X + 112]
	ldp	x16, x17, [x30, #RUN_X + 128]
	ldp	x18, x19, [x30, #RUN_X + 144]
	ldp	x20, x21, [x30, #RUN_X + 160]
	ldp	x22, x23, [x30, #RUN_X + 176]
	ldp	x24, x25, [x30, #RUN_X + 192]
	ldp	x26, x27, [x30, #RUN_X + 208]
	ldp	x28, x29, [x30, #RUN_X + 224]
	ldr	x30, [x30, #RUN_X + 240]
run_insn_entry_end:
	.if run_insn_entry_end - run_insn_entry != RUN_ENTRY_BYTES
	.error "run_insn_entry is not RUN_ENTRY_BYTES long"
	.endif

/* Copied right after the words. */
	.p2align 3
run_insn_exit:
	msr	tpidr_el0, x30
	ldr	x30, run_insn_exit_lit_out
	run_store_gprs
	add	x0, x30, #RUN_V
	st1	{v0.2d, v1.2d, v2.2d, v3.2d}, [x0], #64
	st1	{v4.2d, v5.2d, v6.2d, v7.2d}, [x0], #64
	st1	{v8.2d, v9.2d, v10.2d, v11.2d}, [x0], #64
	st1	{v12.2d, v13.2d, v14.2d, v15.2d}, [x0], #64
	st1	{v16.2d, v17.2d, v18.2d, v19.2d}, [x0], #64
	st1	{v20.2d, v21.2d, v22.2d, v23.2d}, [x0], #64
	st1	{v24.2d, v25.2d, v26.2d, v27.2d}, [x0], #64
	st1	{v28.2d, v29.2d, v30.2d, v31.2d}, [x0], #64
	ldr	x0, run_insn_exit_lit_back
	br	x0
	.p2align 3
run_insn_exit_lit_out:
	.quad	0
run_insn_exit_lit_back:
	.quad	0
run_insn_exit_end:

	.bss
	.p2align 3
run_insn_host_sp:
	.quad	0

	.section .note.GNU-stack, "", %progbits
