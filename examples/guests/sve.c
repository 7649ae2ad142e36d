/*
 * SVE loads and stores on a device, emulated by nisv (run with -s: SVE
 * vCPUs), with the MMU on (vm.h): the test window is Normal non-cacheable,
 * so elements need no alignment.
 *
 * 1. Every contiguous class nisv emulates, one instruction each (the table
 *    below): LD1B/H/W/D with the widening and sign-extending forms, ST1*,
 *    LDNT1* and STNT1*, LD2-LD4 and ST2-ST4 (register lists that wrap from Z31 to
 *    Z0), LD1R*, LD1RQ*, LD1RO* (FEAT_F64MM, VL >= 256), LDR/STR of Z and
 *    P; scalar plus immediate and scalar plus scalar; gathers and scatters
 *    (vector plus immediate, scalar plus 64-bit, unpacked and packed
 *    32-bit UXTW/SXTW offsets, scaled and unscaled; SVE2 LDNT1/STNT1
 *    vector plus scalar), their elements at random places of the window,
 *    some on the same bytes. Each runs at several
 *    vector lengths (ZCR_EL1.LEN = 15, 0, 1, 2, 7: the largest the VMM
 *    offers, 128, 256, 384 and 1024 bits, each capped to the largest)
 *    with the governing predicate all true, all false, a prefix and three
 *    times random bits (which also set the bits of a wider element that
 *    do not govern it), from random Z/P contents, at a random place in
 *    the window.
 * 2. The expected result is computed here, from a RAM copy of what the
 *    window holds (the VMM fills it with win_pattern(seed, offset), the
 *    guest mirrors every store), by the Arm ARM pseudocode of each class
 *    ("LD1B (scalar plus immediate)", "LD2B", "LD1RQB", "LD1ROB",
 *    "LDR (vector)", ...; model() below). Three results must agree with
 *    it: the CPU running the same instruction on a RAM copy (which checks
 *    the model), the registers after the device run (nisv, through KVM's
 *    Z/P registers), and the window's bytes (TEST_WIN_SUM: a hash the VMM
 *    computes).
 * 3. Faults: an LD1B/ST1B crossing from RAM into the window (the bus
 *    refuses an access that spans two regions) and an LD1D into the hole
 *    take a synchronous external abort with nothing written.
 */
#include "vm.h"

#define WIN_K KVA(PLAT_WIN_BASE)
#define TEST_K KVA(PLAT_TEST_BASE)
#define HOLE_K KVA(PLAT_HOLE)
#define WIN_SIZE 0x1000u
#define ZCR_EL1 "s3_0_c1_c2_0"
#define ID_AA64ZFR0_EL1 "s3_0_c0_c4_4"

/* ---- the registers an instruction sees, loaded and stored by sve_run ---- */
#define NZ 5 /* z0, z1, z2, z3, z31 */
struct sve_ctx {
	uint8_t z[NZ][256];
	uint8_t p[2][32]; /* p0, p1 */
	uint64_t x0, x1;
};

_Static_assert(__builtin_offsetof(struct sve_ctx, p) == 1280 && __builtin_offsetof(struct sve_ctx, x0) == 1344,
               "sve_run's offsets");

/* Z register n's slot in sve_ctx.z */
static unsigned zslot(unsigned n)
{
	return n == 31 ? 4 : n;
}

/* sve_run(ctx, fn): Z, P, X0, X1 from ctx; call fn (one instruction and
 * RET); Z, P back to ctx. x9-x11 survive fn (the instruction and the
 * exception handler keep them). */
void sve_run(struct sve_ctx *c, void (*fn)(void));
__asm__(".text\n"
        ".arch armv8.6-a\n"
        ".arch_extension sve\n"
        ".arch_extension f64mm\n"
        /* op (LDR or STR) of every register of sve_ctx: reg at x9 + off */
        ".macro sve_ctx_reg op, reg, off\n"
        "	add x11, x9, #\\off\n"
        "	\\op \\reg, [x11]\n"
        ".endm\n"
        ".macro sve_ctx_regs op\n"
        "	sve_ctx_reg \\op, z0, 0\n"
        "	sve_ctx_reg \\op, z1, 256\n"
        "	sve_ctx_reg \\op, z2, 512\n"
        "	sve_ctx_reg \\op, z3, 768\n"
        "	sve_ctx_reg \\op, z31, 1024\n"
        "	sve_ctx_reg \\op, p0, 1280\n"
        "	sve_ctx_reg \\op, p1, 1312\n"
        ".endm\n"
        ".global sve_run\n"
        "sve_run:\n"
        "	stp x29, x30, [sp, #-16]!\n"
        "	mov x9, x0\n"
        "	mov x10, x1\n"
        "	sve_ctx_regs ldr\n"
        "	add x11, x9, #1344\n"
        "	ldp x0, x1, [x11]\n"
        "	blr x10\n"
        "	sve_ctx_regs str\n"
        "	ldp x29, x30, [sp], #16\n"
        "	ret\n");

/* ---- the instructions ---- */
enum kind {
	K_LD,   /* LD1*, LDNT1*, LD2-LD4: contiguous, predicated */
	K_ST,   /* ST1*, STNT1*, ST2-ST4 */
	K_LD1R, /* LD1R*: one element to every active element */
	K_LDRQ, /* LD1RQ*: a 16-byte block, replicated */
	K_LDRO, /* LD1RO*: a 32-byte block, replicated (VL >= 256) */
	K_LDRZ, /* LDR Zt */
	K_STRZ, /* STR Zt */
	K_LDRP, /* LDR Pt */
	K_STRP, /* STR Pt */
	K_GATHER,  /* LD1* (vector offsets or bases): element e at its own address */
	K_SCATTER, /* ST1* (vector offsets or bases) */
};
enum am {
	MULVL, /* [x0, #imm, MUL VL] */
	XREG,  /* [x0, x1, LSL #msz] */
	BYTES, /* [x0, #imm]: imm bytes */
	/* gathers and scatters: z1 holds the offsets or the bases; imm is the
	 * offset's shift (scaled forms) or, for VBASE, the byte offset */
	VOFF64,  /* [x0, z1.d{, lsl #imm}]                          */
	VUXTW,   /* [x0, z1.d|s, uxtw{ #imm}]: low 32 bits unsigned   */
	VSXTW,   /* [x0, z1.d|s, sxtw{ #imm}]: low 32 bits signed     */
	VBASE,   /* [z1.d, #imm]                                      */
	VBASE_X, /* [z1.d, x1]: SVE2 LDNT1/STNT1                      */
};

/*
 * X(id, text, kind, msz, esz, signed, nregs, rt, pg, addressing, imm):
 * memory element 1 << msz bytes, register element 1 << esz bytes; the
 * transfer registers Z[rt]..Z[rt + nregs - 1] (mod 32), or P[rt]; the
 * governing predicate P[pg].
 */
