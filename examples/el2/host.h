/*
 * The host (EL1): a bare-metal kernel that does not know it runs on a
 * hypervisor. It counts checks per CPU, records its own exceptions, and
 * talks to EL2 only through HVC and SMC (PSCI, and the example's two
 * calls).
 */
#ifndef EL2_HOST_H
#define EL2_HOST_H

#include <stdint.h>

#include "el2.h"
#include "rt.h"

static inline unsigned this_cpu(void)
{
	return (unsigned)(SYSREG_READ(mpidr_el1) & 0xff) % NCPUS;
}

/* ---- checks, counted per CPU ---- */
extern volatile uint64_t passes[NCPUS], failures[NCPUS];
void check_failed(const char *file, int line, const char *what, uint64_t got, uint64_t want, int has_values);
#define CHECK(cond)                                                          \
	do {                                                                 \
		if (cond)                                                    \
			passes[this_cpu()]++;                                \
		else                                                         \
			check_failed(__FILE__, __LINE__, #cond, 0, 0, 0);    \
	} while (0)
#define CHECK_EQ(a, b)                                                       \
	do {                                                                 \
		uint64_t a_ = (uint64_t)(a), b_ = (uint64_t)(b);              \
		if (a_ == b_)                                                \
			passes[this_cpu()]++;                                \
		else                                                         \
			check_failed(__FILE__, __LINE__, #a, a_, b_, 1);     \
	} while (0)

/* ---- exceptions (host_entry.S saves this frame) ---- */
struct host_frame {
	uint64_t x[31];
	uint64_t elr, spsr, esr, far;
	uint64_t pad;
};
struct exc_record {
	uint64_t count, vec, esr, far, elr, spsr;
};
/* the last synchronous exception taken on each CPU */
extern volatile struct exc_record last_exc[NCPUS];
/* while set, a synchronous exception is recorded and the instruction
 * skipped; otherwise it is a failure that ends the run */
extern volatile int expect_fault[NCPUS];

#define ESR_EC(e) ((unsigned)((e) >> 26) & 0x3f)
#define ESR_DFSC(e) ((unsigned)(e)&0x3f)
#define ESR_IL (1ull << 25)
#define ESR_WNR (1ull << 6)
#define ESR_FNV (1ull << 10)
#define EC_DABT_CUR 0x25 /* data abort taken without a change of EL */
#define DFSC_EXTERNAL 0x10
#define DFSC_ALIGNMENT 0x21
#define DFSC_EXCL_ATOMIC 0x35

/* ---- hypercalls ---- */
struct hvc_ret {
	uint64_t x0, x1, x2;
};
struct hvc_ret hvc(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3);
/* the faults nisv injected into this CPU so far, and the last one */
struct hyp_fault {
	uint64_t count, esr, far;
};
struct hyp_fault hyp_last_fault(void);
/* every CPU's totals to EL2, which prints the summary and powers off */
void host_finish(unsigned extra_failures) __attribute__((noreturn));

/* What the hand-written instructions need of the assembler (gas and
 * clang's), whatever -march the C is built for: LSE, RCpc with immediate
 * offsets, pointer authentication, SIMD (-mgeneral-regs-only keeps the
 * compiler, not the assembler, off the vector registers). */
#define ASM_ISA ".arch armv8.4-a\n.arch_extension lse\n.arch_extension rcpc\n.arch_extension pauth\n.arch_extension simd\n"

/* ---- the device: exactly the instruction named (ISV=1) ---- */
static inline uint64_t r64(uint64_t a)
{
	uint64_t v;
	__asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(a) : "memory");
	return v;
}
static inline void w64(uint64_t a, uint64_t v)
{
	__asm__ volatile("str %0, [%1]" : : "r"(v), "r"(a) : "memory");
}

/* ---- host_mmu.c: the host's stage 1 (4K granule, 48-bit VAs) ----
 * TTBR0: identity of RAM and the UART (the code runs there).
 * TTBR1: KVA(pa): RAM (EL1), the device and the page after it
 *        (Device-nGnRnE); KNC(pa): RAM (EL0 RW) and the device and the page
 *        after it (Normal non-cacheable, EL0 RW), never executable;
 *        XVA: a RAM page, then the device: accesses that cross from one
 *        into the other. LIT_RAM, LIT_DEV: the literal rows' code page,
 *        and two pages on RAM (ram_page) or the device (Device-nGnRnE). */
#define KVA_OFFSET 0xffff000000000000ul
#define KNC_OFFSET 0xffff800000000000ul
#define KVA(pa) (KVA_OFFSET + (pa))
#define KNC(pa) (KNC_OFFSET + (pa))
#define XVA 0xffffc00000000000ul
#define LIT_RAM 0xffffd00000000000ul
#define LIT_DEV 0xffffd00000100000ul
extern const uint32_t rows_literal[]; /* host_classes.c: a page of its own */
extern uint8_t ram_page[];            /* host_classes.c: the device page's RAM twin */
void host_tables(void); /* CPU 0, once */
void host_mmu_on(void); /* every CPU */

/* ---- host_run.S: one instruction from a table, from and to a ctx ---- */
struct ctx {
	uint64_t x[16]; /* x1-x15; x[0] unused */
	uint8_t q[8][16];
};
void run_row(struct ctx *c, uint64_t thunk);
/* Run it with faults expected: 0 when it ran through, else its ESR with
 * bit 32 set (after the host's handler stepped over it). */
uint64_t run_row_once(struct ctx *c, uint64_t thunk);
struct zctx;
uint64_t run_sve_row_once(struct zctx *c, uint64_t thunk); /* host_sve.c's */

/* ---- the tests ---- */
struct pass {
	const char *name;
	uint64_t dev;   /* the device's base as the host addresses it       */
	uint64_t ram;   /* offset to add to a RAM address (0, or KVA/KNC's) */
	uint64_t code;  /* offset to add to a code address (0 or KVA's)     */
	int normal;     /* the device is Normal memory: unaligned rows too   */
	int mmu;        /* the MMU is on                                    */
};
void classes(const struct pass *p);
void sve(const struct pass *p);
void edges(const struct pass *p);
void smp(void);
void secondary_main(unsigned cpu);

#endif
