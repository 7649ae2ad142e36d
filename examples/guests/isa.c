/*
 * Every instruction class of the core against the test device, with the MMU
 * on in this build's granule, code and data at TTBR1 addresses (vm.h).
 *
 * 1. The CPU is the oracle. Each instruction of the table below runs twice
 *    from the same registers: on RAM (the CPU does it) and on the test
 *    window (MMIO: it traps, ISV=1 to KVM or ISV=0 to nisv). The window is
 *    filled from a seed by the VMM (TEST_WIN_FILL), the RAM copy by the
 *    guest with the same pattern; afterwards every register (x1-x15,
 *    q0-q7; the base register relative to its buffer) and the bytes around
 *    the access (TEST_WIN_SUM, a hash the VMM computes) must be equal.
 * 2. Faults the guest must see, checked in its handler (ESR_EL1, FAR_EL1,
 *    ELR_EL1): exclusives to the device (DFSC 0x35, from nisv); a
 *    page-crossing LDP/STP from RAM into MMIO (synchronous external abort,
 *    the MMIO half not written); EL0 and LDTR/STTR accesses to a
 *    kernel-only device page (permission fault), and the same from EL0 to
 *    an EL0 page (emulated by nisv with EL0's registers).
 */
#include "vm.h"

#define WIN_K KVA(PLAT_WIN_BASE)
#define TEST_K KVA(PLAT_TEST_BASE)
#define BASE_OFF 0x100 /* x1 = buffer + BASE_OFF */
#define SPAN 0x400     /* bytes compared */

/* ---- the instruction table: each entry is assembled into .rodata.casew,
 *      its text into .rodata.casen ---- */
