/*
 * Every A64 load/store class nisv emulates, against the protected device,
 * with the CPU as the oracle: each row of the table below is one
 * instruction, assembled as a two-instruction thunk ("insn; ret"). It runs
 * twice from the same registers: on a RAM buffer (the CPU does it) and on
 * the device's scratch bytes (it traps; ISV=1 rows go through nisv's
 * syndrome path, the others are fetched and decoded). Afterwards x1-x15
 * (the bases x1 and x15 relative to their buffer), q0-q7, whether and how
 * it faulted, and every byte of the span around the access must agree.
 *
 * Registers: x1 the base (aligned), x15 the base + 3, x2 = 16 and x14 = -24
 * register offsets, x4:x5 the first 16 bytes at x1 (CAS and CASP
 * compare equal), the rest patterns. "T" rows are aligned for any memory
 * type; "N" rows need Normal memory (unaligned, DC ZVA) and run only where
 * the device is mapped Normal; "P" rows use SP as the base (nisv reads
 * and writes SP_EL1 live at EL2); "L" rows are literal loads, run with
 * the MMU on from a page whose literal is RAM or the device.
 */
#include "host.h"

#define SPAN 0x200     /* bytes compared */
#define BASE_OFF 0x100 /* x1 = span + BASE_OFF */
#define DEV_SPAN (PDEV_SCRATCH + 0x100)

