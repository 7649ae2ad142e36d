/*
 * Remembered walks: the vCPU keeps its last successful stage-1 walk of each
 * kind (fetch, data) with every input it depended on — the VA page, the
 * request, SCTLR_EL1, TCR_EL1, TTBRn_EL1, MAIR_EL1 when it was read, and the
 * address and value of each descriptor it read. A walk is a function of
 * exactly those inputs, so when the registers are unchanged and each
 * descriptor, read again, still holds the same value, the walk's result is
 * the remembered one: the lookup re-reads the descriptors (as the walk
 * would) and skips the rest of the walk. Nothing is trusted that was not
 * read again in this call.
 */
#include "mmu.h"
#include "guest_ram.h"
#include "regs.h"

#define PAGE_MASK (~0xfffull) /* the smallest granule: one leaf covers it */

_Static_assert(sizeof(struct xlat) <= sizeof(((struct walk_memo *)0)->result), "a translation fits the memo");

static uint64_t memo_key(const struct xlat_req *rq)
{
	return (rq->va & PAGE_MASK) | (uint64_t)rq->flags << 1 | 1;
}

/*
 * How many leading descriptors of the data walk m are the fetch walk's, at
 * the same addresses with the same values: when this call has read the
 * fetch walk's descriptors, those need no second read (as a walk cache
 * would serve them). Worked out once per pair of remembered walks.
 */
static unsigned shared_with_fetch(struct vcpu *v, struct walk_memo *m)
{
	const struct walk_memo *f = &v->memo[1];

	if (m->share_gen != f->gen) {
		unsigned k = 0;
		while (k < m->nrec && k < f->nrec && m->addr[k] == f->addr[k] && m->raw[k] == f->raw[k])
			k++;
		m->shared = (uint8_t)k;
		m->share_gen = f->gen;
	}
	return m->shared;
}

/* The lookup's answer once every descriptor from k on is found unchanged. */
static int memo_hit(struct vcpu *v, const struct walk_memo *m, const struct xlat_req *rq, struct xlat *x,
                    nisv_status *st)
{
	__builtin_memcpy(x, m->result, sizeof(*x));
	x->pa |= rq->va & ~PAGE_MASK;
	v->fetch_read |= (uint8_t)((rq->flags & XR_EXEC) != 0);
	*st = NISV_OK;
	return 1;
}

/* The rest of the lookup from descriptor k, when it lies outside the RAM
 * window (kept off the lookup's own loop). */
__attribute__((noinline, cold)) static int memo_check_slow(struct vcpu *v, const struct walk_memo *m, unsigned k,
                                                           const struct xlat_req *rq, struct xlat *x,
                                                           nisv_status *st)
{
	for (uint64_t desc; k < m->nrec; k++) {
		if (ram_read_desc_slow(v, m->addr[k], 0, &desc)) {
			/* the walk, reading the same descriptors up to here, fails
			 * on this read: an external abort on the walk at its level */
			struct xlat r;
			__builtin_memcpy(&r, m->result, sizeof(r));
			*x = (struct xlat){ .fault = NISV_FAULT_WALK_EXTERNAL,
				            .level = (int8_t)(r.level - (int)(m->nrec - 1 - k)) };
			*st = NISV_FAULT;
			return 1;
		}
		if (desc != m->raw[k])
			return 0; /* changed: walk again */
	}
	return memo_hit(v, m, rq, x, st);
}

int memo_lookup(struct vcpu *v, const struct xlat_req *rq, uint64_t tcr, struct xlat *x,
                                   nisv_status *st)
{
	const int fetch = (rq->flags & XR_EXEC) != 0;
	struct walk_memo *m = &v->memo[fetch];
	const unsigned n = m->nrec;
	uint64_t reg, desc;
	unsigned k = 0;

	if (m->key != memo_key(rq) || m->sctlr != rq->sctlr || m->tcr != tcr)
		return 0;
	if (reg_get(v, rq->va >> 55 & 1 ? NISV_TTBR1_EL1 : NISV_TTBR0_EL1, &reg))
		goto callback_error;
	if (reg != m->ttbr)
		return 0;
	if (m->mair_used) {
		if (reg_get(v, NISV_MAIR_EL1, &reg))
			goto callback_error;
		if (reg != m->mair)
			return 0;
	}
	if (!fetch && v->fetch_read)
		k = shared_with_fetch(v, m);
	if (k < n && !ram_window_desc(v, m->addr[k], &desc))
		ram_window(v, m->addr[k]); /* the call's first RAM read: map it here */
	for (; k < n; k++) {
		if (!ram_window_desc(v, m->addr[k], &desc))
			return memo_check_slow(v, m, k, rq, x, st);
		if (desc != m->raw[k])
			return 0; /* changed: walk again */
	}
	return memo_hit(v, m, rq, x, st);
callback_error:
	*st = NISV_CALLBACK_ERROR;
	return 1;
}

void memo_store(struct vcpu *v, const struct xlat_req *rq, uint64_t tcr, const struct xlat *x,
                const struct walk_record *rec)
{
	struct walk_memo *m = &v->memo[(rq->flags & XR_EXEC) != 0];
	struct xlat r = *x;

	m->key = memo_key(rq);
	m->gen = ++v->memo_gen;
	m->share_gen = 0; /* generations start at 1 */
	v->fetch_read |= (uint8_t)((rq->flags & XR_EXEC) != 0); /* the walk just read them */
	m->sctlr = rq->sctlr;
	m->tcr = tcr;
	m->ttbr = rec->ttbr;
	m->mair_used = rec->mair_used;
	m->mair = rec->mair;
	m->nrec = rec->n;
	for (unsigned k = 0; k < rec->n; k++) {
		m->addr[k] = rec->addr[k];
		m->raw[k] = desc_swap(rec->desc[k], x->big_endian_walk);
	}
	r.pa &= PAGE_MASK;
	__builtin_memcpy(m->result, &r, sizeof(r));
}