__asm__(".arch armv8.5-a\n"
        ".arch_extension memtag\n"
        ".arch_extension lse\n"
        ".arch_extension rcpc\n"
        ".macro T insn:vararg\n"
        "	.pushsection .rodata.casew, \"a\"\n"
        "	\\insn\n"
        "	.popsection\n"
        "	.pushsection .rodata.casen, \"a\"\n"
        "	.asciz \"\\insn\"\n"
        "	.popsection\n"
        ".endm\n"
        ".pushsection .rodata.casew, \"a\"\n"
        ".balign 4\n"
        ".global case_words\n"
        "case_words:\n"
        ".popsection\n"
        ".pushsection .rodata.casen, \"a\"\n"
        ".global case_names\n"
        "case_names:\n"
        ".popsection\n"
        /* single GPR: immediate offset (ISV=1: KVM decodes these) */
        "T ldrb w3, [x1]\n"
        "T ldrh w3, [x1, #2]\n"
        "T ldr w3, [x1, #4]\n"
        "T ldr x3, [x1, #8]\n"
        "T ldrsb w3, [x1, #1]\n"
        "T ldrsb x3, [x1, #3]\n"
        "T ldrsh w3, [x1, #2]\n"
        "T ldrsh x3, [x1, #6]\n"
        "T ldrsw x3, [x1, #4]\n"
        "T strb w3, [x1, #5]\n"
        "T strh w3, [x1, #2]\n"
        "T str w3, [x1, #4]\n"
        "T str x3, [x1, #8]\n"
        "T str xzr, [x1, #16]\n"
        "T ldur x3, [x1, #-8]\n"
        "T ldur w3, [x1, #3]\n"
        "T ldursh x3, [x1, #-3]\n"
        "T stur x3, [x1, #-5]\n"
        "T sturh w3, [x1, #7]\n"
        /* single GPR: writeback (ISV=0) */
        "T ldrb w3, [x1, #1]!\n"
        "T ldrb w3, [x1], #-1\n"
        "T ldrh w3, [x1, #2]!\n"
        "T ldrh w3, [x1], #2\n"
        "T ldr w3, [x1, #4]!\n"
        "T ldr w3, [x1], #-4\n"
        "T ldr x3, [x1, #8]!\n"
        "T ldr x3, [x1], #8\n"
        "T ldr x3, [x1, #-255]!\n"
        "T ldrsb w3, [x1, #1]!\n"
        "T ldrsb x3, [x1], #1\n"
        "T ldrsh w3, [x1, #2]!\n"
        "T ldrsh x3, [x1], #-2\n"
        "T ldrsw x3, [x1, #4]!\n"
        "T ldrsw x3, [x1], #4\n"
        "T strb w3, [x1, #1]!\n"
        "T strb w3, [x1], #1\n"
        "T strh w3, [x1, #-2]!\n"
        "T strh w3, [x1], #2\n"
        "T str w3, [x1, #4]!\n"
        "T str w3, [x1], #4\n"
        "T str x3, [x1, #-8]!\n"
        "T str x3, [x1], #8\n"
        "T str xzr, [x1], #16\n"
        /* single GPR: register offset */
        "T ldr x3, [x1, x2]\n"
        "T ldr w3, [x1, w2, uxtw #2]\n"
        "T ldrsh x3, [x1, x2, lsl #1]\n"
        "T ldrb w3, [x1, w2, sxtw]\n"
        "T ldrsw x3, [x1, x2, lsl #2]\n"
        "T ldr x3, [x1, x14, sxtx]\n"
        "T str x3, [x1, x2, lsl #3]\n"
        "T strh w3, [x1, w2, uxtw]\n"
        "T strb w3, [x1, x14]\n"
        /* pairs */
        "T ldp w3, w4, [x1]\n"
        "T ldp x3, x4, [x1, #16]\n"
        "T ldp x3, x4, [x1, #-16]!\n"
        "T ldp x3, x4, [x1], #16\n"
        "T ldp w3, w4, [x1, #4]!\n"
        "T ldpsw x3, x4, [x1, #8]\n"
        "T ldpsw x3, x4, [x1], #-8\n"
        "T ldpsw x3, x4, [x1, #-24]!\n"
        "T ldnp x3, x4, [x1, #16]\n"
        "T ldnp w3, w4, [x1]\n"
        "T stp w3, w4, [x1, #8]\n"
        "T stp x3, x4, [x1]\n"
        "T stp x3, x4, [x1, #32]!\n"
        "T stp x3, x4, [x1], #-32\n"
        "T stp w3, w4, [x1], #8\n"
        "T stp xzr, x3, [x1, #-64]\n"
        "T stnp x3, x4, [x1, #16]\n"
        "T stnp w3, w4, [x1, #-4]\n"
        /* SIMD&FP single */
        "T ldr b0, [x1, #1]\n"
        "T ldr h0, [x1, #2]\n"
        "T ldr s0, [x1, #4]\n"
        "T ldr d0, [x1, #8]\n"
        "T ldr q0, [x1, #16]\n"
        "T ldur q1, [x1, #3]\n"
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
        "T stur q2, [x1, #-7]\n"
        "T str q3, [x1, #-16]!\n"
        "T str d4, [x1], #8\n"
        "T str s5, [x1, w2, sxtw #2]\n"
        "T str q6, [x1, x2, lsl #4]\n"
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
        /* structures: single lane */
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
        /* LSE atomics (x4 = the first 8 bytes at x1, x5 the next 8) */
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
        "T cas x4, x6, [x1]\n"   /* succeeds */
        "T cas x8, x6, [x1]\n"   /* fails */
        "T casa w4, w6, [x1]\n"
        "T casl x8, x6, [x1]\n"
        "T casal x4, x6, [x1]\n"
        "T casb w4, w6, [x1]\n"
        "T cash w4, w6, [x1]\n"
        "T casalh w8, w6, [x1]\n"
        "T casp x4, x5, x6, x7, [x1]\n"   /* succeeds */
        "T casp x8, x9, x6, x7, [x1]\n"   /* fails */
        "T caspal w4, w5, w6, w7, [x1]\n"
        "T caspa x8, x9, x10, x11, [x1]\n"
        /* cache maintenance, zeroing, prefetch */
        "T dc zva, x1\n"
        "T dc civac, x1\n"
        "T dc cvac, x1\n"
        "T dc cvau, x1\n"
        "T prfm pldl1keep, [x1]\n"
        "T prfm pstl2strm, [x1, #64]\n"
        "T prfum pldl3keep, [x1, #1]\n"
        "T prfm pldl1keep, [x1, x2]\n"
        ".pushsection .rodata.casew, \"a\"\n"
        ".global case_words_end\n"
        "case_words_end:\n"
        /* STGP (FEAT_MTE): only when the CPU has it */
        ".global mte_words\n"
        "mte_words:\n"
        "	stgp x3, x4, [x1]\n"
        "	stgp x3, x4, [x1, #32]!\n"
        "	stgp x3, x4, [x1], #-16\n"
        ".global mte_words_end\n"
        "mte_words_end:\n"
        ".popsection\n");

