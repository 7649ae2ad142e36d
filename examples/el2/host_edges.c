/*
 * The review's points, on the device as each pass maps it:
 *   - the registers behave (a read-only ID, a read side effect once per
 *     access, ISV=1 and ISV=0);
 *   - XZR: a write of XZR writes zeros, a read into XZR is performed and
 *     writes no register (nisv's register 31 is SP_EL0: it must stay);
 *   - the last bytes of the region are the device's, at every size;
 *   - faults (table below): an access straddling the region's end or one
 *     byte past it, alignment on Device memory, exclusives the device's
 *     policy refuses, the hypervisor's own memory, a RAM-to-device
 *     crossing. Each must arrive at the host's EL1 vector exactly as nisv
 *     computed it (ESR_EL1, FAR_EL1 equal to what EL2 recorded), at the
 *     faulting instruction, with no register and no device byte changed.
 */
#include "host.h"

static int same_words(const uint64_t *a, const uint64_t *b, unsigned n)
{
	while (n--)
		if (a[n] != b[n])
			return 0;
	return 1;
}

/* ---- the device registers ---- */
static void registers(const struct pass *p)
{
	uint64_t d = p->dev, t = d + PDEV_TICKET, x, y, n;

	CHECK_EQ(r64(d + PDEV_ID), PDEV_ID_VALUE);
	w64(d + PDEV_ID, 0); /* read-only: ignored */
	CHECK_EQ(r64(d + PDEV_ID), PDEV_ID_VALUE);
	__asm__ volatile("ldrh %w0, [%1]" : "=r"(x) : "r"(d + PDEV_ID + 2) : "memory");
	CHECK_EQ(x, PDEV_ID_VALUE >> 16 & 0xffff);
	n = r64(t);
	CHECK_EQ(r64(t), n + 1); /* ISV=1: one access, one tick */
	__asm__ volatile("ldp %0, %1, [%2]" : "=&r"(x), "=&r"(y) : "r"(t) : "memory"); /* ISV=0 */
	CHECK_EQ(x, n + 2);
	y = t;
	__asm__ volatile("ldr %0, [%1], #0" : "=&r"(x), "+r"(y) : : "memory"); /* ISV=0, writeback 0 */
	CHECK_EQ(x, n + 3);
	CHECK_EQ(y, t);
	CHECK_EQ(r64(t), n + 4);
}

/* ---- XZR ---- */
static void xzr(const struct pass *p)
{
	const uint64_t canary = 0x5350454c30303030ull; /* SP_EL0 must keep it */
	uint64_t s = p->dev + PDEV_SCRATCH + 0x40, t = p->dev + PDEV_TICKET, a, n, sp0, sp1, x;

	SYSREG_WRITE(sp_el0, canary);
	/* writes of XZR (WZR): zeros */
	w64(s, ~0ull);
	__asm__ volatile("str xzr, [%0]" : : "r"(s) : "memory"); /* ISV=1, SRT 31 */
	CHECK_EQ(r64(s), 0);
	w64(s, ~0ull);
	__asm__ volatile("str wzr, [%0]" : : "r"(s) : "memory");
	CHECK_EQ(r64(s), 0xffffffff00000000ull);
	w64(s, ~0ull);
	w64(s + 8, ~0ull);
	__asm__ volatile("stp xzr, xzr, [%0]" : : "r"(s) : "memory"); /* ISV=0 */
	CHECK_EQ(r64(s), 0);
	CHECK_EQ(r64(s + 8), 0);
	w64(s, ~0ull);
	a = s;
	__asm__ volatile("str xzr, [%0], #8" : "+r"(a) : : "memory");
	CHECK_EQ(r64(s), 0);
	CHECK_EQ(a, s + 8);
	/* reads into XZR: the access happens (the ticket moves), no register
	 * is written: not SP_EL0, not SP */
	n = r64(t);
	__asm__ volatile("mov %0, sp\n\tldr xzr, [%2]\n\tmov %1, sp" : "=&r"(sp0), "=&r"(sp1) : "r"(t) : "memory");
	CHECK_EQ(sp1, sp0);
	CHECK_EQ(r64(t), n + 2);
	a = t;
	__asm__ volatile("mov %0, sp\n\tldr xzr, [%2, #0]!\n\tmov %1, sp" : "=&r"(sp0), "=&r"(sp1), "+r"(a) : : "memory");
	CHECK_EQ(sp1, sp0);
	CHECK_EQ(a, t);
	CHECK_EQ(r64(t), n + 4);
	__asm__ volatile("ldp xzr, %0, [%1]" : "=&r"(x) : "r"(t) : "memory");
	CHECK_EQ(r64(t), n + 6);
	CHECK_EQ(SYSREG_READ(sp_el0), canary);
}

