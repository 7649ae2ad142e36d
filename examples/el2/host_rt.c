/* The host's runtime: checks, exceptions, hypercalls (see host.h). */
#include "host.h"

volatile uint64_t passes[NCPUS], failures[NCPUS];
volatile struct exc_record last_exc[NCPUS];
volatile int expect_fault[NCPUS];

void check_failed(const char *file, int line, const char *what, uint64_t got, uint64_t want, int has_values)
{
	failures[this_cpu()]++;
	if (has_values)
		rt_printf("host: cpu%u: FAILED %s:%d: %s == 0x%lx, expected 0x%lx\n", this_cpu(), file, line, what, got,
		          want);
	else
		rt_printf("host: cpu%u: FAILED %s:%d: %s\n", this_cpu(), file, line, what);
}

struct hvc_ret hvc(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3)
{
	register uint64_t x0 __asm__("x0") = fn, x1 __asm__("x1") = a1, x2 __asm__("x2") = a2,
	                  x3 __asm__("x3") = a3;

	__asm__ volatile("hvc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : : "memory");
	return (struct hvc_ret){ x0, x1, x2 };
}

struct hyp_fault hyp_last_fault(void)
{
	struct hvc_ret r = hvc(HC_LAST_FAULT, 0, 0, 0);
	return (struct hyp_fault){ r.x0, r.x1, r.x2 };
}

void host_finish(unsigned extra_failures)
{
	uint64_t ok = 0, bad = extra_failures;

	for (unsigned i = 0; i < NCPUS; i++) {
		ok += passes[i];
		bad += failures[i];
	}
	hvc(HC_REPORT, ok, bad, 0);
	for (;;)
		__asm__ volatile("wfi");
}

/* called by host_entry.S with the saved frame and the vector index */
void host_exception(struct host_frame *f, unsigned vec);
void host_exception(struct host_frame *f, unsigned vec)
{
	unsigned cpu = this_cpu();
	volatile struct exc_record *r = &last_exc[cpu];

	r->vec = vec;
	r->esr = f->esr;
	r->far = f->far;
	r->elr = f->elr;
	r->spsr = f->spsr;
	r->count++;
	if ((vec & 3) == 0 && expect_fault[cpu]) {
		f->elr += 4; /* step over the faulting instruction */
		return;
	}
	rt_printf("host: cpu%u: unexpected exception: vector %u ESR 0x%lx FAR 0x%lx ELR 0x%lx\n", cpu, vec, f->esr,
	          f->far, f->elr);
	host_finish(1);
}

/* a fault in the row is recorded and stepped over (to the thunk's RET) */
static uint64_t faulted_since(uint64_t before)
{
	unsigned cpu = this_cpu();

	expect_fault[cpu] = 0;
	return last_exc[cpu].count == before ? 0 : last_exc[cpu].esr | 1ull << 32;
}

uint64_t run_row_once(struct ctx *c, uint64_t thunk)
{
	uint64_t before = last_exc[this_cpu()].count;

	expect_fault[this_cpu()] = 1;
	run_row(c, thunk);
	return faulted_since(before);
}

void run_sve_row(struct zctx *c, uint64_t thunk);
uint64_t run_sve_row_once(struct zctx *c, uint64_t thunk)
{
	uint64_t before = last_exc[this_cpu()].count;

	expect_fault[this_cpu()] = 1;
	run_sve_row(c, thunk);
	return faulted_since(before);
}