extern const uint32_t case_words[], case_words_end[], mte_words[], mte_words_end[];
extern const char case_names[];

/* ---- the runner: registers from ctx, the instruction in a slot, back ---- */
struct ctx {
	uint64_t x[16]; /* x1..x15 used; x0 unused */
	uint8_t v[8][16];
};

void run_slot(struct ctx *c, const uint32_t *slot);
__asm__(".text\n"
        ".global run_slot\n"
        "run_slot:\n"
        "	stp x29, x30, [sp, #-32]!\n"
        "	str x18, [sp, #16]\n"
        "	mov x18, x0\n"
        "	mov x16, x1\n"
        "	ldp q0, q1, [x18, #128]\n"
        "	ldp q2, q3, [x18, #160]\n"
        "	ldp q4, q5, [x18, #192]\n"
        "	ldp q6, q7, [x18, #224]\n"
        "	ldp x1, x2, [x18, #8]\n"
        "	ldp x3, x4, [x18, #24]\n"
        "	ldp x5, x6, [x18, #40]\n"
        "	ldp x7, x8, [x18, #56]\n"
        "	ldp x9, x10, [x18, #72]\n"
        "	ldp x11, x12, [x18, #88]\n"
        "	ldp x13, x14, [x18, #104]\n"
        "	ldr x15, [x18, #120]\n"
        "	blr x16\n"
        "	stp x1, x2, [x18, #8]\n"
        "	stp x3, x4, [x18, #24]\n"
        "	stp x5, x6, [x18, #40]\n"
        "	stp x7, x8, [x18, #56]\n"
        "	stp x9, x10, [x18, #72]\n"
        "	stp x11, x12, [x18, #88]\n"
        "	stp x13, x14, [x18, #104]\n"
        "	str x15, [x18, #120]\n"
        "	stp q0, q1, [x18, #128]\n"
        "	stp q2, q3, [x18, #160]\n"
        "	stp q4, q5, [x18, #192]\n"
        "	stp q6, q7, [x18, #224]\n"
        "	ldr x18, [sp, #16]\n"
        "	ldp x29, x30, [sp], #32\n"
        "	ret\n");

static uint32_t slot[16] __attribute__((aligned(64)));
static uint8_t ram_buf[SPAN] __attribute__((aligned(4096)));
static unsigned ncases, nsame, nfault_both, nsse;

/*
 * QEMU 7.2 (the CPU model of the nested host) reports ISS.SSE = 0 in the
 * syndrome of sign-extending loads with ISV=1, so KVM, which completes
 * those loads itself (KVM_EXIT_MMIO), zero-extends them. nisv never sees
 * them. Recognised narrowly: a single-register sign-extending load with no
 * writeback whose only difference is x3 == the RAM result zero-extended.
 */
static int qemu_sse_defect(uint32_t w, const struct ctx *ram, const struct ctx *dev)
{
	int ldrs_imm = (w & 0x3f800000u) == 0x39800000u;           /* LDRS* unsigned offset */
	int ldurs = (w & 0x3fa00c00u) == 0x38800000u;              /* LDURS* */
	int ldrs_reg = (w & 0x3fa00c00u) == 0x38a00800u; /* LDRS* register */
	int ldapurs = (w & 0x3f200c00u) == 0x19000000u && ((w >> 22 & 3) >= 2); /* LDAPURS* */
	uint64_t r = ram->x[3], d = dev->x[3];

	if (!(ldrs_imm || ldurs || ldrs_reg || ldapurs))
		return 0;
	for (unsigned i = 1; i < 16; i++)
		if (i != 3 && i != 1 && ram->x[i] != dev->x[i])
			return 0;
	return d != r && (d == (r & 0xff) || d == (r & 0xffff) || d == (r & 0xffffffffu));
}