/* ---- the last bytes of the region ---- */
static uint8_t src[64] __attribute__((aligned(16))), dst[64] __attribute__((aligned(16)));

static void last_bytes(const struct pass *p)
{
	uint64_t end = p->dev + PDEV_SIZE, x, y;

	__asm__ volatile("strb %w0, [%1]" : : "r"(0xa5), "r"(end - 1) : "memory");
	__asm__ volatile("ldrb %w0, [%1]" : "=r"(x) : "r"(end - 1) : "memory");
	CHECK_EQ(x, 0xa5);
	__asm__ volatile("strh %w0, [%1]" : : "r"(0xbeef), "r"(end - 2) : "memory");
	__asm__ volatile("ldrh %w0, [%1]" : "=r"(x) : "r"(end - 2) : "memory");
	CHECK_EQ(x, 0xbeef);
	__asm__ volatile("str %w0, [%1]" : : "r"(0xfeedf00du), "r"(end - 4) : "memory");
	CHECK_EQ(r64(end - 8) >> 32, 0xfeedf00du);
	w64(end - 8, 0x0706050403020100ull);
	CHECK_EQ(r64(end - 8), 0x0706050403020100ull);
	__asm__ volatile("stp %0, %1, [%2]" : : "r"(0x1111ull), "r"(0x2222ull), "r"(end - 16) : "memory");
	__asm__ volatile("ldp %0, %1, [%2]" : "=&r"(x), "=&r"(y) : "r"(end - 16) : "memory");
	CHECK_EQ(x, 0x1111);
	CHECK_EQ(y, 0x2222);
	__asm__ volatile(ASM_ISA "ldadd %1, %0, [%2]" : "=&r"(x) : "r"(5ull), "r"(end - 8) : "memory");
	CHECK_EQ(x, 0x2222);
	CHECK_EQ(r64(end - 8), 0x2227);
	/* Q and four-register structures ending at the last byte */
	for (unsigned i = 0; i < 64; i++) {
		src[i] = (uint8_t)(0x40 + 3 * i);
		dst[i] = 0;
	}
	__asm__ volatile(ASM_ISA "ldr q0, [%0]\n\tstr q0, [%1]\n\tldr q1, [%1]\n\tstr q1, [%2]"
	                 : : "r"(src), "r"(end - 16), "r"(dst) : "memory");
	CHECK(same_words((const uint64_t *)dst, (const uint64_t *)src, 2));
	__asm__ volatile(ASM_ISA "ld1 {v0.16b-v3.16b}, [%0]\n\tst1 {v0.16b-v3.16b}, [%1]\n\t"
	                 "ld1 {v4.16b-v7.16b}, [%1]\n\tst1 {v4.16b-v7.16b}, [%2]"
	                 : : "r"(src), "r"(end - 64), "r"(dst) : "memory");
	CHECK(same_words((const uint64_t *)dst, (const uint64_t *)src, 8));
	CHECK_EQ(r64(end - 8), ((const uint64_t *)src)[7]); /* and read back with ISV=1 */
}

/* ---- faults ---- */
struct frow {
	uint64_t off;  /* from the row's base                          */
	uint16_t len;  /* bytes the instruction accesses               */
	uint8_t dfsc;  /* the fault nisv must take into the host       */
	uint8_t write;
	uint8_t when;  /* W_* */
	uint8_t base;  /* B_* */
	uint8_t pad_[2];
};
enum { W_ALL, W_DEVICE, W_NORMAL, W_MMU_DEVICE }; /* which passes */
enum { B_DEV, B_HYP, B_XVA };                     /* the row's base address */