#define CASES(X)                                                                                  \
	X(ld1b_b, "ld1b {z0.b}, p0/z, [x0, #1, mul vl]", K_LD, 0, 0, 0, 1, 0, 0, MULVL, 1)            \
	X(ld1b_h, "ld1b {z0.h}, p0/z, [x0, #-2, mul vl]", K_LD, 0, 1, 0, 1, 0, 0, MULVL, -2)          \
	X(ld1b_s, "ld1b {z0.s}, p0/z, [x0, #3, mul vl]", K_LD, 0, 2, 0, 1, 0, 0, MULVL, 3)            \
	X(ld1b_d, "ld1b {z0.d}, p0/z, [x0, #7, mul vl]", K_LD, 0, 3, 0, 1, 0, 0, MULVL, 7)            \
	X(ld1sb_h, "ld1sb {z0.h}, p0/z, [x0]", K_LD, 0, 1, 1, 1, 0, 0, MULVL, 0)                      \
	X(ld1sb_s, "ld1sb {z0.s}, p0/z, [x0, #-8, mul vl]", K_LD, 0, 2, 1, 1, 0, 0, MULVL, -8)        \
	X(ld1sb_d, "ld1sb {z0.d}, p0/z, [x0, #1, mul vl]", K_LD, 0, 3, 1, 1, 0, 0, MULVL, 1)          \
	X(ld1h_h, "ld1h {z0.h}, p0/z, [x0, #-1, mul vl]", K_LD, 1, 1, 0, 1, 0, 0, MULVL, -1)          \
	X(ld1h_s, "ld1h {z0.s}, p0/z, [x0, #2, mul vl]", K_LD, 1, 2, 0, 1, 0, 0, MULVL, 2)            \
	X(ld1h_d, "ld1h {z0.d}, p0/z, [x0]", K_LD, 1, 3, 0, 1, 0, 0, MULVL, 0)                        \
	X(ld1sh_s, "ld1sh {z0.s}, p0/z, [x0, #1, mul vl]", K_LD, 1, 2, 1, 1, 0, 0, MULVL, 1)          \
	X(ld1sh_d, "ld1sh {z0.d}, p0/z, [x0, #-3, mul vl]", K_LD, 1, 3, 1, 1, 0, 0, MULVL, -3)        \
	X(ld1w_s, "ld1w {z0.s}, p0/z, [x0, #1, mul vl]", K_LD, 2, 2, 0, 1, 0, 0, MULVL, 1)            \
	X(ld1w_d, "ld1w {z0.d}, p0/z, [x0, #-1, mul vl]", K_LD, 2, 3, 0, 1, 0, 0, MULVL, -1)          \
	X(ld1sw_d, "ld1sw {z0.d}, p0/z, [x0, #2, mul vl]", K_LD, 2, 3, 1, 1, 0, 0, MULVL, 2)          \
	X(ld1d_d, "ld1d {z0.d}, p0/z, [x0, #-2, mul vl]", K_LD, 3, 3, 0, 1, 0, 0, MULVL, -2)          \
	X(ld1b_b_r, "ld1b {z0.b}, p0/z, [x0, x1]", K_LD, 0, 0, 0, 1, 0, 0, XREG, 0)                   \
	X(ld1b_d_r, "ld1b {z31.d}, p1/z, [x0, x1]", K_LD, 0, 3, 0, 1, 31, 1, XREG, 0)                 \
	X(ld1sb_s_r, "ld1sb {z0.s}, p0/z, [x0, x1]", K_LD, 0, 2, 1, 1, 0, 0, XREG, 0)                 \
	X(ld1h_h_r, "ld1h {z0.h}, p0/z, [x0, x1, lsl #1]", K_LD, 1, 1, 0, 1, 0, 0, XREG, 0)           \
	X(ld1sh_d_r, "ld1sh {z0.d}, p0/z, [x0, x1, lsl #1]", K_LD, 1, 3, 1, 1, 0, 0, XREG, 0)         \
	X(ld1w_s_r, "ld1w {z2.s}, p0/z, [x0, x1, lsl #2]", K_LD, 2, 2, 0, 1, 2, 0, XREG, 0)           \
	X(ld1sw_d_r, "ld1sw {z0.d}, p0/z, [x0, x1, lsl #2]", K_LD, 2, 3, 1, 1, 0, 0, XREG, 0)         \
	X(ld1d_d_r, "ld1d {z0.d}, p0/z, [x0, x1, lsl #3]", K_LD, 3, 3, 0, 1, 0, 0, XREG, 0)           \
	X(st1b_b, "st1b {z0.b}, p0, [x0, #2, mul vl]", K_ST, 0, 0, 0, 1, 0, 0, MULVL, 2)              \
	X(st1b_h, "st1b {z0.h}, p0, [x0, #-1, mul vl]", K_ST, 0, 1, 0, 1, 0, 0, MULVL, -1)            \
	X(st1b_s, "st1b {z0.s}, p0, [x0]", K_ST, 0, 2, 0, 1, 0, 0, MULVL, 0)                          \
	X(st1b_d, "st1b {z0.d}, p0, [x0, #5, mul vl]", K_ST, 0, 3, 0, 1, 0, 0, MULVL, 5)              \
	X(st1h_h, "st1h {z0.h}, p0, [x0, #1, mul vl]", K_ST, 1, 1, 0, 1, 0, 0, MULVL, 1)              \
	X(st1h_s, "st1h {z0.s}, p0, [x0, #-4, mul vl]", K_ST, 1, 2, 0, 1, 0, 0, MULVL, -4)            \
	X(st1h_d, "st1h {z0.d}, p0, [x0, #3, mul vl]", K_ST, 1, 3, 0, 1, 0, 0, MULVL, 3)              \
	X(st1w_s, "st1w {z0.s}, p0, [x0, #-1, mul vl]", K_ST, 2, 2, 0, 1, 0, 0, MULVL, -1)            \
	X(st1w_d, "st1w {z0.d}, p0, [x0, #2, mul vl]", K_ST, 2, 3, 0, 1, 0, 0, MULVL, 2)              \
	X(st1d_d, "st1d {z0.d}, p0, [x0, #1, mul vl]", K_ST, 3, 3, 0, 1, 0, 0, MULVL, 1)              \
	X(st1b_b_r, "st1b {z0.b}, p0, [x0, x1]", K_ST, 0, 0, 0, 1, 0, 0, XREG, 0)                     \
	X(st1b_s_r, "st1b {z3.s}, p0, [x0, x1]", K_ST, 0, 2, 0, 1, 3, 0, XREG, 0)                     \
	X(st1h_h_r, "st1h {z0.h}, p0, [x0, x1, lsl #1]", K_ST, 1, 1, 0, 1, 0, 0, XREG, 0)             \
	X(st1h_d_r, "st1h {z0.d}, p0, [x0, x1, lsl #1]", K_ST, 1, 3, 0, 1, 0, 0, XREG, 0)             \
	X(st1w_s_r, "st1w {z0.s}, p0, [x0, x1, lsl #2]", K_ST, 2, 2, 0, 1, 0, 0, XREG, 0)             \
	X(st1w_d_r, "st1w {z31.d}, p1, [x0, x1, lsl #2]", K_ST, 2, 3, 0, 1, 31, 1, XREG, 0)           \
	X(st1d_d_r, "st1d {z0.d}, p0, [x0, x1, lsl #3]", K_ST, 3, 3, 0, 1, 0, 0, XREG, 0)             \
	X(ldnt1b, "ldnt1b {z0.b}, p0/z, [x0, #1, mul vl]", K_LD, 0, 0, 0, 1, 0, 0, MULVL, 1)          \
	X(ldnt1h_r, "ldnt1h {z0.h}, p0/z, [x0, x1, lsl #1]", K_LD, 1, 1, 0, 1, 0, 0, XREG, 0)         \
	X(ldnt1w, "ldnt1w {z0.s}, p0/z, [x0, #-2, mul vl]", K_LD, 2, 2, 0, 1, 0, 0, MULVL, -2)        \
	X(ldnt1d_r, "ldnt1d {z0.d}, p0/z, [x0, x1, lsl #3]", K_LD, 3, 3, 0, 1, 0, 0, XREG, 0)         \
	X(stnt1b_r, "stnt1b {z0.b}, p0, [x0, x1]", K_ST, 0, 0, 0, 1, 0, 0, XREG, 0)                   \
	X(stnt1h, "stnt1h {z0.h}, p0, [x0, #3, mul vl]", K_ST, 1, 1, 0, 1, 0, 0, MULVL, 3)            \
	X(stnt1w_r, "stnt1w {z0.s}, p0, [x0, x1, lsl #2]", K_ST, 2, 2, 0, 1, 0, 0, XREG, 0)           \
	X(stnt1d, "stnt1d {z0.d}, p0, [x0, #-1, mul vl]", K_ST, 3, 3, 0, 1, 0, 0, MULVL, -1)          \
	X(ld2b, "ld2b {z0.b, z1.b}, p0/z, [x0, #2, mul vl]", K_LD, 0, 0, 0, 2, 0, 0, MULVL, 2)        \
	X(ld2h_r, "ld2h {z0.h, z1.h}, p0/z, [x0, x1, lsl #1]", K_LD, 1, 1, 0, 2, 0, 0, XREG, 0)       \
	X(ld2w, "ld2w {z31.s, z0.s}, p0/z, [x0, #-2, mul vl]", K_LD, 2, 2, 0, 2, 31, 0, MULVL, -2)    \
	X(ld2d_r, "ld2d {z0.d, z1.d}, p0/z, [x0, x1, lsl #3]", K_LD, 3, 3, 0, 2, 0, 0, XREG, 0)       \
	X(ld3b_r, "ld3b {z0.b, z1.b, z2.b}, p0/z, [x0, x1]", K_LD, 0, 0, 0, 3, 0, 0, XREG, 0)         \
	X(ld3h, "ld3h {z0.h, z1.h, z2.h}, p0/z, [x0, #3, mul vl]", K_LD, 1, 1, 0, 3, 0, 0, MULVL, 3)  \
	X(ld3w_r, "ld3w {z1.s, z2.s, z3.s}, p1/z, [x0, x1, lsl #2]", K_LD, 2, 2, 0, 3, 1, 1, XREG, 0) \
	X(ld3d, "ld3d {z0.d, z1.d, z2.d}, p0/z, [x0, #-3, mul vl]", K_LD, 3, 3, 0, 3, 0, 0, MULVL, -3) \
	X(ld4b, "ld4b {z0.b, z1.b, z2.b, z3.b}, p0/z, [x0]", K_LD, 0, 0, 0, 4, 0, 0, MULVL, 0)        \
	X(ld4h_r, "ld4h {z0.h, z1.h, z2.h, z3.h}, p0/z, [x0, x1, lsl #1]", K_LD, 1, 1, 0, 4, 0, 0, XREG, 0) \
	X(ld4w, "ld4w {z0.s, z1.s, z2.s, z3.s}, p0/z, [x0, #4, mul vl]", K_LD, 2, 2, 0, 4, 0, 0, MULVL, 4) \
	X(ld4d_r, "ld4d {z31.d, z0.d, z1.d, z2.d}, p0/z, [x0, x1, lsl #3]", K_LD, 3, 3, 0, 4, 31, 0, XREG, 0) \
	X(st2b_r, "st2b {z0.b, z1.b}, p0, [x0, x1]", K_ST, 0, 0, 0, 2, 0, 0, XREG, 0)                 \
	X(st2h, "st2h {z0.h, z1.h}, p0, [x0, #-2, mul vl]", K_ST, 1, 1, 0, 2, 0, 0, MULVL, -2)        \
	X(st2w_r, "st2w {z0.s, z1.s}, p0, [x0, x1, lsl #2]", K_ST, 2, 2, 0, 2, 0, 0, XREG, 0)         \
	X(st2d, "st2d {z31.d, z0.d}, p0, [x0, #4, mul vl]", K_ST, 3, 3, 0, 2, 31, 0, MULVL, 4)        \
	X(st3b, "st3b {z0.b, z1.b, z2.b}, p0, [x0, #3, mul vl]", K_ST, 0, 0, 0, 3, 0, 0, MULVL, 3)    \
	X(st3h_r, "st3h {z1.h, z2.h, z3.h}, p0, [x0, x1, lsl #1]", K_ST, 1, 1, 0, 3, 1, 0, XREG, 0)   \
	X(st3w, "st3w {z0.s, z1.s, z2.s}, p1, [x0, #-6, mul vl]", K_ST, 2, 2, 0, 3, 0, 1, MULVL, -6)  \
	X(st3d_r, "st3d {z0.d, z1.d, z2.d}, p0, [x0, x1, lsl #3]", K_ST, 3, 3, 0, 3, 0, 0, XREG, 0)   \
	X(st4b_r, "st4b {z0.b, z1.b, z2.b, z3.b}, p0, [x0, x1]", K_ST, 0, 0, 0, 4, 0, 0, XREG, 0)     \
	X(st4h, "st4h {z0.h, z1.h, z2.h, z3.h}, p0, [x0, #4, mul vl]", K_ST, 1, 1, 0, 4, 0, 0, MULVL, 4) \
	X(st4w_r, "st4w {z0.s, z1.s, z2.s, z3.s}, p0, [x0, x1, lsl #2]", K_ST, 2, 2, 0, 4, 0, 0, XREG, 0) \
	X(st4d, "st4d {z0.d, z1.d, z2.d, z3.d}, p0, [x0, #-4, mul vl]", K_ST, 3, 3, 0, 4, 0, 0, MULVL, -4) \
	X(ld1rb_b, "ld1rb {z0.b}, p0/z, [x0, #63]", K_LD1R, 0, 0, 0, 1, 0, 0, BYTES, 63)             \
	X(ld1rb_h, "ld1rb {z0.h}, p0/z, [x0, #1]", K_LD1R, 0, 1, 0, 1, 0, 0, BYTES, 1)               \
	X(ld1rb_s, "ld1rb {z0.s}, p0/z, [x0, #17]", K_LD1R, 0, 2, 0, 1, 0, 0, BYTES, 17)             \
	X(ld1rb_d, "ld1rb {z0.d}, p0/z, [x0]", K_LD1R, 0, 3, 0, 1, 0, 0, BYTES, 0)                   \
	X(ld1rsb_h, "ld1rsb {z0.h}, p0/z, [x0, #5]", K_LD1R, 0, 1, 1, 1, 0, 0, BYTES, 5)             \
	X(ld1rsb_s, "ld1rsb {z0.s}, p0/z, [x0, #2]", K_LD1R, 0, 2, 1, 1, 0, 0, BYTES, 2)             \
	X(ld1rsb_d, "ld1rsb {z0.d}, p0/z, [x0, #62]", K_LD1R, 0, 3, 1, 1, 0, 0, BYTES, 62)           \
	X(ld1rh_h, "ld1rh {z0.h}, p0/z, [x0, #126]", K_LD1R, 1, 1, 0, 1, 0, 0, BYTES, 126)           \
	X(ld1rh_s, "ld1rh {z0.s}, p0/z, [x0, #2]", K_LD1R, 1, 2, 0, 1, 0, 0, BYTES, 2)               \
	X(ld1rh_d, "ld1rh {z0.d}, p0/z, [x0, #64]", K_LD1R, 1, 3, 0, 1, 0, 0, BYTES, 64)             \
	X(ld1rsh_s, "ld1rsh {z0.s}, p0/z, [x0, #4]", K_LD1R, 1, 2, 1, 1, 0, 0, BYTES, 4)             \
	X(ld1rsh_d, "ld1rsh {z0.d}, p0/z, [x0, #6]", K_LD1R, 1, 3, 1, 1, 0, 0, BYTES, 6)             \
	X(ld1rw_s, "ld1rw {z0.s}, p0/z, [x0, #252]", K_LD1R, 2, 2, 0, 1, 0, 0, BYTES, 252)           \
	X(ld1rw_d, "ld1rw {z0.d}, p0/z, [x0, #8]", K_LD1R, 2, 3, 0, 1, 0, 0, BYTES, 8)               \
	X(ld1rsw_d, "ld1rsw {z0.d}, p0/z, [x0, #4]", K_LD1R, 2, 3, 1, 1, 0, 0, BYTES, 4)             \
	X(ld1rd_d, "ld1rd {z0.d}, p0/z, [x0, #504]", K_LD1R, 3, 3, 0, 1, 0, 0, BYTES, 504)           \
	X(ld1rqb, "ld1rqb {z0.b}, p0/z, [x0, #16]", K_LDRQ, 0, 0, 0, 1, 0, 0, BYTES, 16)             \
	X(ld1rqh, "ld1rqh {z0.h}, p0/z, [x0, #-128]", K_LDRQ, 1, 1, 0, 1, 0, 0, BYTES, -128)         \
	X(ld1rqw_r, "ld1rqw {z0.s}, p0/z, [x0, x1, lsl #2]", K_LDRQ, 2, 2, 0, 1, 0, 0, XREG, 0)      \
	X(ld1rqd, "ld1rqd {z0.d}, p0/z, [x0, #112]", K_LDRQ, 3, 3, 0, 1, 0, 0, BYTES, 112)           \
	X(ld1rqb_r, "ld1rqb {z0.b}, p0/z, [x0, x1]", K_LDRQ, 0, 0, 0, 1, 0, 0, XREG, 0)              \
	X(ld1rqd_r, "ld1rqd {z0.d}, p0/z, [x0, x1, lsl #3]", K_LDRQ, 3, 3, 0, 1, 0, 0, XREG, 0)      \
	X(ld1rob, "ld1rob {z0.b}, p0/z, [x0, #32]", K_LDRO, 0, 0, 0, 1, 0, 0, BYTES, 32)             \
	X(ld1roh_r, "ld1roh {z0.h}, p0/z, [x0, x1, lsl #1]", K_LDRO, 1, 1, 0, 1, 0, 0, XREG, 0)      \
	X(ld1row, "ld1row {z0.s}, p0/z, [x0, #-64]", K_LDRO, 2, 2, 0, 1, 0, 0, BYTES, -64)           \
	X(ld1rod_r, "ld1rod {z0.d}, p0/z, [x0, x1, lsl #3]", K_LDRO, 3, 3, 0, 1, 0, 0, XREG, 0)      \
	X(g_ld1b_d, "ld1b {z0.d}, p0/z, [x0, z1.d]", K_GATHER, 0, 3, 0, 1, 0, 0, VOFF64, 0)            \
	X(g_ld1sh_d, "ld1sh {z0.d}, p0/z, [x0, z1.d, lsl #1]", K_GATHER, 1, 3, 1, 1, 0, 0, VOFF64, 1)  \
	X(g_ld1d_d, "ld1d {z1.d}, p1/z, [x0, z1.d, lsl #3]", K_GATHER, 3, 3, 0, 1, 1, 1, VOFF64, 3)    \
	X(g_ld1w_dux, "ld1w {z0.d}, p0/z, [x0, z1.d, uxtw #2]", K_GATHER, 2, 3, 0, 1, 0, 0, VUXTW, 2)  \
	X(g_ld1sw_dsx, "ld1sw {z0.d}, p0/z, [x0, z1.d, sxtw]", K_GATHER, 2, 3, 1, 1, 0, 0, VSXTW, 0)   \
	X(g_ld1h_sux, "ld1h {z0.s}, p0/z, [x0, z1.s, uxtw #1]", K_GATHER, 1, 2, 0, 1, 0, 0, VUXTW, 1)  \
	X(g_ld1sb_ssx, "ld1sb {z0.s}, p0/z, [x0, z1.s, sxtw]", K_GATHER, 0, 2, 1, 1, 0, 0, VSXTW, 0)   \
	X(g_ld1w_ssx, "ld1w {z31.s}, p0/z, [x0, z1.s, sxtw #2]", K_GATHER, 2, 2, 0, 1, 31, 0, VSXTW, 2) \
	X(g_ld1d_vi, "ld1d {z0.d}, p0/z, [z1.d, #248]", K_GATHER, 3, 3, 0, 1, 0, 0, VBASE, 248)        \
	X(g_ld1sh_vi, "ld1sh {z0.d}, p0/z, [z1.d, #2]", K_GATHER, 1, 3, 1, 1, 0, 0, VBASE, 2)          \
	X(g_ld1b_vi, "ld1b {z0.d}, p0/z, [z1.d]", K_GATHER, 0, 3, 0, 1, 0, 0, VBASE, 0)                \
	X(g_ldnt1d, "ldnt1d {z0.d}, p0/z, [z1.d, x1]", K_GATHER, 3, 3, 0, 1, 0, 0, VBASE_X, 0)         \
	X(g_ldnt1sh, "ldnt1sh {z0.d}, p1/z, [z1.d, x1]", K_GATHER, 1, 3, 1, 1, 0, 1, VBASE_X, 0)       \
	X(s_st1b_d, "st1b {z0.d}, p0, [x0, z1.d]", K_SCATTER, 0, 3, 0, 1, 0, 0, VOFF64, 0)             \
	X(s_st1d_d, "st1d {z0.d}, p0, [x0, z1.d, lsl #3]", K_SCATTER, 3, 3, 0, 1, 0, 0, VOFF64, 3)     \
	X(s_st1h_dsx, "st1h {z0.d}, p0, [x0, z1.d, sxtw #1]", K_SCATTER, 1, 3, 0, 1, 0, 0, VSXTW, 1)   \
	X(s_st1w_dux, "st1w {z0.d}, p0, [x0, z1.d, uxtw]", K_SCATTER, 2, 3, 0, 1, 0, 0, VUXTW, 0)      \
	X(s_st1w_sux, "st1w {z0.s}, p0, [x0, z1.s, uxtw #2]", K_SCATTER, 2, 2, 0, 1, 0, 0, VUXTW, 2)   \
	X(s_st1b_ssx, "st1b {z3.s}, p1, [x0, z1.s, sxtw]", K_SCATTER, 0, 2, 0, 1, 3, 1, VSXTW, 0)      \
	X(s_st1h_ssx, "st1h {z0.s}, p0, [x0, z1.s, sxtw #1]", K_SCATTER, 1, 2, 0, 1, 0, 0, VSXTW, 1)   \
	X(s_st1d_vi, "st1d {z0.d}, p0, [z1.d, #8]", K_SCATTER, 3, 3, 0, 1, 0, 0, VBASE, 8)             \
	X(s_st1w_vi, "st1w {z0.d}, p0, [z1.d, #124]", K_SCATTER, 2, 3, 0, 1, 0, 0, VBASE, 124)         \
	X(s_stnt1b, "stnt1b {z0.d}, p0, [z1.d, x1]", K_SCATTER, 0, 3, 0, 1, 0, 0, VBASE_X, 0)          \
	X(s_stnt1d, "stnt1d {z31.d}, p0, [z1.d, x1]", K_SCATTER, 3, 3, 0, 1, 31, 0, VBASE_X, 0)        \
	X(ldr_z, "ldr z0, [x0, #3, mul vl]", K_LDRZ, 0, 0, 0, 1, 0, 0, MULVL, 3)                     \
	X(ldr_z31, "ldr z31, [x0, #-5, mul vl]", K_LDRZ, 0, 0, 0, 1, 31, 0, MULVL, -5)               \
	X(str_z, "str z0, [x0, #2, mul vl]", K_STRZ, 0, 0, 0, 1, 0, 0, MULVL, 2)                     \
	X(str_z3, "str z3, [x0, #-256, mul vl]", K_STRZ, 0, 0, 0, 1, 3, 0, MULVL, -256)              \
	X(ldr_p1, "ldr p1, [x0, #5, mul vl]", K_LDRP, 0, 0, 0, 1, 1, 0, MULVL, 5)                    \
	X(ldr_p0, "ldr p0, [x0, #-1, mul vl]", K_LDRP, 0, 0, 0, 1, 0, 0, MULVL, -1)                  \
	X(str_p1, "str p1, [x0, #-7, mul vl]", K_STRP, 0, 0, 0, 1, 1, 0, MULVL, -7)                  \
	X(str_p0, "str p0, [x0, #255, mul vl]", K_STRP, 0, 0, 0, 1, 0, 0, MULVL, 255)

