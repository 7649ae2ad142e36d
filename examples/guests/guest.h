/*
 * The bare-metal guests' small runtime: device accessors with exactly the
 * instruction named (so a test knows whether it traps with ISV=1 or ISV=0),
 * UART output, checks, and exception capture.
 */
#ifndef GUEST_H
#define GUEST_H

#include <stdint.h>

#include "platform.h"

#define MAX_CPUS 8

/* ---- device access: one instruction each, ISV=1 (KVM_EXIT_MMIO) ---- */
static inline void w8(uint64_t a, uint8_t v) { __asm__ volatile("strb %w0, [%1]" : : "r"(v), "r"(a) : "memory"); }
static inline void w32(uint64_t a, uint32_t v) { __asm__ volatile("str %w0, [%1]" : : "r"(v), "r"(a) : "memory"); }
static inline void w64(uint64_t a, uint64_t v) { __asm__ volatile("str %0, [%1]" : : "r"(v), "r"(a) : "memory"); }
static inline uint64_t r64(uint64_t a)
{
	uint64_t v;
	__asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(a) : "memory");
	return v;
}
static inline uint32_t r32(uint64_t a)
{
	uint32_t v;
	__asm__ volatile("ldr %w0, [%1]" : "=r"(v) : "r"(a) : "memory");
	return v;
}

#define SYSREG_READ(name)                                          \
	({                                                         \
		uint64_t v_;                                       \
		__asm__ volatile("mrs %0, " #name : "=r"(v_));     \
		v_;                                                \
	})

static inline unsigned this_cpu(void) { return (unsigned)(SYSREG_READ(mpidr_el1) & 0xff); }

/* Added to a device's physical address to reach it: 0 with the MMU off or
 * an identity map, the TTBR1 alias offset once a guest moved there. */
extern uint64_t io_offset;
#define IO(pa) ((pa) + io_offset)

/* ---- output (UART DR with STRB: ISV=1) ---- */
void gputc(char c);
void gputs(const char *s);
/* %s %c %d %u %x %lx %lu %ld %p; no widths */
void gprintf(const char *fmt, ...);

/* ---- checks (counted per vCPU; vCPU 0 reports the totals to the VMM) ---- */
extern volatile unsigned failures[MAX_CPUS];
extern volatile unsigned long passes[MAX_CPUS];
#define CHECK(cond)                                                                    \
	do {                                                                           \
		if (!(cond)) {                                                         \
			failures[this_cpu()]++;                                        \
			gprintf("cpu%u: FAILED %s:%d: %s\n", this_cpu(), __FILE__, __LINE__, #cond); \
		} else {                                                               \
			passes[this_cpu()]++;                                          \
		}                                                                      \
	} while (0)
#define CHECK_EQ(a, b)                                                                         \
	do {                                                                                   \
		uint64_t a_ = (uint64_t)(a), b_ = (uint64_t)(b);                                \
		if (a_ != b_) {                                                                \
			failures[this_cpu()]++;                                                \
			gprintf("cpu%u: FAILED %s:%d: %s == 0x%lx, expected 0x%lx\n", this_cpu(), __FILE__, \
			       __LINE__, #a, a_, b_);                                          \
		} else {                                                                       \
			passes[this_cpu()]++;                                                  \
		}                                                                              \
	} while (0)

/* vCPU 0: wait until every vCPU called cpu_finished(), return the total of
 * failures; others: report and return 0 */
unsigned cpu_finished(unsigned cpu, unsigned ncpus);

/* ---- exceptions ---- */
struct frame {
	uint64_t x[31];
	uint64_t elr, spsr, esr, far;
	uint64_t pad;
};

/* The last exception taken on each vCPU. */
struct exc_record {
	uint64_t count, vec, esr, far, elr, spsr;
};
extern volatile struct exc_record last_exc[MAX_CPUS];
/* While set on a vCPU, a synchronous exception is recorded and the
 * faulting instruction skipped; otherwise it is a test failure (the
 * guest reports and ends). */
extern volatile int expect_fault[MAX_CPUS];
/* Optional: called first for every exception; returns 1 when it handled it
 * (it may change the frame: ELR, SPSR, registers). */
extern int (*exception_hook)(struct frame *f, unsigned vec);

int guest_main(unsigned cpu, unsigned ncpus);

#endif