__asm__(ASM_ISA
        ".macro ROW kind, insn:vararg\n"
        "	.pushsection .text.rows_\\kind, \"ax\"\n"
        "	\\insn\n"
        "	ret\n"
        "	.popsection\n"
        "	.pushsection .rodata.names_\\kind, \"a\"\n"
        "	.asciz \"\\insn\"\n"
        "	.popsection\n"
        ".endm\n"
        ".macro T insn:vararg\n"
        "	ROW any, \\insn\n"
        ".endm\n"
        ".macro N insn:vararg\n"
        "	ROW normal, \\insn\n"
        ".endm\n"
        ".pushsection .text.rows_any, \"ax\"\n.balign 8\nrows_any:\n.popsection\n"
        ".pushsection .rodata.names_any, \"a\"\nnames_any:\n.popsection\n"
        ".pushsection .text.rows_normal, \"ax\"\n.balign 8\nrows_normal:\n.popsection\n"
        ".pushsection .rodata.names_normal, \"a\"\nnames_normal:\n.popsection\n"
        /* single general register, immediate offset: ISV=1 */
        "T ldrb w3, [x1]\n"
        "T ldrb w3, [x1, #3]\n"
        "T ldrh w3, [x1, #2]\n"
        "T ldr w3, [x1, #4]\n"
        "T ldr x3, [x1, #8]\n"
        "T ldrsb w3, [x1, #1]\n"
        "T ldrsb x3, [x1, #5]\n"
        "T ldrsh w3, [x1, #2]\n"
        "T ldrsh x3, [x1, #6]\n"
        "T ldrsw x3, [x1, #4]\n"
        "T strb w3, [x1, #5]\n"
        "T strh w3, [x1, #6]\n"
        "T str w3, [x1, #12]\n"
        "T str x3, [x1, #16]\n"
        "T str wzr, [x1, #4]\n"
        "T str xzr, [x1, #24]\n"
        "T ldr xzr, [x1]\n"
        "T ldur x3, [x1, #-8]\n"
        "T ldurh w3, [x1, #-2]\n"
        "T ldursb x3, [x1, #-1]\n"
        "T ldursw x3, [x1, #-4]\n"
        "T stur w3, [x1, #-4]\n"
        "T sturb w3, [x1, #-3]\n"
        "T sturh wzr, [x1, #-6]\n"
        /* writeback: ISV=0 */
        "T ldrb w3, [x1, #1]!\n"
        "T ldrb w3, [x1], #-1\n"
        "T ldrh w3, [x1, #2]!\n"
        "T ldrh w3, [x1], #-2\n"
        "T ldr w3, [x1, #-4]!\n"
        "T ldr w3, [x1], #4\n"
        "T ldr x3, [x1, #-256]!\n"
        "T ldr x3, [x1], #248\n"
        "T ldrsb x3, [x1, #-1]!\n"
        "T ldrsh x3, [x1], #2\n"
        "T ldrsw x3, [x1, #4]!\n"
        "T ldrsw x3, [x1], #-4\n"
        "T strb w3, [x1], #1\n"
        "T strh w3, [x1, #2]!\n"
        "T str w3, [x1], #-4\n"
        "T str x3, [x1, #8]!\n"
        "T str xzr, [x1], #8\n"
        "T ldr xzr, [x1, #8]!\n"
        /* register offset */
        "T ldr x3, [x1, x2]\n"
        "T ldr w3, [x1, x2, lsl #2]\n"
        "T ldrh w3, [x1, w2, uxtw #1]\n"
        "T ldrsb x3, [x1, w14, sxtw]\n"
        "T ldr x3, [x1, x14]\n"
        "T ldrsw x3, [x1, x2, lsl #2]\n"
        "T str x3, [x1, x2, lsl #3]\n"
        "T strb w3, [x1, x14]\n"
        "T strh w3, [x1, w2, sxtw]\n"
        "T str w3, [x1, w14, sxtw]\n"
        /* unprivileged (EL0 permissions, from EL1) */
        "T ldtr x3, [x1, #8]\n"
        "T ldtrb w3, [x1, #1]\n"
        "T ldtrsh x3, [x1, #2]\n"
        "T sttr w3, [x1, #4]\n"
        "T sttrh w3, [x1, #-2]\n"
        /* pointer authentication (keys off: the address as it is) */
        "T ldraa x3, [x1, #8]\n"
        "T ldrab x3, [x1, #-16]!\n"
        /* pairs */
        "T ldp w3, w4, [x1]\n"
        "T ldp x3, x4, [x1, #16]\n"
        "T ldp x3, x4, [x1, #-16]!\n"
        "T ldp x3, x4, [x1], #32\n"
        "T ldp w3, w4, [x1, #8]!\n"
        "T ldp xzr, x3, [x1]\n"
        "T ldpsw x3, x4, [x1, #8]\n"
        "T ldpsw x3, x4, [x1], #-8\n"
        "T ldnp x3, x4, [x1]\n"
        "T ldnp w3, w4, [x1, #-8]\n"
        "T stp w3, w4, [x1, #8]\n"
        "T stp x3, x4, [x1]\n"
        "T stp x3, x4, [x1, #32]!\n"
        "T stp x3, x4, [x1], #-32\n"
        "T stp w3, w4, [x1], #8\n"
        "T stp xzr, xzr, [x1, #16]\n"
        "T stp xzr, x3, [x1, #-64]\n"
        "T stnp x3, x4, [x1, #16]\n"
        /* SIMD&FP single */
        "T ldr b0, [x1, #1]\n"
        "T ldr h0, [x1, #2]\n"
        "T ldr s0, [x1, #4]\n"
        "T ldr d0, [x1, #8]\n"
        "T ldr q0, [x1, #16]\n"
        "T ldur q1, [x1, #-16]\n"
        "T ldr q2, [x1, #16]!\n"
        "T ldr d3, [x1], #-8\n"
        "T ldr s4, [x1, #-4]!\n"
        "T ldr h5, [x1], #2\n"
        "T ldr b6, [x1, #1]!\n"
        "T ldr q0, [x1, x2]\n"
        "T ldr d1, [x1, x2, lsl #3]\n"
        "T str b1, [x1, #3]\n"
        "T str h1, [x1, #2]\n"
        "T str s1, [x1, #4]\n"
        "T str d1, [x1, #8]\n"
        "T str q1, [x1, #16]\n"
        "T stur q2, [x1, #-32]\n"
        "T str q3, [x1, #-16]!\n"
        "T str d4, [x1], #8\n"
        "T str s5, [x1, w14, sxtw]\n"
        "T str q6, [x1, x2]\n"
        /* SIMD&FP pairs */
        "T ldp s0, s1, [x1]\n"
        "T ldp d0, d1, [x1, #16]\n"
        "T ldp q0, q1, [x1, #-32]!\n"
        "T ldp q2, q3, [x1], #32\n"
        "T ldnp q0, q1, [x1]\n"
        "T ldnp d2, d3, [x1, #8]\n"
        "T stp s2, s3, [x1, #4]\n"
        "T stp d2, d3, [x1], #-16\n"
        "T stp q2, q3, [x1], #32\n"
        "T stp q4, q5, [x1, #64]!\n"
        "T stnp q6, q7, [x1, #-32]\n"
        /* structures: multiple */
        "T ld1 {v0.16b}, [x1]\n"
        "T ld1 {v0.8h, v1.8h}, [x1]\n"
        "T ld1 {v0.4s, v1.4s, v2.4s}, [x1]\n"
        "T ld1 {v0.2d, v1.2d, v2.2d, v3.2d}, [x1]\n"
        "T ld1 {v0.8b}, [x1], #8\n"
        "T ld1 {v4.1d, v5.1d}, [x1], x2\n"
        "T ld2 {v0.8h, v1.8h}, [x1]\n"
        "T ld2 {v2.2s, v3.2s}, [x1], #16\n"
        "T ld3 {v0.4s, v1.4s, v2.4s}, [x1], x2\n"
        "T ld3 {v5.8b, v6.8b, v7.8b}, [x1]\n"
        "T ld4 {v0.16b, v1.16b, v2.16b, v3.16b}, [x1]\n"
        "T ld4 {v4.4h, v5.4h, v6.4h, v7.4h}, [x1], #32\n"
        "T st1 {v0.16b}, [x1]\n"
        "T st1 {v0.2d, v1.2d}, [x1], #32\n"
        "T st1 {v1.4s, v2.4s, v3.4s, v4.4s}, [x1]\n"
        "T st2 {v2.4s, v3.4s}, [x1]\n"
        "T st2 {v6.8b, v7.8b}, [x1], x2\n"
        "T st3 {v0.8b, v1.8b, v2.8b}, [x1], x2\n"
        "T st3 {v3.2d, v4.2d, v5.2d}, [x1]\n"
        "T st4 {v0.8h, v1.8h, v2.8h, v3.8h}, [x1]\n"
        "T st4 {v4.2s, v5.2s, v6.2s, v7.2s}, [x1], #32\n"
        /* structures: one lane */
        "T ld1 {v0.b}[3], [x1]\n"
        "T ld1 {v0.h}[5], [x1], #2\n"
        "T ld1 {v1.s}[2], [x1], x2\n"
        "T ld1 {v2.d}[1], [x1]\n"
        "T ld2 {v0.s, v1.s}[1], [x1]\n"
        "T ld3 {v0.d, v1.d, v2.d}[1], [x1], x2\n"
        "T ld4 {v0.b, v1.b, v2.b, v3.b}[15], [x1], #4\n"
        "T st1 {v0.d}[1], [x1]\n"
        "T st1 {v3.b}[9], [x1], #1\n"
        "T st2 {v1.h, v2.h}[7], [x1], #4\n"
        "T st3 {v0.s, v1.s, v2.s}[2], [x1]\n"
        "T st4 {v4.d, v5.d, v6.d, v7.d}[0], [x1], x2\n"
        /* structures: replicate */
        "T ld1r {v0.16b}, [x1]\n"
        "T ld1r {v0.2d}, [x1], #8\n"
        "T ld2r {v0.4s, v1.4s}, [x1]\n"
        "T ld3r {v0.8h, v1.8h, v2.8h}, [x1], x2\n"
        "T ld4r {v0.2s, v1.2s, v2.2s, v3.2s}, [x1]\n"
        "T ld4r {v4.1d, v5.1d, v6.1d, v7.1d}, [x1], #32\n"
        /* acquire/release, RCpc */
        "T ldar x3, [x1]\n"
        "T ldar w3, [x1]\n"
        "T ldarb w3, [x1]\n"
        "T ldarh w3, [x1]\n"
        "T stlr x3, [x1]\n"
        "T stlr w3, [x1]\n"
        "T stlrb w3, [x1]\n"
        "T stlrh w3, [x1]\n"
        "T ldapr x3, [x1]\n"
        "T ldapr w3, [x1]\n"
        "T ldaprb w3, [x1]\n"
        "T ldaprh w3, [x1]\n"
        "T ldapur x3, [x1, #-8]\n"
        "T ldapur w3, [x1, #4]\n"
        "T ldapursb x3, [x1, #1]\n"
        "T ldapursh w3, [x1, #2]\n"
        "T ldapursw x3, [x1, #4]\n"
        "T stlur w3, [x1, #4]\n"
        "T stlur x3, [x1, #-8]\n"
        "T stlurb w3, [x1, #1]\n"
        "T stlurh w3, [x1, #2]\n"
        /* LSE atomics */
        "T ldadd x3, x6, [x1]\n"
        "T ldaddal w3, w6, [x1]\n"
        "T ldaddb w3, w6, [x1]\n"
        "T ldaddh w3, w6, [x1]\n"
        "T ldclr x3, x6, [x1]\n"
        "T ldclra w3, w6, [x1]\n"
        "T ldeor x3, x6, [x1]\n"
        "T ldeorl w3, w6, [x1]\n"
        "T ldset x3, x6, [x1]\n"
        "T ldsetb w3, w6, [x1]\n"
        "T ldsmax x3, x6, [x1]\n"
        "T ldsmaxh w3, w6, [x1]\n"
        "T ldsmin x3, x6, [x1]\n"
        "T ldsmin w3, w6, [x1]\n"
        "T ldumax x3, x6, [x1]\n"
        "T ldumaxb w3, w6, [x1]\n"
        "T ldumin x3, x6, [x1]\n"
        "T lduminh w3, w6, [x1]\n"
        "T stadd x3, [x1]\n"
        "T stclr w3, [x1]\n"
        "T steor x3, [x1]\n"
        "T stsmax w3, [x1]\n"
        "T swp x3, x6, [x1]\n"
        "T swpal w3, w6, [x1]\n"
        "T swpb w3, w6, [x1]\n"
        "T swph w3, w6, [x1]\n"
        "T cas x4, x6, [x1]\n" /* compares equal: stores */
        "T cas x8, x6, [x1]\n" /* compares unequal: no store */
        "T casa w4, w6, [x1]\n"
        "T casl x8, x6, [x1]\n"
        "T casal x4, x6, [x1]\n"
        "T casb w4, w6, [x1]\n"
        "T cash w4, w6, [x1]\n"
        "T casalh w8, w6, [x1]\n"
        "T casp x4, x5, x6, x7, [x1]\n"
        "T casp x8, x9, x6, x7, [x1]\n"
        "T caspal w4, w5, w6, w7, [x1]\n"
        "T caspa x8, x9, x10, x11, [x1]\n"
        /* Normal memory only: unaligned, DC ZVA */
        "N ldr x3, [x15]\n"
        "N ldur x3, [x1, #3]\n"
        "N ldur w3, [x1, #-5]\n"
        "N ldursh x3, [x1, #-3]\n"
        "N ldr w3, [x15, x2]\n"
        "N stur x3, [x1, #-5]\n"
        "N sturh w3, [x1, #7]\n"
        "N str x3, [x15], #8\n"
        "N ldr x3, [x1, #-255]!\n"
        "N ldp x3, x4, [x15]\n"
        "N ldp w3, w4, [x15, #-8]!\n"
        "N stp x3, x4, [x15, #16]\n"
        "N stp xzr, x4, [x15], #-16\n"
        "N ldur q1, [x1, #3]\n"
        "N ldr q2, [x15], #16\n"
        "N stur q2, [x1, #-7]\n"
        "N ldp q0, q1, [x15]\n"
        "N stp d2, d3, [x15, #8]!\n"
        "N ld1 {v0.4s, v1.4s}, [x15]\n"
        "N ld3 {v0.8h, v1.8h, v2.8h}, [x15], #48\n"
        "N st1 {v0.2d, v1.2d, v2.2d}, [x15]\n"
        "N st4 {v4.b, v5.b, v6.b, v7.b}[6], [x15]\n"
        "N ld1r {v0.4s}, [x15]\n"
        "N dc zva, x1\n"
        /* PC-relative: the literal is two pages after the row's page; see
         * literal() */
        ".macro L insn:vararg\n"
        "	.pushsection .text.rows_literal, \"ax\"\n"
        "	\\insn\n"
        "	ret\n"
        "	.popsection\n"
        "	.pushsection .rodata.names_literal, \"a\"\n"
        "	.asciz \"\\insn\"\n"
        "	.popsection\n"
        ".endm\n"
        ".pushsection .text.rows_literal, \"ax\"\n.balign 4096\n.global rows_literal\nrows_literal:\n.popsection\n"
        ".pushsection .rodata.names_literal, \"a\"\nnames_literal:\n.popsection\n"
        "L ldr x3, rows_literal + 0x2308\n"
        "L ldr w3, rows_literal + 0x2304\n"
        "L ldrsw x3, rows_literal + 0x230c\n"
        "L ldr q0, rows_literal + 0x2310\n"
        "L ldr d1, rows_literal + 0x2300\n"
        "L ldr s2, rows_literal + 0x231c\n"
        ".pushsection .text.rows_literal, \"ax\"\nrows_literal_end:\n.popsection\n"
        /* SP as the base: the thunk points SP at x1, runs the row, hands
         * SP back in x1 (eight instructions each; they must not fault) */
        ".macro P insn:vararg\n"
        "	.pushsection .text.rows_sp, \"ax\"\n"
        "	.balign 32\n"
        "	mov x17, sp\n"
        "	mov sp, x1\n"
        "	\\insn\n"
        "	mov x1, sp\n"
        "	mov sp, x17\n"
        "	ret\n"
        "	.popsection\n"
        "	.pushsection .rodata.names_sp, \"a\"\n"
        "	.asciz \"\\insn\"\n"
        "	.popsection\n"
        ".endm\n"
        ".pushsection .text.rows_sp, \"ax\"\n.balign 32\nrows_sp:\n.popsection\n"
        ".pushsection .rodata.names_sp, \"a\"\nnames_sp:\n.popsection\n"
        "P ldr x3, [sp, #8]\n"
        "P str x3, [sp, #-16]!\n"
        "P ldp x3, x4, [sp], #16\n"
        "P stp x5, x6, [sp, #-32]!\n"
        "P ldr q0, [sp, #16]\n"
        "P st1 {v1.2d, v2.2d}, [sp], #32\n"
        "P ldadd x3, x6, [sp]\n"
        ".pushsection .text.rows_sp, \"ax\"\n.balign 32\nrows_sp_end:\n.popsection\n"
        ".pushsection .text.rows_any, \"ax\"\nrows_any_end:\n.popsection\n"
        ".pushsection .text.rows_normal, \"ax\"\nrows_normal_end:\n.popsection\n"
        ".purgem T\n.purgem N\n.purgem ROW\n.purgem L\n.purgem P\n");

