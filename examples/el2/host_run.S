/*
 * run_row(struct ctx *c, uint64_t thunk): load x1-x15 and q0-q7 from c,
 * call the thunk (one instruction under test, then RET), store them back.
 * A fault in the thunk is stepped over by the host's handler (to the RET).
 */
	.text
	.global	run_row
run_row:
	stp	x29, x30, [sp, #-32]!
	str	x18, [sp, #16]
	mov	x18, x0
	mov	x16, x1
	ldp	q0, q1, [x18, #128]
	ldp	q2, q3, [x18, #160]
	ldp	q4, q5, [x18, #192]
	ldp	q6, q7, [x18, #224]
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
	stp	q0, q1, [x18, #128]
	stp	q2, q3, [x18, #160]
	stp	q4, q5, [x18, #192]
	stp	q6, q7, [x18, #224]
	ldr	x18, [sp, #16]
	ldp	x29, x30, [sp], #32
	ret