__asm__(ASM_ISA
        ".equ W_ALL, 0\n.equ W_DEVICE, 1\n.equ W_NORMAL, 2\n.equ W_MMU_DEVICE, 3\n"
        ".equ B_DEV, 0\n.equ B_HYP, 1\n.equ B_XVA, 2\n"
        ".equ EXT, 0x10\n.equ ALIGN, 0x21\n.equ EXCL, 0x35\n"
        ".macro F base, off, len, dfsc, write, when, insn:vararg\n"
        "	.pushsection .text.frows, \"ax\"\n"
        "	\\insn\n"
        "	ret\n"
        "	.popsection\n"
        "	.pushsection .rodata.fmeta, \"a\"\n"
        "	.quad \\off\n"
        "	.short \\len\n"
        "	.byte \\dfsc, \\write, \\when, \\base, 0, 0\n"
        "	.popsection\n"
        "	.pushsection .rodata.fnames, \"a\"\n"
        "	.asciz \"\\insn\"\n"
        "	.popsection\n"
        ".endm\n"
        ".pushsection .text.frows, \"ax\"\n.balign 8\nfrows:\n.popsection\n"
        ".pushsection .rodata.fmeta, \"a\"\n.balign 8\nfmeta:\n.popsection\n"
        ".pushsection .rodata.fnames, \"a\"\nfnames:\n.popsection\n"
        /* straddling the region's end: refused whole, nothing performed */
        "F B_DEV, 0xff8, 16, EXT, 1, W_ALL, stp x3, x4, [x1]\n"
        "F B_DEV, 0xff8, 16, EXT, 0, W_ALL, ldp x3, x4, [x1]\n"
        "F B_DEV, 0xff8, 16, EXT, 1, W_ALL, stp x3, x4, [x1], #16\n"
        "F B_DEV, 0xff0, 32, EXT, 1, W_ALL, st1 {v0.16b, v1.16b}, [x1]\n"
        "F B_DEV, 0xfe0, 64, EXT, 0, W_ALL, ld1 {v0.2d, v1.2d, v2.2d, v3.2d}, [x1]\n"
        "F B_DEV, 0xffc, 8, EXT, 0, W_NORMAL, ldr x3, [x1]\n"
        "F B_DEV, 0xffe, 4, EXT, 1, W_NORMAL, str w3, [x1]\n"
        "F B_DEV, 0xff8, 16, EXT, 1, W_NORMAL, str q0, [x1]\n"
        /* one byte past it */
        "F B_DEV, 0x1000, 1, EXT, 0, W_ALL, ldrb w3, [x1]\n"
        "F B_DEV, 0x1000, 8, EXT, 1, W_ALL, str x3, [x1]\n"
        "F B_DEV, 0x1000, 16, EXT, 0, W_ALL, ldp x3, x4, [x1]\n"
        "F B_DEV, 0x1000, 4, EXT, 1, W_ALL, str w3, [x1], #4\n"
        /* alignment on Device memory */
        "F B_DEV, 0x104, 16, ALIGN, 0, W_DEVICE, ldp x3, x4, [x1]\n"
        "F B_DEV, 0x108, 16, ALIGN, 1, W_DEVICE, str q0, [x1]\n"
        "F B_DEV, 0x102, 4, ALIGN, 0, W_DEVICE, ldr w3, [x1], #4\n"
        "F B_DEV, 0x140, 64, ALIGN, 1, W_DEVICE, dc zva, x1\n"
        /* exclusives: the device's policy refuses them */
        "F B_DEV, 0x100, 8, EXCL, 0, W_ALL, ldxr x3, [x1]\n"
        "F B_DEV, 0x120, 4, EXCL, 0, W_ALL, ldaxr w3, [x1]\n"
        "F B_DEV, 0x110, 16, EXCL, 0, W_ALL, ldaxp x3, x4, [x1]\n"
        /* the hypervisor's memory: not the host's */
        "F B_HYP, 0x0, 8, EXT, 0, W_ALL, ldr x3, [x1]\n"
        "F B_HYP, 0x10, 16, EXT, 1, W_ALL, stp x3, x4, [x1]\n"
        /* from a RAM page into the device's page: refused whole */
        "F B_XVA, 0xff8, 16, EXT, 0, W_MMU_DEVICE, ldp x3, x4, [x1]\n"
        "F B_XVA, 0xff0, 32, EXT, 1, W_MMU_DEVICE, stp q0, q1, [x1]\n"
        ".pushsection .rodata.fmeta, \"a\"\nfmeta_end:\n.popsection\n"
        ".purgem F\n");

extern const uint32_t frows[];
extern const struct frow fmeta[], fmeta_end[];
extern const char fnames[];

/* device words a fault must leave alone: COUNTER, where the rows point */
static const struct {
	uint16_t off, len;
} watched[] = { { PDEV_COUNTER, 8 }, { PDEV_SCRATCH, 0x80 }, { PDEV_SIZE - 0x80, 0x80 } };
#define NWATCH (1 + 0x80 / 8 + 0x80 / 8)

static void snapshot(uint64_t dev, uint64_t *out)
{
	for (unsigned i = 0, n = 0; i < sizeof(watched) / sizeof(watched[0]); i++)
		for (unsigned o = 0; o < watched[i].len; o += 8)
			out[n++] = r64(dev + watched[i].off + o);
}

static int same_ctx(const struct ctx *a, const struct ctx *b)
{
	return same_words(a->x + 1, b->x + 1, 15) &&
	       same_words((const uint64_t *)a->q, (const uint64_t *)b->q, sizeof(a->q) / 8);
}