static void load_slot(uint32_t word)
{
	slot[0] = word;
	slot[1] = 0xd65f03c0; /* ret */
	__asm__ volatile("dc cvau, %0\n\tdsb ish\n\tic ivau, %0\n\tdsb ish\n\tisb" : : "r"(slot) : "memory");
}

static uint64_t get64(const volatile uint8_t *p)
{
	uint64_t v = 0;
	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static void init_ctx(struct ctx *c, uint64_t base, uint64_t seed)
{
	for (unsigned i = 0; i < 16; i++)
		c->x[i] = (0x0123456789abcdefull + 0x1111111111111111ull * i) ^ (seed << 40) ^ ((uint64_t)i << 62);
	c->x[1] = base;
	c->x[2] = 16;
	c->x[14] = (uint64_t)-24; /* a negative register offset */
	/* CAS/CASP compare values that match memory */
	c->x[4] = get64(ram_buf + BASE_OFF);
	c->x[5] = get64(ram_buf + BASE_OFF + 8);
	for (unsigned r = 0; r < 8; r++)
		for (unsigned b = 0; b < 16; b++)
			c->v[r][b] = (uint8_t)(0x80 + 16 * r + b + seed);
}

/* A data abort while a case runs is recorded and skipped (to the slot's
 * RET); the two runs must agree on it too. */
static int run_one(struct ctx *c, uint64_t *esr)
{
	unsigned cpu = this_cpu();
	uint64_t before = last_exc[cpu].count;

	expect_fault[cpu] = 1;
	run_slot(c, slot);
	expect_fault[cpu] = 0;
	if (last_exc[cpu].count == before)
		return 0;
	*esr = last_exc[cpu].esr & 0xffffffffu;
	return 1;
}

static void run_case(uint32_t word, const char *name, unsigned idx)
{
	struct ctx ram, dev;
	uint64_t seed = idx * 77 + 5, esr_ram = 0, esr_dev = 0, h_ram, h_dev;
	int f_ram, f_dev, same = 1;

	ncases++;
	for (unsigned i = 0; i < SPAN; i++)
		ram_buf[i] = win_pattern(seed, i);
	w64(TEST_K + TEST_WIN_FILL, seed);
	init_ctx(&ram, (uint64_t)(uintptr_t)ram_buf + BASE_OFF, seed);
	init_ctx(&dev, WIN_K + BASE_OFF, seed);
	load_slot(word);
	f_ram = run_one(&ram, &esr_ram);
	f_dev = run_one(&dev, &esr_dev);

	w64(TEST_K + TEST_WIN_SUM, 0 | (uint64_t)SPAN << 16);
	h_dev = r64(TEST_K + TEST_WIN_SUM);
	h_ram = win_hash(ram_buf, SPAN);

	if (f_ram != f_dev || (f_ram && ESR_DFSC(esr_ram) != ESR_DFSC(esr_dev))) {
		gprintf("isa: '%s' (%x): RAM %s (ESR 0x%lx), MMIO %s (ESR 0x%lx)\n", name, word,
		        f_ram ? "faulted" : "ran", esr_ram, f_dev ? "faulted" : "ran", esr_dev);
		same = 0;
	}
	if (f_ram && f_dev)
		nfault_both++;
	if (ram.x[1] - (uint64_t)(uintptr_t)ram_buf != dev.x[1] - WIN_K) {
		gprintf("isa: '%s': base writeback RAM +0x%lx, MMIO +0x%lx\n", name, ram.x[1] - (uint64_t)(uintptr_t)ram_buf,
		        dev.x[1] - WIN_K);
		same = 0;
	}
	if (qemu_sse_defect(word, &ram, &dev)) {
		nsse++;
		gprintf("isa: '%s': x3 RAM 0x%lx, MMIO 0x%lx: known QEMU 7.2 defect (ISS.SSE = 0, KVM zero-extends)\n",
		        name, ram.x[3], dev.x[3]);
		dev.x[3] = ram.x[3];
	}
	for (unsigned i = 2; i < 16; i++)
		if (ram.x[i] != dev.x[i]) {
			gprintf("isa: '%s': x%u RAM 0x%lx, MMIO 0x%lx\n", name, i, ram.x[i], dev.x[i]);
			same = 0;
		}
	for (unsigned r = 0; r < 8; r++)
		if (get64(ram.v[r]) != get64(dev.v[r]) || get64(ram.v[r] + 8) != get64(dev.v[r] + 8)) {
			gprintf("isa: '%s': q%u RAM 0x%lx:%lx, MMIO 0x%lx:%lx\n", name, r, get64(ram.v[r] + 8),
			        get64(ram.v[r]), get64(dev.v[r] + 8), get64(dev.v[r]));
			same = 0;
		}
	if (h_ram != h_dev) {
		gprintf("isa: '%s': memory differs:", name);
		for (unsigned i = 0; i < SPAN; i += 8) {
			uint64_t d = r64(WIN_K + i), m = get64(ram_buf + i);
			if (d != m)
				gprintf(" [+0x%x RAM %lx MMIO %lx]", i, m, d);
		}
		gprintf("\n");
		same = 0;
	}
	CHECK(same);
	nsame += same;
}

static void differential(void)
{
	const char *name = case_names;
	unsigned n = (unsigned)(case_words_end - case_words);
	uint64_t pfr1 = SYSREG_READ(id_aa64pfr1_el1);

	for (unsigned i = 0; i < n; i++) {
		run_case(case_words[i], name, i);
		while (*name)
			name++;
		name++;
	}
	if ((pfr1 >> 8 & 0xf) >= 1) {
		for (unsigned i = 0; i < (unsigned)(mte_words_end - mte_words); i++)
			run_case(mte_words[i], "stgp", 1000 + i);
	} else {
		gprintf("isa: STGP skipped: the vCPU has no FEAT_MTE (ID_AA64PFR1_EL1.MTE = 0)\n");
	}
	gprintf("isa: %uK granule: %u instructions, RAM and MMIO agree on %u (%u faulted in both; %u ISV=1 "
	        "sign-extending loads zero-extended by the QEMU 7.2 syndrome defect)\n",
	        (unsigned)G_KB, ncases, nsame, nfault_both, nsse);
}

/* ---- faults ---- */
static uint64_t before_count;

static void arm_fault(void)
{
	before_count = last_exc[0].count;
	expect_fault[0] = 1;
}

/* one synchronous exception: EC, DFSC, FAR (if not FnV), ELR */
static void took(const char *what, unsigned ec, unsigned dfsc, uint64_t far, uint64_t pc, int write)
{
	volatile struct exc_record *r = &last_exc[0];
	uint64_t esr = r->esr & 0xffffffffu;

	expect_fault[0] = 0;
	gprintf("isa: %s: ESR 0x%lx FAR 0x%lx ELR 0x%lx\n", what, esr, r->far, r->elr);
	CHECK_EQ(r->count, before_count + 1);
	CHECK_EQ(ESR_EC(esr), ec);
	CHECK_EQ(ESR_DFSC(esr), dfsc);
	if (!(esr & ESR_FNV))
		CHECK_EQ(r->far, far);
	CHECK_EQ(r->elr, pc);
	if (write >= 0 && dfsc != 0x10) /* KVM's injected external abort has no WnR */
		CHECK_EQ(!!(esr & ESR_WNR), write);
}

static void exclusives(void)
{
	uint64_t pc, x = 7, a = TEST_K + TEST_SCRATCH;

	arm_fault();
	__asm__ volatile("adr %0, 1f\n1: ldxr %1, [%2]" : "=&r"(pc), "+r"(x) : "r"(a) : "memory");
	took("LDXR from device registers", 0x25, 0x35, a, pc, 0);
	CHECK_EQ(x, 7);
	arm_fault();
	uint64_t y = 8;
	__asm__ volatile("adr %0, 1f\n1: ldaxp %1, %2, [%3]" : "=&r"(pc), "+r"(x), "+r"(y) : "r"(WIN_K) : "memory");
	took("LDAXP from the test window", 0x25, 0x35, WIN_K, pc, 0);
	CHECK_EQ(x, 7);
	CHECK_EQ(y, 8);
}

static void crossing(void)
{
	volatile uint64_t *ram_last = (volatile uint64_t *)(CROSS_VA + G_SIZE - 8);
	uint64_t x = 5, y = 6, pc, va = CROSS_VA + G_SIZE - 8;

	*ram_last = 0x1111111111111111ull;
	w64(WIN_K, 0x2222222222222222ull);
	arm_fault();
	__asm__ volatile("adr %0, 1f\n1: ldp %1, %2, [%3]" : "=&r"(pc), "+r"(x), "+r"(y) : "r"(va) : "memory");
	expect_fault[0] = 0;
	CHECK_EQ(last_exc[0].count, before_count + 1);
	CHECK_EQ(ESR_DFSC(last_exc[0].esr), 0x10);
	CHECK_EQ(last_exc[0].elr, pc);
	CHECK(last_exc[0].far == va || last_exc[0].far == va + 8);
	CHECK_EQ(x, 5);
	CHECK_EQ(y, 6);
	gprintf("isa: LDP across RAM->MMIO (%uK pages): ESR 0x%lx FAR 0x%lx\n", (unsigned)G_KB,
	        last_exc[0].esr & 0xffffffffu, last_exc[0].far);
	arm_fault();
	__asm__ volatile("adr %0, 1f\n1: stp %1, %2, [%3]"
	                 : "=&r"(pc)
	                 : "r"(0x3333333333333333ull), "r"(0x4444444444444444ull), "r"(va)
	                 : "memory");
	expect_fault[0] = 0;
	CHECK_EQ(last_exc[0].count, before_count + 1);
	CHECK_EQ(ESR_DFSC(last_exc[0].esr), 0x10);
	CHECK_EQ(last_exc[0].elr, pc);
	CHECK(last_exc[0].far == va || last_exc[0].far == va + 8);
	CHECK_EQ(r64(WIN_K), 0x2222222222222222ull); /* the MMIO half: not written */
	gprintf("isa: STP across RAM->MMIO: ESR 0x%lx FAR 0x%lx; MMIO half untouched, RAM half 0x%lx (%s)\n",
	        last_exc[0].esr & 0xffffffffu, last_exc[0].far, *ram_last,
	        *ram_last == 0x3333333333333333ull ? "the CPU wrote it before the abort" : "untouched");
}

/* EL0 code */
USER_FN void u_stp(uint64_t a, uint64_t x, uint64_t y)
{
	__asm__ volatile("stp %1, %2, [%0]\n\tmov x0, #0\n\tsvc #0" : : "r"(a), "r"(x), "r"(y) : "x0", "memory");
}
USER_FN void u_ldp(uint64_t a)
{
	__asm__ volatile("ldp x1, x2, [%0]\n\teor x0, x1, x2\n\tsvc #0" : : "r"(a) : "x0", "x1", "x2", "memory");
}
USER_FN void u_str_post(uint64_t a, uint64_t x)
{
	__asm__ volatile("str %1, [%0], #8\n\tsub x0, %0, #8\n\tsvc #0" : "+r"(a) : "r"(x) : "x0", "memory");
}
USER_FN void u_str(uint64_t a, uint64_t x)
{
	__asm__ volatile("u_str_insn: str %1, [%0]\n\tmov x0, #0\n\tsvc #0" : : "r"(a), "r"(x) : "x0", "memory");
}
extern char u_str_insn[];

static void el0(void)
{
	uint64_t sp = U_STACK + G_SIZE - 64, r, pc, x;
	uint64_t ureg = U_TEST + TEST_SCRATCH + 0x40, kreg = TEST_K + TEST_SCRATCH + 0x40;

	/* EL0 STP/LDP to an EL0 device page: ISV=0 from EL0, nisv uses SP_EL0,
	 * EL0 permissions */
	run_el0((uint64_t)(uintptr_t)u_stp, ureg, 0x0e10e10e10e10e10ull, 0xfee1600dull, sp);
	CHECK_EQ(r64(kreg), 0x0e10e10e10e10e10ull);
	CHECK_EQ(r64(kreg + 8), 0xfee1600dull);
	r = run_el0((uint64_t)(uintptr_t)u_ldp, ureg, 0, 0, sp);
	CHECK_EQ(r, 0x0e10e10e10e10e10ull ^ 0xfee1600dull);
	r = run_el0((uint64_t)(uintptr_t)u_str_post, U_WIN + 0x80, 0x5eed, 0, sp);
	CHECK_EQ(r, U_WIN + 0x80); /* the writeback nisv committed, seen at EL0 */
	CHECK_EQ(r64(WIN_K + 0x80), 0x5eed);

	/* EL0 STR to a kernel-only device page: permission fault (from EL0: EC 0x24) */
	arm_fault();
	run_el0((uint64_t)(uintptr_t)u_str, K_TEST + TEST_SCRATCH, 1, 0, sp);
	took("EL0 STR to a kernel-only device page", 0x24, last_exc[0].esr & 0x3f, K_TEST + TEST_SCRATCH,
	     (uint64_t)(uintptr_t)u_str_insn, 1);
	CHECK((ESR_DFSC(last_exc[0].esr) & 0x3c) == 0x0c); /* permission, any level */
	arm_fault();
	run_el0((uint64_t)(uintptr_t)u_stp, K_TEST + TEST_SCRATCH, 1, 2, sp);
	expect_fault[0] = 0;
	CHECK_EQ(last_exc[0].count, before_count + 1);
	CHECK_EQ(ESR_EC(last_exc[0].esr), 0x24);
	CHECK_EQ(ESR_DFSC(last_exc[0].esr) & 0x3c, 0x0c);
	CHECK_EQ(last_exc[0].far, K_TEST + TEST_SCRATCH);

	/* LDTR/STTR at EL1: checked as EL0 */
	arm_fault();
	x = 9;
	__asm__ volatile("adr %0, 1f\n1: ldtr %1, [%2]" : "=&r"(pc), "+r"(x) : "r"(K_TEST + TEST_SCRATCH) : "memory");
	took("LDTR (EL1) from a kernel-only device page", 0x25, last_exc[0].esr & 0x3f, K_TEST + TEST_SCRATCH, pc, 0);
	CHECK((ESR_DFSC(last_exc[0].esr) & 0x3c) == 0x0c);
	CHECK_EQ(x, 9);
	arm_fault();
	__asm__ volatile("adr %0, 1f\n1: sttr %1, [%2]" : "=&r"(pc) : "r"(x), "r"(K_TEST + TEST_SCRATCH) : "memory");
	took("STTR (EL1) to a kernel-only device page", 0x25, last_exc[0].esr & 0x3f, K_TEST + TEST_SCRATCH, pc, 1);
	/* and to an EL0 page they work */
	__asm__ volatile("sttr %0, [%1]" : : "r"(0xabcdull), "r"(ureg + 16) : "memory");
	CHECK_EQ(r64(kreg + 16), 0xabcd);
	__asm__ volatile("ldtr %0, [%1]" : "=r"(x) : "r"(ureg) : "memory");
	CHECK_EQ(x, 0x0e10e10e10e10e10ull);
}

int vm_main(unsigned cpu, unsigned ncpus)
{
	uint64_t pc;

	(void)ncpus;
	__asm__ volatile("adr %0, ." : "=r"(pc));
	CHECK_EQ(pc >> 48, 0xffff); /* running at the TTBR1 address */
	if (cpu != 0)
		return 0;
	differential();
	exclusives();
	crossing();
	el0();
	return 0;
}
