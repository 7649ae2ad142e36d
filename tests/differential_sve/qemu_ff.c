/*
 * Known qemu 7.2 bugs of contiguous LDFF1* and LDNF1* (qemu_ff.h).
 *
 * qemu_sim() follows what sve_ldnfff1_r() (target/arm/sve_helper.c, with
 * sve_cont_ldst_elements() and sve_cont_ldst_pages()) does in qemu-user on
 * this buffer, noting where it departs from the architecture:
 *
 *  - bug 2: the predicate word for the first active element is read from
 *    byte (first_bit >> 3) of the predicate instead of the aligned 64-bit
 *    word, so until the next multiple of 64 bits element bit b is tested
 *    at b + (first_bit & 56) (past the vector length: zero, then the next
 *    P register); any first active element at predicate bit 8 or beyond
 *    (element 0 inactive for .d, ...) may be dropped or an inactive one
 *    loaded;
 *  - bug 3: LDNF1 whose first active element straddles into an invalid
 *    page loads it with the faulting slow path: SIGSEGV at the page;
 *  - bug 4: an access across a page whose first active element lies
 *    wholly past the split leaves reg_off_last[0] before reg_off_first[0];
 *    the do-while loop still loads that element (as bug 2 reads it) and
 *    the fault recorded for "the first active element on the second page"
 *    clears FFR from that same element.
 *
 * It is a model of the observed behaviour (checked against qemu 7.2.22),
 * used only to tell a known bug from an unknown one.
 */
#include "qemu_ff.h"

#include <signal.h>
#include <string.h>

const char *qemu_ff_bug_name(unsigned b)
{
	static const char *const names[QB_COUNT] = {
		"none",
		"bug 2: the first active element's predicate word read unaligned: the wrong elements loaded",
		"bug 3: LDNF1's first active element straddles into the unmapped page: SIGSEGV",
		"bug 4: the first active element past a page split: loaded, but its FFR bits cleared",
	};

	return b < QB_COUNT ? names[b] : "?";
}

struct qsim {
	int sig;            /* SIGSEGV, or 0: completed                    */
	uint64_t addr;      /* ... at this address (untagged)              */
	uint8_t zt[256], ffr[32];
	unsigned fired;     /* 1 << QB_*: the buggy paths taken            */
};

static int on_guard(uint64_t a, uint64_t guard_lo)
{
	return a >= guard_lo && a < guard_lo + PAGE;
}

/* record_fault(): FFR cleared from predicate bit i */
static void record_fault(const struct scase *c, struct qsim *q, unsigned i)
{
	for (; i < c->vl; i++)
		q->ffr[i / 8] &= (uint8_t) ~(1u << (i % 8));
}

static int load_elem(const struct scase *c, const struct ff_ctx *x, struct qsim *q, unsigned e, uint64_t guard_lo)
{
	uint64_t lo = c->ea + ((uint64_t)e << c->msz);

	if (on_guard(lo, guard_lo) || on_guard(lo + (1u << c->msz) - 1, guard_lo)) {
		q->sig = SIGSEGV;
		q->addr = on_guard(lo, guard_lo) ? lo : guard_lo;
		return -1;
	}
	for (unsigned b = 0; b < (1u << c->esz); b++)
		q->zt[(e << c->esz) + b] = (uint8_t)(x->mem[e] >> (8 * b));
	return 0;
}

