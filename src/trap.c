/*
 * The trap path: a data abort as the hypervisor reported it -> the syndrome
 * path (ISV=1), cache maintenance (CM=1), or fetch + decode + emulate (ISV=0).
 * ESR_EL2 ISS layout: Arm ARM D19.2.46 "ESR_EL2", ISS encoding for an
 * exception from a Data Abort.
 */
#include "internal.h"
#include "emulate.h"
#include "bits.h"
#include "guest_ram.h"

int stale_covered(const struct stale_check *s, const struct plan *p)
{
	int hit = 0;

	for (unsigned i = 0; i < p->nseg; i++)
		hit |= s->ipa >= p->seg[i].pa && s->ipa - p->seg[i].pa < p->seg[i].len;
	if (hit && s->far_valid) {
		/* compare VA bits [55:0]: FAR's top byte may hold a tag */
		uint64_t off = (s->far - p->va) & 0x00ffffffffffffffull;
		hit = off < (p->len ? p->len : 1);
	}
	return hit;
}

/*
 * Step over the trapped instruction. AArch32: by ESR.IL (T32 16-bit is 2;
 * KVM's ISS-only form has no IL and means 4), and advance the Thumb IT
 * block (Arm ARM "AArch32.ITAdvance"; CPSR IT[7:2] in bits [15:10], IT[1:0]
 * in [26:25]).
 */
static nisv_status advance_pc(nisv_vcpu *v, const nisv_abort *t, uint64_t pstate)
{
	uint64_t pc;

	if (rc_get(v, NISV_PC, &pc)) /* cached already when an access was made */
		return NISV_CALLBACK_ERROR;
	if (!(pstate & PSTATE_NRW)) {
		rc_set(v, NISV_PC, pc + 4);
	} else {
		unsigned il32 = (t->flags & NISV_ABORT_ISS_ONLY) || (t->esr >> 25 & 1);
		unsigned it = (unsigned)((pstate >> 8 & 0xfc) | (pstate >> 25 & 3));
		rc_set(v, NISV_PC, (uint32_t)(pc + (il32 ? 4 : 2)));
		if (it) {
			it = (it & 7) ? (it & 0xe0) | ((it << 1) & 0x1f) : 0;
			rc_set(v, NISV_PSTATE, (pstate & ~(0xfcull << 8 | 3ull << 25)) |
			                           (uint64_t)(it & 0xfc) << 8 | (uint64_t)(it & 3) << 25);
		}
	}
	return rc_commit(v) ? NISV_CALLBACK_ERROR : NISV_OK;
}

/* ISV == 1: a single-register access, fully described; no fetch, no walk. */
static nisv_status syndrome_access(nisv_vcpu *v, uint64_t esr, const nisv_abort *t, const struct access_ctx *a,
                                   nisv_insn *d, struct guest_fault *f)
{
	struct plan p = { 0 };
	int fault;

	*d = (nisv_insn){
		.op = esr & ISS_WNR ? NISV_OP_STORE : NISV_OP_LOAD,
		.rclass = esr & ISS_SF ? NISV_RC_X : NISV_RC_W,
		.esize_log2 = (uint8_t)ISS_SAS(esr),
		.nregs = 1,
		.selem = 1,
		.rt = ISS_SRT(esr),
		.flags = (uint16_t)((esr & ISS_SSE ? NISV_F_SIGNED : 0) |
		                    (esr & ISS_AR ? (esr & ISS_WNR ? NISV_F_RELEASE : NISV_F_ACQUIRE) : 0)),
	};
	p.kind = d->op == NISV_OP_STORE ? PLAN_WRITE : PLAN_READ;
	p.len = p.esize = (uint8_t)(1u << d->esize_log2);
	p.big_endian = (a->sctlr >> (PSTATE_EL(a->pstate) ? 25 : 24)) & 1; /* EE / E0E */
	p.nseg = 1;
	p.seg[0] = (struct segment){ .pa = t->ipa, .len = p.len };
	p.va = t->far;
	fault = perform_check(v, d, &p);
	if (fault) {
		*f = (struct guest_fault){ .kind = (uint8_t)fault, .write = p.kind == PLAN_WRITE, .far = t->far };
		return NISV_FAULT;
	}
	uint64_t pc;
	if ((p.kind == PLAN_WRITE && layout_gather(v, d, &p)) || rc_get(v, NISV_PC, &pc))
		return NISV_CALLBACK_ERROR;
	nisv_status st = perform(v, d, &p);
	if (st != NISV_OK)
		return st;
	if (p.kind == PLAN_READ && layout_scatter(v, d, &p))
		return NISV_CALLBACK_ERROR;
	return advance_pc(v, t, a->pstate);
}

/* Fetch the A64 word at PC through stage 1 (instructions are little-endian). */
static nisv_status fetch(nisv_vcpu *v, const struct access_ctx *a, uint32_t *word, struct guest_fault *f)
{
	uint64_t pc;
	struct xlat x;
	nisv_status st;

	if (rc_get(v, NISV_PC, &pc))
		return NISV_CALLBACK_ERROR;
	if (pc & 3) { /* the CPU would have taken a PC alignment fault first */
		*f = (struct guest_fault){ .kind = NISV_FAULT_PC_ALIGNMENT, .far = pc };
		return NISV_FAULT;
	}
	struct xlat_req rq = { .va = pc, .sctlr = a->sctlr, .flags = XR_EXEC | (PSTATE_EL(a->pstate) ? 0 : XR_EL0) };
	st = mmu_translate(v, &rq, &x);
	if (st == NISV_FAULT) {
		*f = (struct guest_fault){ .kind = x.fault, .level = x.level, .fetch = 1, .far = pc };
		return st;
	}
	if (st != NISV_OK)
		return st;
	st = mmu_apply_update(v, &x); /* a fetch sets the access flag too (HA) */
	if (st != NISV_OK)
		return st;
	if (ram_fetch(v, x.pa, word)) {
		*f = (struct guest_fault){ .kind = NISV_FAULT_EXTERNAL, .fetch = 1, .far = pc };
		return NISV_FAULT;
	}
	return NISV_OK;
}

