/*
 * SVE loads and stores for the CPU-oracle comparison (host_sve.c): one
 * thunk ("insn; ret") per row, its text in sve_names. Registers: x1 the
 * base, x15 = x1 + 3, x2 = 16; z7 holds offsets (.D element i = 8 * i),
 * z6 addresses (.D element i = x1 + 8 * i); p0 all true, p1 a pattern,
 * p2 the first half. "S" rows suit any memory type, "Q" rows need Normal
 * memory (unaligned elements). "F" rows are first-fault (ff 1) and
 * non-fault (ff 0) loads, with what host_sve.c needs to check them: the
 * element size, the destination Z and the governing P.
 */
	.arch	armv8.2-a+sve

	.macro	ROW kind, insn:vararg
	.pushsection .text.sve_\kind, "ax"
	\insn
	ret
	.popsection
	.pushsection .rodata.sve_names_\kind, "a"
	.asciz	"\insn"
	.popsection
	.endm
	.macro	S insn:vararg
	ROW	any, \insn
	.endm
	.macro	Q insn:vararg
	ROW	normal, \insn
	.endm

	.macro	F esize, zt, pg, ff, insn:vararg
	ROW	ff, \insn
	.pushsection .rodata.sve_ff_meta, "a"
	.byte	\esize, \zt, \pg, \ff
	.popsection
	.endm

	.macro	LABEL sect, flags, name
	.pushsection \sect, "\flags"
	.balign	8
	.global	\name
\name:
	.popsection
	.endm

	LABEL	.text.sve_any, ax, sve_rows_any
	LABEL	.rodata.sve_names_any, a, sve_names_any
	LABEL	.text.sve_normal, ax, sve_rows_normal
	LABEL	.rodata.sve_names_normal, a, sve_names_normal
	LABEL	.text.sve_ff, ax, sve_rows_ff
	LABEL	.rodata.sve_names_ff, a, sve_names_ff
	LABEL	.rodata.sve_ff_meta, a, sve_ff_meta

	/* contiguous loads, with widening and sign extension */
	S	ld1b {z0.b}, p0/z, [x1]
	S	ld1b {z1.h}, p1/z, [x1, #1, mul vl]
	S	ld1sb {z2.s}, p2/z, [x1, x2]
	S	ld1h {z3.h}, p1/z, [x1, x2, lsl #1]
	S	ld1sh {z4.d}, p0/z, [x1, #-2, mul vl]
	S	ld1w {z5.s}, p2/z, [x1]
	S	ld1sw {z0.d}, p1/z, [x1, x2, lsl #2]
	S	ld1d {z1.d}, p0/z, [x1, #-1, mul vl]
	S	ldnt1w {z2.s}, p1/z, [x1]
	S	ld2h {z0.h, z1.h}, p1/z, [x1]
	S	ld3b {z2.b, z3.b, z4.b}, p2/z, [x1, #-3, mul vl]
	S	ld4d {z0.d, z1.d, z2.d, z3.d}, p0/z, [x1]
	S	ld1rb {z0.b}, p0/z, [x1, #3]
	S	ld1rd {z1.d}, p1/z, [x1, #16]
	S	ld1rsh {z3.s}, p1/z, [x1, #2]
	S	ld1rqw {z2.s}, p2/z, [x1, #-16]
	S	ldr z4, [x1, #1, mul vl]
	S	ldr p5, [x1, #-1, mul vl]
	/* contiguous stores */
	S	st1b {z0.b}, p1, [x1]
	S	st1h {z1.s}, p2, [x1, #1, mul vl]
	S	st1w {z2.d}, p0, [x1, x2, lsl #2]
	S	st1d {z3.d}, p1, [x1, #-2, mul vl]
	S	stnt1d {z4.d}, p2, [x1]
	S	st2w {z0.s, z1.s}, p1, [x1]
	S	st3d {z1.d, z2.d, z3.d}, p0, [x1, #-3, mul vl]
	S	st4b {z2.b, z3.b, z4.b, z5.b}, p2, [x1]
	S	str z5, [x1, #-1, mul vl]
	S	str p6, [x1, #2, mul vl]
	/* gathers and scatters: scalar plus vector, vector plus immediate */
	S	ld1d {z0.d}, p0/z, [x1, z7.d]
	S	ld1w {z1.d}, p1/z, [x1, z7.d, lsl #2]
	S	ld1sh {z2.s}, p2/z, [x1, z7.s, uxtw #1]
	S	ld1b {z3.s}, p0/z, [x1, z7.s, sxtw]
	S	ld1d {z4.d}, p1/z, [z6.d, #8]
	S	st1d {z0.d}, p1, [x1, z7.d]
	S	st1w {z1.s}, p0, [x1, z7.s, uxtw #2]
	S	st1b {z2.d}, p2, [z6.d, #3]
	/* Normal memory only */
	Q	ld1d {z0.d}, p0/z, [x15]
	Q	st1h {z1.h}, p1, [x15, #1, mul vl]
	/* first-fault and non-fault loads (Normal memory only) */
	F	8, 2, 0, 1, ldff1d {z2.d}, p0/z, [x1]
	F	2, 3, 1, 1, ldff1b {z3.h}, p1/z, [x1, x2]
	F	4, 4, 2, 0, ldnf1w {z4.s}, p2/z, [x1, #1, mul vl]
	F	8, 5, 0, 1, ldff1d {z5.d}, p0/z, [x1, z7.d]

	LABEL	.text.sve_any, ax, sve_rows_any_end
	LABEL	.text.sve_normal, ax, sve_rows_normal_end
	LABEL	.text.sve_ff, ax, sve_rows_ff_end

/*
 * run_sve_row(struct zctx *c, uint64_t thunk): x1-x15, z0-z7, p0-p7 from
 * c (FFR all true), the thunk, then all of them and FFR back to c.
 * struct zctx: x[16] at 0, z[8][256] at 128, p[8][32] at 2176, ffr at 2432.
 */
	.text
	.global	run_sve_row
run_sve_row:
	stp	x29, x30, [sp, #-32]!
	str	x18, [sp, #16]
	mov	x18, x0
	mov	x16, x1
	add	x17, x18, #128
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7
	ldr	z\n, [x17]
	add	x17, x17, #256
	.endr
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7
	ldr	p\n, [x17]
	add	x17, x17, #32
	.endr
	setffr
	ldp	x1, x2, [x18, #8]
	ldp	x3, x4, [x18, #24]
	ldp	x5, x6, [x18, #40]
	ldp	x7, x8, [x18, #56]
	ldp	x9, x10, [x18, #72]
	ldp	x11, x12, [x18, #88]
	ldp	x13, x14, [x18, #104]
	ldr	x15, [x18, #120]
	blr	x16
	stp	x1, x2, [x18, #8]
	stp	x3, x4, [x18, #24]
	stp	x5, x6, [x18, #40]
	stp	x7, x8, [x18, #56]
	stp	x9, x10, [x18, #72]
	stp	x11, x12, [x18, #88]
	stp	x13, x14, [x18, #104]
	str	x15, [x18, #120]
	add	x17, x18, #128
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7
	str	z\n, [x17]
	add	x17, x17, #256
	.endr
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7
	str	p\n, [x17]
	add	x17, x17, #32
	.endr
	rdffr	p8.b
	str	p8, [x17]
	ldr	x18, [sp, #16]
	ldp	x29, x30, [sp], #32
	ret

/* host_sve_set_len(len): ZCR_EL1.LEN = len; the vector length in bytes */
	.global	host_sve_set_len
host_sve_set_len:
	msr	S3_0_C1_C2_0, x0
	isb
	rdvl	x0, #1
	ret