/* the faults (part 3) */
#define FAULT_STUBS(X)                                                                            \
	X(f_ld1b, "ld1b {z0.b}, p0/z, [x0]")                                                          \
	X(f_st1b, "st1b {z0.b}, p0, [x0]")                                                            \
	X(f_ld1d, "ld1d {z0.d}, p0/z, [x0]")

/* each instruction is a function: the instruction, then RET */
#define STUB_ASM(id, text, ...) ".global sve_" #id "\nsve_" #id ":\n\t" text "\n\tret\n"
__asm__(".text\n"
        ".arch armv8.6-a\n"
        ".arch_extension sve\n"
        ".arch_extension f64mm\n"
        ".arch_extension sve2\n"
        ".balign 4\n" CASES(STUB_ASM) FAULT_STUBS(STUB_ASM));
#define STUB_DECL(id, ...) void sve_##id(void);
CASES(STUB_DECL)
FAULT_STUBS(STUB_DECL)

struct scase {
	const char *text;
	void (*fn)(void);
	uint8_t kind, msz, esz, sgn, nregs, rt, pg, am;
	int16_t imm;
};
#define CASE_ENTRY(id, text, kind, msz, esz, sgn, nregs, rt, pg, am, imm) \
	{ text, sve_##id, kind, msz, esz, sgn, nregs, rt, pg, am, imm },
static const struct scase cases[] = { CASES(CASE_ENTRY) };
#define NCASES (sizeof(cases) / sizeof(cases[0]))

/* ---- the model: the Arm ARM pseudocode of each class ---- */
static unsigned vlb; /* the current vector length in bytes (RDVL #1) */

static uint64_t le_get(const uint8_t *b, unsigned n)
{
	uint64_t v = 0;
	for (unsigned i = n; i--;)
		v = v << 8 | b[i];
	return v;
}

static void copy(uint8_t *d, const uint8_t *s, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		d[i] = s[i];
}

static void le_put(uint8_t *b, uint64_t v, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		b[i] = (uint8_t)(v >> 8 * i);
}

/* ActivePredicateElement: element e of 1 << esz bytes is governed by
 * predicate bit e << esz (the lowest of its bits) */
static int active(const uint8_t *p, unsigned e, unsigned esz)
{
	unsigned bit = e << esz;
	return p[bit >> 3] >> (bit & 7) & 1;
}

/* a memory element, zero- or sign-extended */
static uint64_t extend(uint64_t v, unsigned mbytes, int sgn)
{
	unsigned bits = 8 * mbytes;
	if (sgn && bits < 64 && (v >> (bits - 1) & 1))
		v |= ~0ull << bits;
	return v;
}

/* the byte offset from x0 of the access's first byte (element 0) */
static int64_t base_offset(const struct scase *c, const struct sve_ctx *in)
{
	unsigned elements = vlb >> c->esz, mbytes = 1u << c->msz;

	switch (c->am) {
	case XREG:
		return (int64_t)(in->x1 << c->msz);
	case BYTES:
		return c->imm;
	default:
		if (c->kind == K_LDRZ || c->kind == K_STRZ)
			return (int64_t)c->imm * vlb;
		if (c->kind == K_LDRP || c->kind == K_STRP)
			return (int64_t)c->imm * (vlb / 8);
		return (int64_t)c->imm * elements * mbytes;
	}
}

/* bytes from the first byte that the access may touch */
static unsigned footprint(const struct scase *c)
{
	switch (c->kind) {
	case K_LD:
	case K_ST:
		return (vlb >> c->esz) * c->nregs << c->msz;
	case K_LD1R:
		return 1u << c->msz;
	case K_LDRQ:
		return 16;
	case K_LDRO:
		return 32;
	case K_LDRZ:
	case K_STRZ:
		return vlb;
	default:
		return vlb / 8;
	}
}

static int is_gather(const struct scase *c)
{
	return c->kind == K_GATHER || c->kind == K_SCATTER;
}

/* a gather's or scatter's element e: its address ("LD1D (scalar plus
 * vector)": base + (Extend(offset) << scale); "LD1D (vector plus
 * immediate)": Z[n][e] + imm; "LDNT1D (vector plus scalar)": Z[n][e] + Xm) */
static uint64_t elem_addr(const struct scase *c, const struct sve_ctx *s, unsigned e)
{
	unsigned ebytes = 1u << c->esz;
	uint64_t z = le_get(s->z[1] + e * ebytes, ebytes);

	switch (c->am) {
	case VBASE:
		return z + (uint64_t)c->imm;
	case VBASE_X:
		return z + s->x1;
	case VUXTW:
		return s->x0 + ((z & 0xffffffffu) << c->imm);
	case VSXTW:
		return s->x0 + ((uint64_t)(int64_t)(int32_t)(uint32_t)z << c->imm);
	default:
		return s->x0 + (z << c->imm);
	}
}

/*
 * out = the state after c from in, mem = the window's bytes after it (mem
 * is the window, at VA win_va). Loads write whole registers: inactive
 * elements zero ("Inactive elements in the destination vector register
 * are set to zero").
 */
static void model(const struct scase *c, const struct sve_ctx *in, struct sve_ctx *out, uint8_t *mem,
                  uint64_t win_va)
{
	unsigned elements = vlb >> c->esz, mbytes = 1u << c->msz, ebytes = 1u << c->esz;
	const uint8_t *pg = in->p[c->pg];
	uint8_t *a = is_gather(c) ? mem : mem + (in->x0 + (uint64_t)base_offset(c, in) - win_va);
	uint8_t *z;

	*out = *in;
	switch (c->kind) {
	case K_LD: /* "LD1B", "LD2B" ...: element e of register r at (e * nregs + r) * mbytes */
	case K_ST:
		for (unsigned r = 0; r < c->nregs; r++) {
			z = out->z[zslot((c->rt + r) % 32)];
			for (unsigned e = 0; e < elements; e++) {
				uint8_t *m = a + (e * c->nregs + r) * mbytes;
				if (c->kind == K_ST) {
					if (active(pg, e, c->esz))
						le_put(m, le_get(z + e * ebytes, ebytes), mbytes);
				} else {
					le_put(z + e * ebytes,
					       active(pg, e, c->esz) ? extend(le_get(m, mbytes), mbytes, c->sgn) : 0,
					       ebytes);
				}
			}
		}
		break;
	case K_LD1R: /* "LD1RB": one element, read when any element is active */
		z = out->z[zslot(c->rt)];
		for (unsigned e = 0; e < elements; e++)
			le_put(z + e * ebytes, active(pg, e, c->esz) ? extend(le_get(a, mbytes), mbytes, c->sgn) : 0,
			       ebytes);
		break;
	case K_LDRQ: /* "LD1RQB": 16 bytes, the first 16 / ebytes elements' predicate */
	case K_LDRO: /* "LD1ROB": 32 bytes; VL DIV 256 copies, the rest zero */
	{
		unsigned block = c->kind == K_LDRQ ? 16 : 32;
		z = out->z[zslot(c->rt)];
		for (unsigned i = 0; i < vlb; i++)
			z[i] = 0;
		for (unsigned e = 0; e < block / ebytes; e++)
			le_put(z + e * ebytes, active(pg, e, c->esz) ? le_get(a + e * ebytes, ebytes) : 0, ebytes);
		for (unsigned off = block; off + block <= vlb; off += block)
			for (unsigned i = 0; i < block; i++)
				z[off + i] = z[i];
		break;
	}
	case K_GATHER: /* element e from its own address, in element order */
	case K_SCATTER:
		z = out->z[zslot(c->rt)];
		for (unsigned e = 0; e < elements; e++) {
			uint8_t *m = mem + (elem_addr(c, in, e) - win_va);
			if (c->kind == K_SCATTER) {
				if (active(pg, e, c->esz))
					le_put(m, le_get(z + e * ebytes, ebytes), mbytes);
			} else {
				le_put(z + e * ebytes,
				       active(pg, e, c->esz) ? extend(le_get(m, mbytes), mbytes, c->sgn) : 0, ebytes);
			}
		}
		break;
	case K_LDRZ: /* "LDR (vector)": VL / 8 bytes, byte i to bits [8i+7:8i] */
	case K_STRZ:
	case K_LDRP: /* "LDR (predicate)": VL / 64 bytes (footprint) */
	case K_STRP: {
		uint8_t *r = c->kind == K_LDRP || c->kind == K_STRP ? out->p[c->rt] : out->z[zslot(c->rt)];

		if (c->kind == K_STRZ || c->kind == K_STRP)
			copy(a, r, footprint(c));
		else
			copy(r, a, footprint(c));
		break;
	}
	}
}

/* ---- running and comparing ---- */
static uint8_t win_copy[WIN_SIZE];                            /* what the window holds */
static uint8_t ram_win[WIN_SIZE] __attribute__((aligned(4096))); /* the CPU's run */
static uint8_t expect_mem[WIN_SIZE];
static struct sve_ctx in, expect, cpu, dev;
static uint64_t rng = 0x5eed5eed5eedull;
static unsigned shown, runs, rounds_run;

static uint64_t rnd(void)
{
	uint64_t z = (rng += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static void fill_window(uint64_t seed)
{
	w64(TEST_K + TEST_WIN_FILL, seed);
	for (unsigned i = 0; i < WIN_SIZE; i++)
		win_copy[i] = win_pattern(seed, i);
}

static uint64_t window_hash(void)
{
	w64(TEST_K + TEST_WIN_SUM, 0 | (uint64_t)WIN_SIZE << 16);
	return r64(TEST_K + TEST_WIN_SUM);
}

/* the first register byte where a differs from b (Z: VL / 8 bytes, P:
 * VL / 64), or -1; *reg names the register */
static int reg_diff(const struct sve_ctx *a, const struct sve_ctx *b, const char **reg)
{
	static const char *const names[NZ + 2] = { "z0", "z1", "z2", "z3", "z31", "p0", "p1" };

	for (unsigned s = 0; s < NZ + 2; s++) {
		const uint8_t *x = s < NZ ? a->z[s] : a->p[s - NZ], *y = s < NZ ? b->z[s] : b->p[s - NZ];

		for (unsigned i = 0; i < (s < NZ ? vlb : vlb / 8); i++)
			if (x[i] != y[i]) {
				*reg = names[s];
				return (int)i;
			}
	}
	return -1;
}

#define NPATTERNS 6
static const char *const pattern_names[NPATTERNS] = { "all", "none", "prefix", "random", "random", "random" };

/* P[pg] = the pattern for elements of 1 << esz bytes (pattern_names) */
static void set_pattern(uint8_t *p, unsigned pattern, unsigned esz)
{
	unsigned elements = vlb >> esz, k = elements > 1 ? 1 + (unsigned)(rnd() % (elements - 1)) : 1;

	for (unsigned i = 0; i < 32; i++)
		p[i] = pattern == 0 ? 0xff : pattern >= 3 ? (uint8_t)rnd() : 0;
	if (pattern == 2) /* the first k elements, as WHILELT makes it */
		for (unsigned e = 0; e < k; e++)
			p[(e << esz) >> 3] |= (uint8_t)(1u << ((e << esz) & 7));
}

static void report(const struct scase *c, unsigned pattern, const char *what, int byte, const char *reg)
{
	failures[0]++;
	if (shown++ >= 24)
		return;
	gprintf("sve: FAILED '%s' VL %u pred %s x0 0x%lx x1 0x%lx: %s", c->text, vlb * 8, pattern_names[pattern],
	        in.x0, in.x1, what);
	if (byte >= 0)
		gprintf(" (%s byte %d)", reg, byte);
	gprintf("\n");
}

/* x0, x1 and z1 of a gather or scatter: every element at a random place
 * of the window, one in eight on the bytes of the element before it; the
 * upper halves of unpacked 32-bit offsets random (they are ignored) */
static void place_gather(const struct scase *c)
{
	unsigned elements = vlb >> c->esz, ebytes = 1u << c->esz;
	uint64_t lo = WIN_K, hi = WIN_K + WIN_SIZE - (1u << c->msz), step = 1ull << c->imm, z = 0;

	in.x0 = c->am == VUXTW ? lo + rnd() % 64 : lo + WIN_SIZE / 2 + rnd() % 64;
	in.x1 = rnd() % 256;
	for (unsigned e = 0; e < elements; e++) {
		uint64_t a = lo + rnd() % (hi - lo + 1);
		int64_t klo = c->am == VUXTW ? 0 : -(int64_t)((in.x0 - lo) / step), khi = (int64_t)((hi - in.x0) / step);

		if (e > 0 && rnd() % 8 == 0) {
			le_put(in.z[1] + e * ebytes, z, ebytes);
			continue;
		}
		if (c->am == VBASE)
			z = a - (uint64_t)c->imm;
		else if (c->am == VBASE_X)
			z = a - in.x1;
		else
			z = (uint64_t)(klo + (int64_t)(rnd() % (uint64_t)(khi - klo + 1)));
		if ((c->am == VUXTW || c->am == VSXTW) && ebytes == 8)
			z = (z & 0xffffffffu) | rnd() << 32;
		le_put(in.z[1] + e * ebytes, z, ebytes);
	}
}

/* move the addresses in s by delta (the CPU's run on RAM) */
static void relocate(const struct scase *c, struct sve_ctx *s, uint64_t delta)
{
	s->x0 += delta;
	if (c->am == VBASE_X)
		s->x1 += delta;
	if (c->am == VBASE)
		for (unsigned i = 0; i < vlb; i += 8)
			le_put(s->z[1] + i, le_get(s->z[1] + i, 8) + delta, 8);
}

static void run_case(const struct scase *c, unsigned pattern)
{
	unsigned len = footprint(c), start;
	int64_t off;
	int byte;
	const char *reg = "";
	uint64_t h_dev, delta = (uint64_t)(uintptr_t)ram_win - WIN_K;

	for (unsigned s = 0; s < NZ; s++)
		for (unsigned i = 0; i < 256; i += 8)
			le_put(in.z[s] + i, rnd(), 8);
	for (unsigned i = 0; i < 32; i += 8)
		le_put(in.p[0] + i, rnd(), 8), le_put(in.p[1] + i, rnd(), 8);
	if (c->kind != K_LDRP && c->kind != K_STRP && c->kind != K_LDRZ && c->kind != K_STRZ)
		set_pattern(in.p[c->pg], pattern, c->esz);
	/* x1: an index, sometimes negative; x0 such that the access starts at
	 * a random byte of the window and ends inside it */
	if (is_gather(c)) {
		place_gather(c);
	} else {
		in.x1 = (uint64_t)((int64_t)(rnd() % 64) - 16);
		off = base_offset(c, &in);
		start = len < WIN_SIZE ? (unsigned)(rnd() % (WIN_SIZE - len + 1)) : 0;
		in.x0 = WIN_K + start - (uint64_t)off;
	}

	copy(expect_mem, win_copy, WIN_SIZE);
	model(c, &in, &expect, expect_mem, WIN_K);

	/* the CPU on RAM: checks the model */
	copy(ram_win, win_copy, WIN_SIZE);
	cpu = in;
	relocate(c, &cpu, delta);
	sve_run(&cpu, c->fn);
	if (c->rt != 1)
		relocate(c, &cpu, -delta);
	if ((byte = reg_diff(&cpu, &expect, &reg)) >= 0)
		report(c, pattern, "the CPU on RAM disagrees with the model (registers)", byte, reg);
	else if (win_hash(ram_win, WIN_SIZE) != win_hash(expect_mem, WIN_SIZE))
		report(c, pattern, "the CPU on RAM disagrees with the model (memory)", -1, reg);
	else
		passes[0]++;

	/* the device: nisv */
	dev = in;
	sve_run(&dev, c->fn);
	if ((byte = reg_diff(&dev, &expect, &reg)) >= 0)
		report(c, pattern, "registers after the device run differ from the model", byte, reg);
	else
		passes[0]++;
	h_dev = window_hash();
	if (h_dev != win_hash(expect_mem, WIN_SIZE)) {
		report(c, pattern, "the window's bytes differ from the model", -1, reg);
		if (shown <= 24)
			for (unsigned i = 0; i < WIN_SIZE; i += 8) {
				uint64_t d = r64(WIN_K + i), m = le_get(expect_mem + i, 8);
				if (d != m)
					gprintf("sve:   +0x%x device %lx model %lx\n", i, d, m);
			}
		fill_window(rnd()); /* start again from a known window */
	} else {
		passes[0]++;
		copy(win_copy, expect_mem, WIN_SIZE);
	}
	runs++;
}

static unsigned set_vl(unsigned len)
{
	uint64_t n;

	__asm__ volatile("msr " ZCR_EL1 ", %1\n isb\n .arch_extension sve\n rdvl %0, #1"
	                 : "=r"(n)
	                 : "r"((uint64_t)len));
	return (unsigned)n;
}

static void round_at(unsigned len, int f64mm, int sve2)
{
	unsigned before = runs, bad = failures[0], skipped = 0;

	vlb = set_vl(len);
	for (unsigned i = 0; i < NCASES; i++) {
		const struct scase *c = &cases[i];
		if (c->kind == K_LDRO && (!f64mm || vlb < 32)) { /* "LD1ROB": UNDEFINED below 256 bits */
			skipped++;
			continue;
		}
		if (c->am == VBASE_X && !sve2) { /* "LDNT1D (vector plus scalar)": SVE2 */
			skipped++;
			continue;
		}
		for (unsigned pattern = 0; pattern < NPATTERNS; pattern++)
			run_case(c, pattern);
	}
	rounds_run++;
	gprintf("sve: ZCR_EL1.LEN %u: VL %u bits: %u runs of %u instructions (%u LD1RO*/SVE2 skipped), %u failed\n", len,
	        vlb * 8, runs - before, (unsigned)NCASES - skipped, skipped, failures[0] - bad);
}

/* ---- faults ---- */
static uint64_t before_count;

static void arm_fault(void)
{
	before_count = last_exc[0].count;
	expect_fault[0] = 1;
}

/* one synchronous external abort at fn, nothing else */
static void took_sea(const char *what, void (*fn)(void))
{
	volatile struct exc_record *r = &last_exc[0];
	uint64_t esr = r->esr & 0xffffffffu;

	expect_fault[0] = 0;
	gprintf("sve: %s: ESR 0x%lx FAR 0x%lx ELR 0x%lx\n", what, esr, r->far, r->elr);
	CHECK_EQ(r->count, before_count + 1);
	CHECK_EQ(ESR_EC(esr), 0x25); /* data abort, same EL */
	CHECK_EQ(ESR_DFSC(esr), 0x10);
	CHECK_EQ(r->elr, (uint64_t)(uintptr_t)fn);
}

/* in with all-true predicates, Z[1] = 0, x0 = va */
static void fault_ctx(uint64_t va)
{
	for (unsigned s = 0; s < NZ; s++)
		for (unsigned i = 0; i < 256; i++)
			in.z[s][i] = s == 1 ? 0 : (uint8_t)(0xa0 + s);
	for (unsigned i = 0; i < 32; i++)
		in.p[0][i] = in.p[1][i] = 0xff;
	in.x0 = va;
	in.x1 = 0;
}

/* where x0 points: from the RAM page into the window (the bus refuses an
 * access that spans two regions), the hole (nobody serves it) */
enum { AT_CROSS, AT_HOLE };

/* Each takes one synchronous external abort; a load leaves the registers
 * as they were, a store the window (and across, the RAM half too). */
static const struct fault_case {
	const char *what;
	void (*fn)(void);
	uint8_t at, store;
} fault_cases[] = {
	{ "ld1b from RAM into the window", sve_f_ld1b, AT_CROSS, 0 },
	{ "st1b from RAM into the window", sve_f_st1b, AT_CROSS, 1 },
	{ "ld1d from the hole", sve_f_ld1d, AT_HOLE, 0 },
};

static void faults(void)
{
	unsigned half = vlb / 2;
	const uint64_t va[] = { [AT_CROSS] = CROSS_VA + G_SIZE - half, [AT_HOLE] = HOLE_K + 0x40 };
	const volatile uint8_t *ram_tail = (const volatile uint8_t *)(uintptr_t)va[AT_CROSS];
	uint64_t h = window_hash();
	uint8_t tail[128];
	const char *reg;

	for (unsigned k = 0; k < sizeof(fault_cases) / sizeof(fault_cases[0]); k++) {
		const struct fault_case *f = &fault_cases[k];
		int ram_half = f->store && f->at == AT_CROSS;
		unsigned changed = 0;

		fault_ctx(va[f->at]);
		for (unsigned i = 0; ram_half && i < half; i++)
			tail[i] = ram_tail[i];
		dev = in;
		arm_fault();
		sve_run(&dev, f->fn);
		took_sea(f->what, f->fn);
		if (!f->store) {
			CHECK_EQ(reg_diff(&dev, &in, &reg), -1);
			continue;
		}
		if (ram_half) {
			for (unsigned i = 0; i < half; i++)
				changed += ram_tail[i] != tail[i];
			CHECK_EQ(changed, 0);
		}
		CHECK_EQ(window_hash(), h);
	}
}

int vm_main(unsigned cpu, unsigned ncpus)
{
	uint64_t pfr0 = SYSREG_READ(id_aa64pfr0_el1), zfr0;
	/* ZCR_EL1.LEN: the largest VL, 128, 256, 384 and 1024 bits (each
	 * capped to the largest the vCPU has, the duplicates skipped) */
	static const unsigned lens[] = { 15, 0, 1, 2, 7 };
	unsigned max_vlb, done_vl[sizeof(lens) / sizeof(lens[0])] = { 0 };
	int f64mm, sve2;

	(void)ncpus;
	if (cpu != 0)
		return 0;
	gprintf("sve: ID_AA64PFR0_EL1.SVE = %lu\n", pfr0 >> 32 & 0xf);
	CHECK((pfr0 >> 32 & 0xf) != 0);
	if (!(pfr0 >> 32 & 0xf))
		return 0;
	/* CPACR_EL1.ZEN and FPEN = 0b11: SVE and SIMD&FP at EL1 and EL0
	 * without traps */
	__asm__ volatile("msr cpacr_el1, %0\n isb" : : "r"((3ull << 20) | (3ull << 16)));
	__asm__ volatile("mrs %0, " ID_AA64ZFR0_EL1 : "=r"(zfr0));
	f64mm = (zfr0 >> 56 & 0xf) != 0;
	sve2 = (zfr0 & 0xf) != 0;
	max_vlb = set_vl(15);
	gprintf("sve: largest vector length %u bits, ID_AA64ZFR0_EL1 0x%lx (F64MM %s, SVE2 %s), %u instructions\n",
	        max_vlb * 8, zfr0, f64mm ? "yes" : "no: LD1RO* skipped", sve2 ? "yes" : "no: LDNT1/STNT1 gathers skipped",
	        (unsigned)NCASES);
	CHECK(max_vlb >= 16 && max_vlb <= 256);
	if (max_vlb < 16 || max_vlb > 256)
		return 0;

	fill_window(0x5e);
	for (unsigned i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		unsigned v = set_vl(lens[i]), dup = 0;
		for (unsigned j = 0; j < i; j++)
			dup |= done_vl[j] == v;
		done_vl[i] = v;
		if (!dup)
			round_at(lens[i], f64mm, sve2);
	}
	vlb = set_vl(15);
	faults();
	gprintf("sve: %u vector lengths, %u runs, %u failures\n", rounds_run, runs, failures[0]);
	return 0;
}