extern const uint32_t rows_any[], rows_any_end[], rows_normal[], rows_normal_end[];
extern const uint32_t rows_literal_end[], rows_sp[], rows_sp_end[];
extern const char names_any[], names_normal[], names_literal[], names_sp[];

uint8_t ram_page[PDEV_SIZE] __attribute__((aligned(4096)));

static uint8_t pattern(uint64_t seed, unsigned i)
{
	uint64_t x = (seed * 0x100 + i) * 0x9e3779b97f4a7c15ull;
	return (uint8_t)(x >> 56 ^ x >> 31 ^ i);
}

static uint64_t pattern64(uint64_t seed, unsigned i)
{
	uint64_t v = 0;
	for (unsigned b = 8; b--;)
		v = v << 8 | pattern(seed, i + b);
	return v;
}

static void init_ctx(struct ctx *c, uint64_t span, uint64_t seed)
{
	for (unsigned i = 1; i < 16; i++)
		c->x[i] = (0x0123456789abcdefull + 0x1111111111111111ull * i) ^ seed << 40 ^ (uint64_t)i << 62;
	c->x[1] = span + BASE_OFF;
	c->x[15] = span + BASE_OFF + 3;
	c->x[2] = 16;
	c->x[14] = (uint64_t)-24;
	c->x[4] = pattern64(seed, BASE_OFF);
	c->x[5] = pattern64(seed, BASE_OFF + 8);
	for (unsigned r = 0; r < 8; r++)
		for (unsigned b = 0; b < 16; b++)
			c->q[r][b] = (uint8_t)(0x80 + 16 * r + b + seed);
}

