/*
 * Guest entry and exception vectors. Every vCPU enters at _start with
 * x0 = vCPU index, x1 = number of vCPUs, MMU off, EL1h, DAIF masked.
 * guest_main(cpu, ncpus) returns the verdict; vCPU 0 writes it to
 * TEST_DONE (which ends the VM), the others park.
 */
#include "platform.h"

#define FRAME_SIZE 288 /* x0-x30, ELR, SPSR, ESR, FAR (struct frame), 16-aligned */

	.section .text.start, "ax"
	.global _start
_start:
	/* PC-relative only: an image linked at a high (TTBR1) address runs
	 * here at its physical address until it turns the MMU on */
	adrp	x2, __stack_top
	add	x2, x2, :lo12:__stack_top
	sub	x2, x2, x0, lsl #14		/* 16 KiB of stack per vCPU */
	mov	sp, x2
	adrp	x2, vectors
	add	x2, x2, :lo12:vectors
	msr	vbar_el1, x2
	mov	x2, #(3 << 20)			/* CPACR_EL1.FPEN: SIMD&FP at EL1/EL0 */
	msr	cpacr_el1, x2
	isb
	mov	x19, x0
	bl	guest_main
	cbnz	x19, 1f
	mov	w20, w0
	bl	report_checks
	adrp	x1, io_offset			/* devices: PA + io_offset */
	ldr	x1, [x1, :lo12:io_offset]
	mov	x2, #(PLAT_TEST_BASE >> 16)
	add	x1, x1, x2, lsl #16
	str	w20, [x1, #TEST_DONE]		/* the verdict: ends the VM */
1:	wfe
	b	1b

	.text
	.macro	ventry idx
	.balign	0x80
	sub	sp, sp, #FRAME_SIZE
	stp	x0, x1, [sp, #0]
	mov	x0, #\idx
	b	exc_common
	.endm

	.balign	0x800
	.global vectors
vectors:
	ventry	0	/* current EL, SP_EL0: sync, IRQ, FIQ, SError */
	ventry	1
	ventry	2
	ventry	3
	ventry	4	/* current EL, SP_ELx */
	ventry	5
	ventry	6
	ventry	7
	ventry	8	/* lower EL, AArch64 */
	ventry	9
	ventry	10
	ventry	11
	ventry	12	/* lower EL, AArch32 */
	ventry	13
	ventry	14
	ventry	15

exc_common:
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
	str	x30, [sp, #240]
	mrs	x1, elr_el1
	mrs	x2, spsr_el1
	stp	x1, x2, [sp, #248]
	mrs	x1, esr_el1
	mrs	x2, far_el1
	stp	x1, x2, [sp, #264]
	mov	x1, x0				/* vector index */
	mov	x0, sp				/* struct frame * */
	bl	exception
	ldp	x1, x2, [sp, #248]		/* the handler may change ELR/SPSR */
	msr	elr_el1, x1
	msr	spsr_el1, x2
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x19, [sp, #144]
	ldp	x20, x21, [sp, #160]
	ldp	x22, x23, [sp, #176]
	ldp	x24, x25, [sp, #192]
	ldp	x26, x27, [sp, #208]
	ldp	x28, x29, [sp, #224]
	ldr	x30, [sp, #240]
	ldp	x0, x1, [sp, #0]
	add	sp, sp, #FRAME_SIZE
	eret
