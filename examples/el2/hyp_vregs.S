/*
 * The host's live vector registers, read and written whole from EL2 (the
 * hypervisor's C code never touches them: -mgeneral-regs-only).
 *   int hyp_vreg_read(unsigned file, unsigned n, void *buf)
 *   int hyp_vreg_write(unsigned file, unsigned n, const void *buf)
 * file is a nisv_vfile: 0 V (16 bytes), 1 Z (VL / 8), 2 P (VL / 64),
 * 3 FFR (n = 0); 0, or -1 for anything else (no SME state here).
 * Each register's access is one jump-table slot of two instructions.
 */
	.arch	armv8.2-a+sve
	.text

	.macro	slots, op, reg, count
	adr	x3, 9f
	add	x3, x3, w1, uxtw #3
	br	x3
9:
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	.if	\n < \count
	\op	\reg\()\n, [x2]
	b	vreg_ok
	.endif
	.endr
	.endm

	.global	hyp_vreg_read
hyp_vreg_read:
	cmp	w0, #3
	b.eq	ffr_read
	b.hi	vreg_fail
	cmp	w0, #2
	mov	w4, #16
	mov	w5, #32
	csel	w4, w4, w5, eq
	cmp	w1, w4
	b.hs	vreg_fail
	cmp	w0, #1
	b.eq	z_read
	b.hi	p_read
	slots	str, q, 32
z_read:	slots	str, z, 32
p_read:	slots	str, p, 16

	.global	hyp_vreg_write
hyp_vreg_write:
	cmp	w0, #3
	b.eq	ffr_write
	b.hi	vreg_fail
	cmp	w0, #2
	mov	w4, #16
	mov	w5, #32
	csel	w4, w4, w5, eq
	cmp	w1, w4
	b.hs	vreg_fail
	cmp	w0, #1
	b.eq	z_write
	b.hi	p_write
	slots	ldr, q, 32
z_write: slots	ldr, z, 32
p_write: slots	ldr, p, 16

/* FFR goes through P0, which is kept on the stack meanwhile */
ffr_read:
	cbnz	w1, vreg_fail
	sub	sp, sp, #64
	str	p0, [sp]
	rdffr	p0.b
	str	p0, [x2]
	ldr	p0, [sp]
	add	sp, sp, #64
	b	vreg_ok
ffr_write:
	cbnz	w1, vreg_fail
	sub	sp, sp, #64
	str	p0, [sp]
	ldr	p0, [x2]
	wrffr	p0.b
	ldr	p0, [sp]
	add	sp, sp, #64
	b	vreg_ok

vreg_ok:
	mov	w0, #0
	ret
vreg_fail:
	mov	w0, #-1
	ret

	.global	hyp_sve_vl
hyp_sve_vl:
	rdvl	x0, #1
	ret