static void qemu_sim(const struct scase *c, const struct ff_ctx *x, uint64_t guard_lo, struct qsim *q)
{
	const unsigned esz = c->esz, esize = 1u << esz, msize = 1u << c->msz;
	const int ff_first = c->ff == FF_FIRST;
	uint8_t img[72];
	int r0, rlast, reg_last0 = -1, reg_split = -1, mem_split = -1, reg_first1 = -1, reg_off, e;
	int64_t page_split = -1, mem_first0;
	unsigned last = x->first, pl = c->vl / 8;

	memset(q, 0, sizeof *q);
	memcpy(q->ffr, c->st.ffr, pl);
	if (x->first == x->ne) /* no active element: Zt zero */
		return;
	for (e = (int)x->first; e < (int)x->ne; e++)
		if (x->active[e])
			last = (unsigned)e;
	r0 = (int)(x->first << esz);
	rlast = (int)(last << esz);
	mem_first0 = (int64_t)x->first * msize;

	/* sve_cont_ldst_elements() */
	{
		int64_t ps = PAGE - (int64_t)(c->ea % PAGE), mem_last = (int64_t)last * msize;

		if (mem_last + msize <= ps) {
			reg_last0 = rlast;
		} else {
			int elt = (int)(ps / msize), rs = elt << esz, ms = elt * (int)msize;

			page_split = ps;
			if (elt != 0)
				reg_last0 = rs - (int)esize;
			if (ps % msize && x->active[elt]) {
				reg_split = rs;
				mem_split = ms;
			}
			if (!(ps % msize && x->active[elt] && rs == rlast)) {
				if (ps % msize) {
					rs += (int)esize;
					ms += (int)msize;
				}
				for (e = rs >> esz; e < (int)x->ne && !x->active[e]; e++)
					;
				reg_first1 = e << esz;
			}
		}
	}

	/* sve_cont_ldst_pages(): page[0] at the first active element */
	if (on_guard(c->ea + (uint64_t)mem_first0, guard_lo)) {
		if (ff_first) {
			q->sig = SIGSEGV;
			q->addr = c->ea + (uint64_t)mem_first0;
			return;
		}
		record_fault(c, q, (unsigned)r0); /* "Fault on first element" */
		return;
	}
	/* page[1] at the split element's second page, when there is one:
	 * faulting for LDFF1 whose first active element is the split one;
	 * for LDNF1 whose split element is a later one, an invalid page
	 * makes sve_cont_ldst_pages() report no work, taken for a fault on
	 * the first element (permitted: LDNF1 may suppress every element) */
	if (page_split >= 0 && mem_split >= 0 && on_guard(c->ea + (uint64_t)page_split, guard_lo)) {
		if (ff_first && mem_first0 == mem_split) {
			q->sig = SIGSEGV;
			q->addr = c->ea + (uint64_t)page_split;
			return;
		}
		if (!ff_first && mem_first0 < mem_split) {
			record_fault(c, q, (unsigned)r0);
			return;
		}
	}

	/* sve_ldnfff1_r(): Zt zero, then the first active element if it is
	 * split (the slow path), then the loop over the first page */
	if ((int64_t)mem_first0 == mem_split) {
		if (!ff_first && on_guard(c->ea + (uint64_t)page_split, guard_lo))
			q->fired |= 1u << QB_NF_SPLIT;
		if (load_elem(c, x, q, x->first, guard_lo))
			return;
		goto second_page;
	}
	memcpy(img, c->st.p[c->pg], pl);
	memset(img + pl, 0, 32 - pl);
	memcpy(img + 32, c->st.p[c->pg + 1], pl);
	memset(img + 32 + pl, 0, sizeof img - 32 - pl);
	if (r0 > reg_last0)
		q->fired |= 1u << QB_PAST_SPLIT;
	reg_off = r0;
	do {
		unsigned base = (unsigned)reg_off >> 3; /* bytes: the bug (bug 2) */

		do {
			unsigned b = base * 8 + ((unsigned)reg_off & 63);
			int act = (img[b / 8] >> (b % 8)) & 1;

			if (act != x->active[reg_off >> esz] && reg_off < (int)c->vl)
				q->fired |= 1u << QB_WIDE_ELEM0;
			if (act && load_elem(c, x, q, (unsigned)reg_off >> esz, guard_lo))
				return;
			reg_off += (int)esize;
		} while (reg_off <= reg_last0 && (reg_off & 63));
	} while (reg_off <= reg_last0);
	if (reg_split >= 0) {
		record_fault(c, q, (unsigned)reg_split);
		return;
	}
second_page:
	if (reg_first1 >= 0)
		record_fault(c, q, (unsigned)reg_first1);
}

unsigned qemu_ff_bug(const struct scase *c, const struct ff_ctx *x, uint64_t guard_lo, const struct native_out *o,
                     const struct sve_regs *cpu)
{
	static const unsigned order[] = {QB_NF_SPLIT, QB_PAST_SPLIT, QB_WIDE_ELEM0};
	static struct qsim q;

	if (o->died || c->shape == SK_GATHER) /* the model is of the contiguous helper */
		return QB_NONE;
	qemu_sim(c, x, guard_lo, &q);
	if (o->sig) {
		if (o->sig != q.sig || (o->addr & 0x00ffffffffffffffull) != q.addr)
			return QB_NONE;
	} else if (q.sig || !cpu || memcmp(q.zt, cpu->z[c->zt], c->vl) || memcmp(q.ffr, cpu->ffr, c->vl / 8)) {
		return QB_NONE;
	}
	for (unsigned i = 0; i < sizeof order / sizeof order[0]; i++)
		if (q.fired & (1u << order[i]))
			return order[i];
	return QB_NONE;
}