struct tally {
	unsigned rows, same, faulted;
};

/* A fault's DFSC without the lookup level (the RAM and the device pages
 * may be mapped at different levels). */
static unsigned fault_kind(uint64_t esr)
{
	unsigned dfsc = ESR_DFSC(esr);
	return dfsc < 0x10 ? dfsc & 0x3c : dfsc;
}

/* where a row runs: its span in RAM and on the device, and the address
 * its thunk is called at for each */
struct site {
	uint64_t ram, dev, ram_code, dev_code;
};

static void run_case(const char *pass, const struct site *s, const char *name, unsigned seed, struct tally *t)
{
	uint64_t ram = s->ram, dev = s->dev;
	struct ctx rc, dc;
	uint64_t esr_r, esr_d;
	int same = 1;

	t->rows++;
	for (unsigned i = 0; i < SPAN; i += 8) {
		*(volatile uint64_t *)(ram + i) = pattern64(seed, i);
		w64(dev + i, pattern64(seed, i));
	}
	init_ctx(&rc, ram, seed);
	init_ctx(&dc, dev, seed);
	esr_r = run_row_once(&rc, s->ram_code);
	esr_d = run_row_once(&dc, s->dev_code);

	if (!esr_r != !esr_d || fault_kind(esr_r) != fault_kind(esr_d)) {
		rt_printf("host: %s: '%s': RAM %s (ESR 0x%lx), device %s (ESR 0x%lx)\n", pass, name,
		          esr_r ? "faulted" : "ran", esr_r & 0xffffffff, esr_d ? "faulted" : "ran", esr_d & 0xffffffff);
		same = 0;
	}
	t->faulted += esr_r && esr_d;
	if (rc.x[1] - ram != dc.x[1] - dev || rc.x[15] - ram != dc.x[15] - dev) {
		rt_printf("host: %s: '%s': base writeback RAM +0x%lx/+0x%lx, device +0x%lx/+0x%lx\n", pass, name,
		          rc.x[1] - ram, rc.x[15] - ram, dc.x[1] - dev, dc.x[15] - dev);
		same = 0;
	}
	for (unsigned i = 2; i < 15; i++)
		if (rc.x[i] != dc.x[i]) {
			rt_printf("host: %s: '%s': x%u RAM 0x%lx, device 0x%lx\n", pass, name, i, rc.x[i], dc.x[i]);
			same = 0;
		}
	for (unsigned r = 0; r < 8; r++)
		for (unsigned b = 0; b < 16; b++)
			if (rc.q[r][b] != dc.q[r][b]) {
				rt_printf("host: %s: '%s': q%u byte %u RAM 0x%x, device 0x%x\n", pass, name, r, b,
				          rc.q[r][b], dc.q[r][b]);
				same = 0;
				break;
			}
	for (unsigned i = 0; i < SPAN; i += 8) {
		uint64_t m = *(volatile uint64_t *)(ram + i), d = r64(dev + i);
		if (m != d) {
			rt_printf("host: %s: '%s': span +0x%x RAM 0x%lx, device 0x%lx\n", pass, name, i, m, d);
			same = 0;
		}
	}
	CHECK(same);
	t->same += same;
}