static int row_runs(const struct pass *p, unsigned when)
{
	switch (when) {
	case W_DEVICE:
		return !p->normal;
	case W_NORMAL:
		return p->normal;
	case W_MMU_DEVICE:
		return p->mmu && !p->normal;
	default:
		return 1;
	}
}

static void fault_row(const struct pass *p, const struct frow *r, uint64_t thunk, const char *name)
{
	unsigned cpu = this_cpu();
	uint64_t base = r->base == B_DEV ? p->dev : r->base == B_HYP ? p->ram + HYP_BASE : XVA;
	uint64_t va = base + r->off, pc = thunk + p->code, before[NWATCH], after[NWATCH], esr;
	struct ctx c0, c;
	struct hyp_fault h0 = hyp_last_fault(), h;
	volatile struct exc_record *e = &last_exc[cpu];
	uint64_t n0 = e->count;

	for (unsigned i = 1; i < 16; i++)
		c0.x[i] = 0x0f0f0f0f0f0f0f0full * i;
	c0.x[1] = va;
	for (unsigned q = 0; q < 8; q++)
		for (unsigned b = 0; b < 16; b++)
			c0.q[q][b] = (uint8_t)(0xc0 + q * 16 + b);
	c = c0;
	snapshot(p->dev, before);
	esr = run_row_once(&c, pc);
	h = hyp_last_fault();
	snapshot(p->dev, after);

	if (e->esr & ESR_FNV)
		rt_printf("host: %s: %-34s ESR 0x%lx (FnV: no FAR)\n", p->name, name, e->esr);
	else
		rt_printf("host: %s: %-34s ESR 0x%lx FAR 0x%lx\n", p->name, name, e->esr, e->far);
	CHECK(esr != 0);
	CHECK_EQ(e->count, n0 + 1);
	CHECK_EQ(h.count, h0.count + 1);   /* nisv took it, not the CPU */
	CHECK_EQ(e->esr, h.esr);           /* ... exactly as nisv computed it */
	CHECK_EQ(e->vec, 4);               /* current EL with SP_ELx, synchronous */
	CHECK_EQ(e->elr, pc);
	CHECK_EQ(e->spsr & 0x3cf, 0x3c5);  /* from EL1h, DAIF masked */
	CHECK_EQ(ESR_EC(e->esr), EC_DABT_CUR);
	CHECK(e->esr & ESR_IL);
	CHECK_EQ(ESR_DFSC(e->esr), r->dfsc);
	CHECK_EQ(!!(e->esr & ESR_WNR), r->write);
	if (!(e->esr & ESR_FNV)) { /* FAR_EL1 is valid: nisv's, inside the access */
		CHECK_EQ(e->far, h.far);
		CHECK(e->far - va < r->len);
	}
	CHECK(same_ctx(&c, &c0));          /* no register written, no writeback */
	CHECK(same_words(after, before, NWATCH)); /* nothing performed */
}

static void faults(const struct pass *p)
{
	const char *name = fnames;

	for (const struct frow *r = fmeta; r < fmeta_end; r++) {
		if (row_runs(p, r->when))
			fault_row(p, r, (uint64_t)&frows[2 * (r - fmeta)], name);
		while (*name++)
			;
	}
}

/* STXR with no monitor armed fails in the CPU: no trap, nothing stored
 * (the CPU checks its local monitor before the address; an emulated LDXR
 * could never arm it, which is why the device refuses exclusives). */
static void stxr_unarmed(const struct pass *p)
{
	uint64_t s = p->dev + PDEV_SCRATCH + 0x20, status, n = last_exc[this_cpu()].count;
	struct hyp_fault h = hyp_last_fault();

	w64(s, 0x600d);
	__asm__ volatile("stxr %w0, %1, [%2]" : "=&r"(status) : "r"(0xbadull), "r"(s) : "memory");
	CHECK_EQ(status, 1);
	CHECK_EQ(r64(s), 0x600d);
	CHECK_EQ(last_exc[this_cpu()].count, n);
	CHECK_EQ(hyp_last_fault().count, h.count);
}

void edges(const struct pass *p)
{
	uint64_t before = passes[this_cpu()], failed = failures[this_cpu()];

	registers(p);
	xzr(p);
	last_bytes(p);
	faults(p);
	stxr_unarmed(p);
	rt_printf("host: edges and faults, %s: %lu checks, %lu failed\n", p->name,
	          passes[this_cpu()] - before + failures[this_cpu()] - failed, failures[this_cpu()] - failed);
}