/*
 * S1PTW: the guest's own stage-1 walk for FAR hit memory the hypervisor does
 * not back with RAM. Walk FAR here to find the level: the guest gets a
 * synchronous external abort on that walk. Without FAR, the plain SEA.
 */
static nisv_status walk_abort(nisv_vcpu *v, const nisv_abort *t, const struct access_ctx *a,
                              struct guest_fault *f)
{
	int write = (t->esr & ISS_WNR) != 0;
	struct xlat_req rq = { .va = t->far, .sctlr = a->sctlr,
		               .flags = (write ? XR_WRITE : 0) | (PSTATE_EL(a->pstate) ? 0 : XR_EL0) };
	struct xlat x;
	nisv_status st;

	*f = (struct guest_fault){ .kind = NISV_FAULT_EXTERNAL, .write = (uint8_t)write, .far = t->far };
	if (!(t->flags & NISV_ABORT_FAR_VALID))
		return NISV_FAULT;
	st = mmu_translate(v, &rq, &x);
	if (st == NISV_FAULT && x.fault == NISV_FAULT_WALK_EXTERNAL) {
		f->kind = NISV_FAULT_WALK_EXTERNAL;
		f->level = x.level;
		return NISV_FAULT;
	}
	return st == NISV_CALLBACK_ERROR ? st : NISV_RETRY; /* the tables changed under us */
}

/*
 * ISV=1 describes an access of SAS bytes at the IPA only when it cannot have
 * been split: an unaligned access that crosses a (stage-2, so 4K) page is
 * reported with ISV=1 too, at the first byte of whichever page faulted, so
 * an IPA at page offset 0 may be the middle of the access, and one that
 * would run past the page end belongs to a split access whose second page
 * need not follow in IPA space. Those take the fetch-and-decode path.
 */
static int syndrome_is_exact(uint64_t esr, uint64_t ipa)
{
	unsigned size = 1u << ISS_SAS(esr), off = (unsigned)(ipa & 0xfff);

	return size == 1 || (off != 0 && off + size <= 0x1000);
}

/* The A64 load/store space (op0 = x1x0) and the SVE space (op0 = 0010). */
static int in_memory_space(uint32_t w)
{
	return (w & 0x0a000000u) == 0x08000000u || (w & 0x1e000000u) == 0x04000000u;
}

static nisv_status handle(nisv_vcpu *v, const nisv_abort *t, struct access_ctx *a, nisv_result *res,
                          struct guest_fault *f)
{
	uint64_t esr = t->esr;
	uint32_t word;
	nisv_status st;

	if (!(t->flags & NISV_ABORT_ISS_ONLY)) {
		unsigned ec = (unsigned)(esr >> 26) & 0x3f;
		if (ec != EC_DABT_LOWER && ec != EC_DABT_CUR)
			return NISV_INVALID_ARGUMENT;
	}
	st = read_context(v, a, 1);
	if (st != NISV_OK)
		return st;
	if (esr & ISS_S1PTW)
		return walk_abort(v, t, a, f);
	if (esr & ISS_CM)
		return advance_pc(v, t, a->pstate);
	if ((esr & ISS_ISV) && !(t->flags & NISV_ABORT_ISS_ONLY) && syndrome_is_exact(esr, t->ipa))
		return syndrome_access(v, esr, t, a, &res->insn, f);
	if (a->pstate & PSTATE_NRW) {
		/* an A32/T32 instruction nisv does not decode: the external-abort floor */
		*f = (struct guest_fault){ .kind = NISV_FAULT_EXTERNAL, .write = (esr & ISS_WNR) != 0, .far = t->far };
		return NISV_FAULT;
	}

	st = fetch(v, a, &word, f);
	if (st != NISV_OK)
		return st;
	if (nisv_decode(word, &res->insn) != NISV_OK) {
		/* a memory instruction nisv does not emulate gets the external-abort
		 * floor; any other word is UNDEFINED */
		*f = (struct guest_fault){ .kind = in_memory_space(word) ? NISV_FAULT_EXTERNAL : NISV_FAULT_UNDEFINED,
			                   .write = (esr & ISS_WNR) != 0, .far = t->far, .word = word };
		return NISV_FAULT;
	}
	struct stale_check sc = { .ipa = t->ipa, .far = t->far, .far_valid = (t->flags & NISV_ABORT_FAR_VALID) != 0 };
	return emulate_insn(v, &res->insn, a, &sc, res, f);
}

nisv_status nisv_handle_abort(nisv_vcpu *v, const nisv_abort *t, nisv_result *res)
{
	nisv_result local;
	struct access_ctx a;
	struct guest_fault f = { 0 };

	if (!res)
		res = &local;
	*res = (nisv_result){ .status = NISV_INVALID_ARGUMENT };
	if (!v || !v->regs || !v->mem || !t)
		return NISV_INVALID_ARGUMENT;
	rc_reset(v);
	a.pstate = 0; /* handle() fills it in for finish() once it can */
	nisv_status st = handle(v, t, &a, res, &f);
	return finish(v, res, st, &f, a.pstate);
}
