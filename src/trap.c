/*
 * The trap path: a data abort as the hypervisor reported it.
 *   ISV=1 (exact): plan from the syndrome -> check_devices -> execute
 *   CM=1:          step over the instruction
 *   S1PTW:         the guest's own walk hit MMIO: external abort on the walk
 *   ISV=0:         fetch -> decode -> prepare (covers the reported IPA?)
 *                  -> execute
 * ESR_EL2 ISS layout: Arm ARM D19.2.46 "ESR_EL2", ISS encoding for an
 * exception from a Data Abort.
 */
#include "arch.h"
#include "bits.h"
#include "execute.h"
#include "guest_ram.h"
#include "prepare.h"
#include "regs.h"

/* Fetch the A64 word at PC through stage 1 (instructions are little-endian). */
static nisv_status fetch(struct vcpu *v, const struct call_ctx *c, uint32_t *word, struct guest_fault *f)
{
	struct xlat_req rq = { .sctlr = c->sctlr, .flags = XR_EXEC | (PSTATE_EL(c->pstate) ? 0 : XR_EL0) };
	struct xlat x;
	nisv_status st;

	if (reg_get(v, NISV_PC, &rq.va))
		return NISV_CALLBACK_ERROR;
	if (rq.va & 3) /* the CPU would have taken a PC alignment fault first */
		return raise_fault(f, NISV_FAULT_PC_ALIGNMENT, 0, rq.va, 0, 0);
	st = s1_translate(v, &rq, &x);
	if (st == NISV_FAULT)
		return raise_fault(f, x.fault, x.level, rq.va, FA_FETCH, 0);
	if (st == NISV_OK)
		st = s1_apply_update(v, &x); /* a fetch sets the access flag too (HA) */
	if (st == NISV_OK && ram_fetch(v, x.pa, word))
		return raise_fault(f, NISV_FAULT_EXTERNAL, 0, rq.va, FA_FETCH, 0);
	return st;
}

/*
 * S1PTW: the guest's own stage-1 walk for FAR hit memory the hypervisor does
 * not back with RAM. Walk FAR here to find the level: the guest gets a
 * synchronous external abort on that walk. Without FAR, the plain SEA.
 */
static nisv_status walk_abort(struct vcpu *v, const nisv_abort *t, const struct call_ctx *c,
                              struct guest_fault *f)
{
	unsigned access = t->esr & ISS_WNR ? FA_WRITE : 0;
	struct xlat_req rq = { .va = t->far, .sctlr = c->sctlr,
		               .flags = (access ? XR_WRITE : 0) | (PSTATE_EL(c->pstate) ? 0 : XR_EL0) };
	struct xlat x;
	nisv_status st;

	if (!(t->flags & NISV_ABORT_FAR_VALID))
		return raise_fault(f, NISV_FAULT_EXTERNAL, 0, t->far, access, 0);
	st = s1_translate(v, &rq, &x);
	if (st == NISV_FAULT && x.fault == NISV_FAULT_WALK_EXTERNAL)
		return raise_fault(f, NISV_FAULT_WALK_EXTERNAL, x.level, t->far, access, 0);
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

/* ISV == 1: a single-register access, fully described; no fetch, no walk. */
static nisv_status syndrome_access(struct vcpu *v, const nisv_abort *t, const struct call_ctx *c,
                                   nisv_result *res, struct guest_fault *f)
{
	struct plan p;
	nisv_status st;

	plan_from_syndrome(t->esr, t->ipa, t->far, c, &res->insn, &p);
	res->va = p.va;
	res->write = (uint8_t)plan_writes(&p);
	st = check_devices(v, &res->insn, &p, f);
	return st == NISV_OK ? execute(v, &res->insn, c, &p) : st;
}

/* Fetch, decode and emulate the instruction at PC (ISV == 0). */
static nisv_status decoded_access(struct vcpu *v, const nisv_abort *t, const struct call_ctx *c,
                                  nisv_result *res, struct guest_fault *f)
{
	nisv_insn *d = &res->insn;
	struct reported rep = { .ipa = t->ipa, .far = t->far, .far_valid = (t->flags & NISV_ABORT_FAR_VALID) != 0 };
	unsigned access = t->esr & ISS_WNR ? FA_WRITE : 0;
	struct plan p;
	uint32_t word;
	nisv_status st;

	if (c->pstate & PSTATE_NRW) /* an A32/T32 instruction nisv does not decode: the floor */
		return raise_fault(f, NISV_FAULT_EXTERNAL, 0, t->far, access, 0);
	st = fetch(v, c, &word, f);
	if (st != NISV_OK)
		return st;
	if (nisv_decode(word, d) != NISV_OK)
		/* a memory instruction nisv does not emulate gets the external-abort
		 * floor; any other word is UNDEFINED */
		return raise_fault(f, in_memory_space(word) ? NISV_FAULT_EXTERNAL : NISV_FAULT_UNDEFINED, 0, t->far,
		                   access, word);
	st = prepare(v, d, c, &rep, &p, f);
	res->va = p.va;
	res->write = (uint8_t)plan_writes(&p);
	return st == NISV_OK ? execute(v, d, c, &p) : st;
}

static nisv_status trap(struct vcpu *v, const nisv_abort *t, struct call_ctx *c, nisv_result *res,
                        struct guest_fault *f)
{
	uint64_t esr = t->esr;
	int iss_only = (t->flags & NISV_ABORT_ISS_ONLY) != 0;
	nisv_status st;

	if (!iss_only && ((esr >> 26) & 0x3f) != EC_DABT_LOWER && ((esr >> 26) & 0x3f) != EC_DABT_CUR)
		return NISV_INVALID_ARGUMENT;
	st = read_context(v, c, 1);
	if (st != NISV_OK)
		return st;
	/* AArch32: a 16-bit T32 instruction has IL 0; KVM's ISS-only form has no IL and means 32 */
	c->il32 = iss_only || (esr & ESR_IL);
	if (esr & ISS_S1PTW)
		return walk_abort(v, t, c, f);
	if (esr & ISS_CM)
		return advance_pc(v, c);
	if ((esr & ISS_ISV) && !iss_only && syndrome_is_exact(esr, t->ipa))
		return syndrome_access(v, t, c, res, f);
	return decoded_access(v, t, c, res, f);
}

NISV_FLATTEN NISV_API nisv_status nisv_handle_abort(nisv_vcpu *nv, const nisv_abort *t, nisv_result *res)
{
	struct vcpu *v = vcpu_of(nv);
	struct call_ctx c = { 0 };
	struct guest_fault f = { 0 };
	nisv_result local;
	nisv_status st;

	if (!res)
		res = &local;
	*res = (nisv_result){ .status = NISV_INVALID_ARGUMENT };
	if (!nv || !v->regs || !v->mem || !t)
		return NISV_INVALID_ARGUMENT;
	vcpu_begin_call(v);
	st = trap(v, t, &c, res, &f);
	return deliver(v, res, st, &f, c.pstate);
}
