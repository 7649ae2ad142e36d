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
#include "internal.h"
#include "guest_ram.h"

#define PAGE_MASK (~0xfffull) /* the smallest granule: one leaf covers it */

int memo_lookup(nisv_vcpu *v, const struct xlat_req *rq, uint64_t sctlr, uint64_t tcr, struct xlat *x,
                nisv_status *st)
{
	const nisv_walk_memo *m = &v->memo[(rq->flags & XR_EXEC) != 0];
	uint64_t reg, desc;

	*st = NISV_CALLBACK_ERROR;
	if (!m->valid || m->va_page != (rq->va & PAGE_MASK) || m->req != rq->flags || m->sctlr != sctlr ||
	    m->tcr != tcr)
		return 0;
	if (rc_get(v, rq->va >> 55 & 1 ? NISV_TTBR1_EL1 : NISV_TTBR0_EL1, &reg))
		return 1;
	if (reg != m->ttbr)
		return 0;
	if (m->mair_used) {
		if (rc_get(v, NISV_MAIR_EL1, &reg))
			return 1;
		if (reg != m->mair)
			return 0;
	}
	for (unsigned k = 0; k < m->nrec; k++) {
		if (ram_read_desc(v, m->addr[k], m->big_endian_walk, &desc)) {
			/* the walk, reading the same descriptors up to here, fails
			 * on this read: an external abort on the walk at its level */
			x->fault = NISV_FAULT_WALK_EXTERNAL;
			x->level = (int8_t)(m->level - (int)(m->nrec - 1 - k));
			*st = NISV_FAULT;
			return 1;
		}
		if (desc != m->seen[k])
			return 0; /* changed: walk again */
	}
	x->pa = m->pa_page | (rq->va & ~PAGE_MASK);
	x->page_bytes = m->page_bytes;
	x->desc_addr = m->addr[m->nrec - 1];
	x->desc = m->seen[m->nrec - 1];
	x->new_desc = m->new_desc;
	x->level = m->level;
	x->device = m->device;
	x->big_endian_walk = m->big_endian_walk;
	*st = NISV_OK;
	return 1;
}

void memo_store(nisv_vcpu *v, const struct xlat_req *rq, uint64_t sctlr, uint64_t tcr, const struct xlat *x,
                const struct walk_record *rec)
{
	nisv_walk_memo *m = &v->memo[(rq->flags & XR_EXEC) != 0];

	m->valid = 1;
	m->va_page = rq->va & PAGE_MASK;
	m->req = rq->flags;
	m->sctlr = sctlr;
	m->tcr = tcr;
	m->ttbr = rec->ttbr;
	m->mair_used = rec->mair_used;
	m->mair = rec->mair;
	m->nrec = rec->n;
	for (unsigned k = 0; k < rec->n; k++) {
		m->addr[k] = rec->addr[k];
		m->seen[k] = rec->desc[k];
	}
	m->pa_page = x->pa & PAGE_MASK;
	m->page_bytes = x->page_bytes;
	m->new_desc = x->new_desc;
	m->level = x->level;
	m->device = x->device;
	m->big_endian_walk = x->big_endian_walk;
}
