/*
 * Fuzz target over the whole trap path (LLVMFuzzerTestOneInput; AFL++ and
 * plain replay through standalone.c).
 *
 * The input is a 12-byte header followed by edits of the default world
 * (world.h); bytes past the end read as zero, so every input is valid and
 * a short one means "the default world".
 *
 *   header  0..3  the instruction word (little-endian), put at PC
 *           4     f0: 0 MMU off, 1 inject faults, 2 full ESR_EL2 (EC 0x24)
 *                     instead of KVM's ISS-only, 3 ISV=1, 4 CM, 5 S1PTW,
 *                     6 FAR valid, 7 nisv_emulate instead of nisv_handle_abort
 *           5     f1: 0-1 IPA: 0 the access's own (probe), 1 probe + delta,
 *                     2 device A + delta*8, 3 raw (edit 11);
 *                     2 no mem_ops.check, 3 no lock, 4 no cas64,
 *                     5 big-endian data (SCTLR_EL1.EE, E0E), 6 EL0t, 7 EL1t
 *           6     NISV_FEAT_* (low 6 bits)
 *           7     which checked piece of the probe gives the IPA
 *           8     delta (signed)
 *           9..11 XOR into the ESR's ISS (SAS, SRT, SF, AR, DFSC, ...)
 *   edits   one opcode byte (mod 16), then its operands (see apply_edit)
 *
 * Each run: a probe emulates the word with nisv_emulate on a copy of the
 * world (no failures) and records the IPA of every checked piece; then the
 * real call runs on another copy with the edits' failures armed. The real
 * call must keep every promise of nisv.h (world_check); and, when nothing
 * failed:
 *  - the trap with the access's own IPA and FAR leaves exactly the state
 *    nisv_emulate left, but for the access flag its instruction fetch may
 *    set (world_same_but_fetch_af);
 *  - a reported fault taken later with nisv_inject leaves the state the same
 *    call in NISV_FAULTS_INJECT mode leaves, and writes no memory;
 *  - nisv_translate of a plain load/store's VA gives the IPA its access used,
 *    and writes nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "world.h"

struct reader {
	const uint8_t *p;
	size_t n, at;
};

static uint8_t u8(struct reader *r)
{
	return r->at < r->n ? r->p[r->at++] : 0;
}

static uint16_t u16(struct reader *r)
{
	uint16_t v = u8(r);
	return (uint16_t)(v | u8(r) << 8);
}

static uint32_t u32(struct reader *r)
{
	uint32_t v = u16(r);
	return v | (uint32_t)u16(r) << 16;
}

static uint64_t u64(struct reader *r)
{
	uint64_t v = u32(r);
	return v | (uint64_t)u32(r) << 32;
}

struct run {
	uint32_t word;
	uint8_t f0, f1, f2, pick;
	int8_t delta;
	uint32_t iss_xor;
	int esr_raw_set, ipa_raw_set;
	uint64_t esr_raw, ipa_raw, far_raw;
	unsigned nprelude;
	uint32_t prelude[2];
};

static void apply_edit(struct world *w, struct run *run, struct reader *r)
{
	uint8_t op = u8(r) % 16, a;

	switch (op) {
	case 0: /* any register := u64 */
		a = u8(r) % NISV_REG_COUNT;
		w->st.reg[a] = u64(r);
		break;
	case 1: /* X0..X30, SP_EL0, SP_EL1 := data VA + s16 */
		a = u8(r) % 33;
		w->st.reg[a] = W_DATA_VA + (uint64_t)(int64_t)(int16_t)u16(r);
		break;
	case 2: /* X0..X30 := small value (offsets, index registers) */
		a = u8(r) % 31;
		w->st.reg[a] = (uint64_t)(int64_t)(int8_t)u8(r);
		break;
	case 3: /* register ^= mask (bit flips in PSTATE, SCTLR, TCR, ...) */
		a = u8(r) % NISV_REG_COUNT;
		w->st.reg[a] ^= u64(r);
		break;
	case 4: /* V register */
		a = u8(r) % 32;
		w->st.v[a].lo = u64(r);
		w->st.v[a].hi = u64(r);
		break;
	case 5: { /* descriptor := u64 */
		unsigned slot = u16(r);
		world_set_desc(w, slot, u64(r));
		break;
	}
	case 6: { /* descriptor ^= mask */
		unsigned slot = u16(r);
		world_set_desc(w, slot, world_desc(w, slot) ^ u64(r));
		break;
	}
	case 7: { /* region layout */
		struct w_region_cfg *c = &w->rcfg[u8(r) % W_NREG];
		uint8_t field = u8(r) % 8;
		uint64_t v = u64(r);
		switch (field) {
		case 0: c->base = v; break;
		case 1: c->size = v; break;
		case 2: c->widths = (uint32_t)v; break;
		case 3: c->policy = (uint32_t)v; break;
		case 4: c->no_read ^= 1; break;
		case 5: c->no_write ^= 1; break;
		case 6: c->enabled ^= 1; break;
		default: c->base += (uint64_t)(int64_t)(int16_t)v; break;
		}
		break;
	}
	case 8: { /* the k-th call of a kind fails */
		unsigned kind = u8(r) % K_NKIND;
		long k = u8(r);
		if (kind == K_CHECK)
			w->check_fail_at = k;
		else
			w->fail_at[kind] = k;
		break;
	}
	case 9: /* what a failing check returns */
		w->check_ret = (int)(int8_t)u8(r);
		if (!w->check_ret)
			w->check_ret = NISV_FAULT_EXTERNAL;
		break;
	case 10:
		run->esr_raw_set = 1;
		run->esr_raw = u64(r);
		break;
	case 11:
		run->ipa_raw_set = 1;
		run->ipa_raw = u64(r);
		run->far_raw = u64(r);
		break;
	case 12:
		w->pa_bits = u8(r);
		break;
	case 13:
		if (run->nprelude < 2)
			run->prelude[run->nprelude++] = u32(r);
		else
			(void)u32(r);
		break;
	case 14: { /* 8 bytes of RAM */
		unsigned off = u16(r) % (W_RAM_SIZE - 7);
		uint64_t v = u64(r);
		for (unsigned k = 0; k < 8; k++)
			w->ram[off + k] = (uint8_t)(v >> (8 * k));
		break;
	}
	default: { /* 8 bytes of a device store */
		unsigned d = u8(r) % W_NDEV, off = u16(r) % (W_DEV_SIZE - 7);
		uint64_t v = u64(r);
		for (unsigned k = 0; k < 8; k++)
			w->dev[d][off + k] = (uint8_t)(v >> (8 * k));
		break;
	}
	}
}

