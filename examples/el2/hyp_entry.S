/*
 * EL2 entry, exception vectors and the way back to the host.
 *
 * CPU 0 enters at _start from QEMU's loader (EL2, MMU off, DAIF masked);
 * the others at hyp_secondary_entry through PSCI CPU_ON, x0 = CPU index.
 * Each gets HYP_STACK bytes of stack (el2.h).
 */
#include "el2.h"

#define FRAME_SIZE 272 /* struct hyp_frame: x0-x30, ELR_EL2, SPSR_EL2, pad */

	.section .text.boot, "ax"
	.global _start
_start:
	adrp	x1, __bss_start			/* CPU 0: a zeroed .bss */
	add	x1, x1, :lo12:__bss_start
	adrp	x2, __bss_end
	add	x2, x2, :lo12:__bss_end
1:	cmp	x1, x2
	b.hs	2f
	stp	xzr, xzr, [x1], #16
	b	1b
2:	mov	x0, #0
	.global hyp_secondary_entry
hyp_secondary_entry:
	adrp	x1, hyp_stack_top
	add	x1, x1, :lo12:hyp_stack_top
	mov	x2, #HYP_STACK
	msub	x1, x0, x2, x1
	mov	sp, x1
	adrp	x1, hyp_vectors
	add	x1, x1, :lo12:hyp_vectors
	msr	vbar_el2, x1
	isb
	b	hyp_main

	.text
/* hyp_enter_host(entry, arg): the host at EL1h, DAIF masked, x0 = arg */
	.global hyp_enter_host
hyp_enter_host:
	msr	elr_el2, x0
	mov	x2, #0x3c5
	msr	spsr_el2, x2
	mov	x0, x1
	.irp	r, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30
	mov	x\r, #0
	.endr
	eret

/* hyp_smc(fn, a1, a2, a3): an SMCCC call to the firmware, x0 back */
	.global hyp_smc
hyp_smc:
	smc	#0
	ret

	.macro	ventry, label
	.balign	0x80
	b	\label
	.endm

	.macro	vbad, idx
	.balign	0x80
	mov	x0, #\idx
	b	hyp_unexpected
	.endm

	.balign	0x800
hyp_vectors:
	vbad	0	/* current EL, SP_EL0 */
	vbad	1
	vbad	2
	vbad	3
	vbad	4	/* current EL, SP_EL2: a hypervisor bug */
	vbad	5
	vbad	6
	vbad	7
	ventry	host_sync	/* lower EL, AArch64: the host */
	vbad	9
	vbad	10
	vbad	11
	vbad	12	/* lower EL, AArch32 */
	vbad	13
	vbad	14
	vbad	15

/* the host trapped: save its registers, handle, restore, return */
host_sync:
	sub	sp, sp, #FRAME_SIZE
	stp	x0, x1, [sp, #0]
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
	mrs	x0, elr_el2
	mrs	x1, spsr_el2
	stp	x30, x0, [sp, #240]
	str	x1, [sp, #256]
	mov	x0, sp
	bl	hyp_trap
	ldp	x30, x0, [sp, #240]
	ldr	x1, [sp, #256]
	msr	elr_el2, x0
	msr	spsr_el2, x1
	ldp	x0, x1, [sp, #0]
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
	add	sp, sp, #FRAME_SIZE
	eret