/* stride: the rows' size in words (2: "insn; ret") */
static void run_table(const struct pass *p, const uint32_t *rows, const uint32_t *end, unsigned stride,
                      const char *names, unsigned seed0, struct tally *t)
{
	for (const uint32_t *r = rows; r < end; r += stride) {
		struct site s = { (uint64_t)ram_page + DEV_SPAN + p->ram, p->dev + DEV_SPAN, (uint64_t)r + p->code,
		                  (uint64_t)r + p->code };
		run_case(p->name, &s, names, seed0 + (unsigned)(r - rows) / stride, t);
		while (*names++)
			;
	}
}

/* Literal loads: the rows' page runs at LIT_RAM and at LIT_DEV, where two
 * pages on the literal is RAM (ram_page) or the device (host_mmu.c). */
static void literal(const struct pass *p, struct tally *t)
{
	const char *names = names_literal;

	for (const uint32_t *r = rows_literal; r < rows_literal_end; r += 2) {
		uint64_t off = (uint64_t)(r - rows_literal) * 4;
		struct site s = { KVA((uint64_t)ram_page) + DEV_SPAN, p->dev + DEV_SPAN, LIT_RAM + off, LIT_DEV + off };
		run_case(p->name, &s, names, 2001 + (unsigned)off, t);
		while (*names++)
			;
	}
}

void classes(const struct pass *p)
{
	struct tally t = { 0 };

	run_table(p, rows_any, rows_any_end, 2, names_any, 1, &t);
	run_table(p, rows_sp, rows_sp_end, 8, names_sp, 501, &t);
	if (p->normal)
		run_table(p, rows_normal, rows_normal_end, 2, names_normal, 1001, &t);
	if (p->mmu && !p->normal)
		literal(p, &t);
	rt_printf("host: classes, %s: %u instructions, RAM and device agree on %u (%u faulted on both)\n", p->name,
	          t.rows, t.same, t.faulted);
}