static struct world base, probe, real, before, inj, later_world, direct;

static void fail(const char *what, const struct run *run, nisv_status st, const struct world *w)
{
	fprintf(stderr, "nisv fuzz: %s\n  word %08x f0 %02x f1 %02x status %s injected %#x natural %#x\n",
	        what, (unsigned)run->word, run->f0, run->f1, nisv_status_name(st), w->injected, w->natural);
	fprintf(stderr, "  PC %#llx -> %#llx, PSTATE %#llx, SCTLR %#llx, TCR %#llx\n",
	        (unsigned long long)before.st.reg[NISV_PC], (unsigned long long)w->st.reg[NISV_PC],
	        (unsigned long long)before.st.reg[NISV_PSTATE], (unsigned long long)before.st.reg[NISV_SCTLR_EL1],
	        (unsigned long long)before.st.reg[NISV_TCR_EL1]);
	abort();
}

/* Set by standalone.c (NISV_FUZZ_VERBOSE=1): one line per input. */
int fuzz_verbose;


static void disarm(struct world *w)
{
	for (unsigned k = 0; k < K_NKIND; k++)
		w->fail_at[k] = -1;
	w->check_fail_at = -1;
}

static void run_prelude(struct world *w, const struct run *run)
{
	for (unsigned i = 0; i < run->nprelude; i++) {
		uint64_t pc = w->st.reg[NISV_PC];
		nisv_emulate(&w->vcpu, run->prelude[i], NULL);
		w->st.reg[NISV_PC] = pc;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct reader r = { data, size, 0 };
	struct run run = { 0 };
	nisv_result pres, res;
	nisv_status pst, st;
	const char *err;

	static struct world dflt;
	static int have_dflt;

	if (!have_dflt) {
		world_default(&dflt);
		have_dflt = 1;
	}
	base = dflt;
	run.word = u32(&r);
	run.f0 = u8(&r);
	run.f1 = u8(&r);
	run.f2 = u8(&r);
	base.features = run.f2 & 0x3f;
	base.ram_map = run.f2 >> 6;
	run.pick = u8(&r);
	run.delta = (int8_t)u8(&r);
	run.iss_xor = u8(&r);
	run.iss_xor |= (uint32_t)u16(&r) << 8;
	for (unsigned n = 0; n < 64 && r.at < r.n; n++)
		apply_edit(&base, &run, &r);

	if (run.f0 & 1)
		base.st.reg[NISV_SCTLR_EL1] &= ~1ull;
	base.inject = (run.f0 >> 1) & 1;
	base.no_check = (run.f1 >> 2) & 1;
	base.no_lock = (run.f1 >> 3) & 1;
	base.no_cas64 = (run.f1 >> 4) & 1;
	if (run.f1 & 0x20)
		base.st.reg[NISV_SCTLR_EL1] |= 1ull << 25 | 1ull << 24;
	if (run.f1 & 0x40) { /* EL0t: make the data pages EL0-accessible */
		base.st.reg[NISV_PSTATE] = 0x0;
		for (unsigned i = 0x100; i < 0x10a; i++)
			world_set_desc(&base, 1536 + i, world_desc(&base, 1536 + i) | 1ull << 6);
	} else if (run.f1 & 0x80) {
		base.st.reg[NISV_PSTATE] = 0x3c4;
	}
	world_put_word(&base, run.word);

	/* the probe: nisv_emulate, nothing failing, records the checked pieces */
	probe = base;
	for (unsigned k = 0; k < K_NKIND; k++)
		probe.fail_at[k] = -1;
	probe.check_fail_at = -1;
	world_fixup(&probe);
	run_prelude(&probe, &run);
	world_begin(&probe);
	probe.recording = 1;
	pst = nisv_emulate(&probe.vcpu, run.word, &pres);
	int probe_first_ok = probe.nrec > 0 && !probe.natural && !probe.desc_writes;
	uint64_t probe_first_ipa = probe.nrec ? probe.rec_ipa[0] : 0;

	/* the real call */
	real = base;
	world_fixup(&real);
	{
		/* the prelude runs without failures */
		long saved[K_NKIND], saved_check = real.check_fail_at;
		memcpy(saved, real.fail_at, sizeof(saved));
		for (unsigned k = 0; k < K_NKIND; k++)
			real.fail_at[k] = -1;
		real.check_fail_at = -1;
		run_prelude(&real, &run);
		memcpy(real.fail_at, saved, sizeof(saved));
		real.check_fail_at = saved_check;
	}
	world_begin(&real);
	before = real;

	nisv_abort ab = { 0 };
	uint64_t ipa0 = probe.nrec ? probe.rec_ipa[run.pick % probe.nrec] : W_DEV_BASE;
	switch (run.f1 & 3) {
	case 0: ab.ipa = ipa0; break;
	case 1: ab.ipa = ipa0 + (uint64_t)(int64_t)run.delta; break;
	case 2: ab.ipa = W_DEV_BASE + (uint64_t)(int64_t)run.delta * 8; break;
	default: ab.ipa = run.ipa_raw; break;
	}
	ab.far = run.ipa_raw_set && (run.f1 & 3) == 3 ? run.far_raw : pres.va + (run.f1 & 1 ? (uint64_t)(int64_t)run.delta : 0);
	ab.esr = 0x07 | (probe.rec_write ? 1u << 6 : 0); /* stage-2 translation fault, level 3 */
	if (run.f0 & 0x08)
		ab.esr |= 1u << 24;
	if (run.f0 & 0x10)
		ab.esr |= 1u << 8;
	if (run.f0 & 0x20)
		ab.esr |= 1u << 7;
	ab.esr ^= (uint64_t)run.iss_xor;
	if (run.f0 & 0x04)
		ab.esr |= 0x24ull << 26 | 1ull << 25;
	else
		ab.flags |= NISV_ABORT_ISS_ONLY;
	if (run.esr_raw_set)
		ab.esr = run.esr_raw;
	if (run.f0 & 0x40)
		ab.flags |= NISV_ABORT_FAR_VALID;

	int trap = !(run.f0 & 0x80);
	st = trap ? nisv_handle_abort(&real.vcpu, &ab, &res) : nisv_emulate(&real.vcpu, run.word, &res);

	if (fuzz_verbose)
		fprintf(stderr, "%08x f0 %02x f1 %02x: probe %s, %s %s (fault %u)\n", (unsigned)run.word, run.f0,
		        run.f1, nisv_status_name(pst), trap ? "trap" : "emulate", nisv_status_name(st), res.fault);
	err = world_check(&before, &real, st, &res, trap);
	if (err)
		fail(err, &run, st, &real);
	/* the probe kept the promises too (no failures were armed there) */
	if (probe.injected)
		fail("probe: a failure was injected", &run, pst, &probe);

	/*
	 * The same call with the bus itself as the vCPU's memory (nisv then finds
	 * the regions and calls the devices directly: perform.c, bus.h) has the
	 * same outcome as through the callbacks above it, when those are the
	 * bus's own answers: no memory callback made to fail and the check
	 * callback present. Register and device failures are armed the same.
	 */
	const unsigned mem_kinds = 1u << K_READ | 1u << K_WRITE | 1u << K_CHECK | 1u << K_CAS;
	if (!(real.injected & mem_kinds) && !real.no_check) {
		nisv_result dres;
		nisv_status dst;

		direct = base;
		direct.direct_bus = 1;
		disarm(&direct);
		world_fixup(&direct);
		run_prelude(&direct, &run);
		for (unsigned k = 0; k < K_NKIND; k++)
			if (!(mem_kinds >> k & 1))
				direct.fail_at[k] = real.fail_at[k];
		world_begin(&direct);
		dst = trap ? nisv_handle_abort(&direct.vcpu, &ab, &dres) : nisv_emulate(&direct.vcpu, run.word, &dres);
		if (dst != st || dres.fault != res.fault || dres.esr != res.esr || dres.va != res.va ||
		    dres.level != res.level || dres.write != res.write || dres.injected != res.injected)
			fail("the bus as the vCPU's memory: another status or result", &run, dst, &direct);
		if (direct.dev_error)
			fail("the bus as the vCPU's memory: a device piece outside its region or width", &run, dst, &direct);
		if ((err = world_same(&direct, &real)) != NULL)
			fail("the bus as the vCPU's memory: another outcome", &run, dst, &direct);
	}

	/*
	 * A reported fault taken later with nisv_inject: the same registers as
	 * the run in NISV_FAULTS_INJECT mode, nothing else changed.
	 */
	if (st == NISV_FAULT && !res.injected && !real.injected && !real.natural) {
		nisv_result ires;
		nisv_status ist;
		struct world *later = &later_world;

		*later = real;
		disarm(later);
		world_fixup(later);
		world_begin(later);
		ist = nisv_inject(&later->vcpu, &res);
		if (ist != NISV_OK && ist != NISV_FAULT)
			fail("nisv_inject of a reported fault failed", &run, ist, later);
		if (later->data_writes || later->dev_writes || later->desc_writes || memcmp(later->dev, real.dev, sizeof(real.dev)) ||
		    memcmp(later->ram, real.ram, sizeof(real.ram)))
			fail("nisv_inject wrote memory", &run, ist, later);
		if (later->st.reg[NISV_ESR_EL1] != res.esr || later->st.reg[NISV_ELR_EL1] != before.st.reg[NISV_PC] ||
		    later->st.reg[NISV_SPSR_EL1] != before.st.reg[NISV_PSTATE])
			fail("nisv_inject: ESR/ELR/SPSR_EL1 not the fault's", &run, ist, later);
		/* the same call in NISV_FAULTS_INJECT mode (world_fixup() starts a
		 * new vCPU: without a prelude's exclusive monitor, so not then) */
		if (!run.nprelude) {
			inj = before;
			inj.inject = 1;
			disarm(&inj);
			world_fixup(&inj);
			world_begin(&inj);
			if (trap)
				ires.status = nisv_handle_abort(&inj.vcpu, &ab, &ires);
			else
				ires.status = nisv_emulate(&inj.vcpu, run.word, &ires);
			if (ires.status != NISV_FAULT || !ires.injected)
				fail("NISV_FAULTS_INJECT: the reported fault was not taken", &run, ires.status, &inj);
			else if ((err = world_same(&inj, later)) != NULL)
				fail("nisv_inject after the report differs from NISV_FAULTS_INJECT", &run, ist, later);
		}
	}

	/*
	 * nisv_translate of the access's VA (a plain load or store that the
	 * probe performed): the IPA of its first piece, and nothing written.
	 */
	if (pst == NISV_OK && probe_first_ok && (pres.insn.op == NISV_OP_LOAD || pres.insn.op == NISV_OP_STORE) &&
	    !(pres.insn.flags & NISV_F_UNPRIV)) {
		uint64_t ipa = 0, pstate = before.st.reg[NISV_PSTATE]; /* after the prelude */
		unsigned el = (unsigned)(pstate >> 2) & 3;
		unsigned flags = (pres.insn.op == NISV_OP_STORE ? NISV_XLAT_WRITE : 0) | (el == 0 ? NISV_XLAT_EL0 : 0) |
		                 (el && (pstate & (1u << 22)) ? NISV_XLAT_PAN : 0);
		nisv_result tres;
		nisv_status tst;

		inj = before;
		inj.inject = 0;
		disarm(&inj);
		world_fixup(&inj);
		world_begin(&inj);
		tst = nisv_translate(&inj.vcpu, pres.va, flags, &ipa, &tres);
		if (inj.sets_done || inj.data_writes || inj.dev_writes || inj.desc_writes)
			fail("nisv_translate wrote something", &run, tst, &inj);
		if (tst != NISV_OK || ipa != probe_first_ipa) {
			if (fuzz_verbose)
				fprintf(stderr, "translate(%#llx, flags %#x): %s fault %u level %d ipa %#llx; emulate: ipa %#llx\n",
				        (unsigned long long)pres.va, flags, nisv_status_name(tst), tres.fault, tres.level,
				        (unsigned long long)ipa, (unsigned long long)probe_first_ipa);
			fail("nisv_translate disagrees with the access nisv_emulate performed", &run, tst, &inj);
		}
	}

	/*
	 * The trap path with the access's own IPA/FAR, nothing failing, no
	 * syndrome shortcut: the same result as nisv_emulate.
	 */
	if (trap && !real.injected && !real.natural && !probe.natural && (run.f1 & 3) == 0 &&
	    !(ab.esr & ((1u << 24) | (1u << 8) | (1u << 7))) && !run.esr_raw_set && pst == NISV_OK &&
	    res.insn.word == run.word && probe.nrec) {
		if (st != NISV_OK)
			fail("nisv_emulate succeeded but the trap with its own IPA did not", &run, st, &real);
		if ((err = world_same_but_fetch_af(&probe, &real)) != NULL)
			fail(err, &run, st, &real);
	}
	return 0;
}
