/*
 * Host entry and EL1 exception vectors. Every CPU enters _start at EL1h,
 * MMU off, DAIF masked, x0 = its index (CPU 0 from the hypervisor, the
 * others from PSCI CPU_ON's context id).
 */
#define FRAME_SIZE 288 /* struct host_frame */

	.section .text.boot, "ax"
	.global _start
_start:
	mov	x1, #0x48000000			/* the end of RAM: 64 KiB of stack per CPU */
	sub	x1, x1, x0, lsl #16
	mov	sp, x1
	adr	x1, host_vectors
	msr	vbar_el1, x1
	mov	x1, #(3 << 20 | 3 << 16)	/* CPACR_EL1.FPEN, ZEN: SIMD&FP, SVE */
	msr	cpacr_el1, x1
	isb
	cbnz	x0, 2f
	adrp	x1, __bss_start			/* CPU 0: a zeroed .bss */
	add	x1, x1, :lo12:__bss_start
	adrp	x2, __bss_end
	add	x2, x2, :lo12:__bss_end
1:	cmp	x1, x2
	b.hs	2f
	stp	xzr, xzr, [x1], #16
	b	1b
2:	bl	host_main
3:	wfe
	b	3b

	.text
	.macro	ventry, idx
	.balign	0x80
	sub	sp, sp, #FRAME_SIZE
	stp	x0, x1, [sp, #0]
	mov	x1, #\idx
	b	host_exc_common
	.endm

	.balign	0x800
	.global host_vectors
host_vectors:
	.irp	idx, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	ventry	\idx
	.endr

host_exc_common:
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
	mrs	x2, elr_el1
	stp	x30, x2, [sp, #240]
	mrs	x2, spsr_el1
	mrs	x3, esr_el1
	stp	x2, x3, [sp, #256]
	mrs	x2, far_el1
	str	x2, [sp, #272]
	mov	x0, sp
	bl	host_exception
	ldp	x30, x2, [sp, #240]		/* the handler may move ELR/SPSR */
	msr	elr_el1, x2
	ldr	x2, [sp, #256]
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
	ldp	x0, x1, [sp, #0]
	add	sp, sp, #FRAME_SIZE
	eret
