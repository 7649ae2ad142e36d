/*
 * nisv_describe against nisv_emulate, on random memory instructions from
 * random register states (MMU off, one RAM region, a hole around it):
 *  - a described fault is the fault nisv_emulate raises (kind, ESR, FAR);
 *  - a described access is the one performed: every byte read or written
 *    lies in the described pages, and as many bytes as described move;
 *  - every register nisv_emulate reads is in regs_read (or is context:
 *    PSTATE, SCTLR_EL1, TCR_EL1, DCZID_EL0), every register it changes is
 *    in regs_written / vregs_written, every V register it reads in
 *    vregs_read;
 *  - describing writes nothing: no memory write, no register write.
 * Also: nisv_version() is the header's NISV_VERSION.
 * Prints "describe: N cases (K accesses, F faults), M mismatches".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nisv.h"
#include "memlog.h"

#define RAM_BASE 0x80000ull
#define RAM_SIZE 0x10000u

static uint8_t ram[RAM_SIZE];
static nisv_region region = { .base = RAM_BASE, .size = RAM_SIZE, .ram = ram };
static nisv_bus bus = { .regions = &region, .count = 1 };

/* the registers the callbacks saw; memory goes through a memlog */
static struct {
	uint64_t got, set; /* bit r: nisv_reg r read / written */
	uint32_t vgot, vset;
} seen;
static struct memlog ml;
static nisv_state st;

static int r_get(void *ctx, unsigned reg, uint64_t *val)
{
	seen.got |= 1ull << reg;
	return nisv_state_reg_ops.get(ctx, reg, val);
}

static int r_set(void *ctx, unsigned reg, uint64_t val)
{
	seen.set |= 1ull << reg;
	return nisv_state_reg_ops.set(ctx, reg, val);
}

static int r_get_vec(void *ctx, unsigned file, unsigned n, uint32_t off, void *buf, uint32_t len)
{
	seen.vgot |= 1u << (n & 31);
	return nisv_state_reg_ops.get_vec(ctx, file, n, off, buf, len);
}

static int r_set_vec(void *ctx, unsigned file, unsigned n, uint32_t off, const void *buf, uint32_t len)
{
	seen.vset |= 1u << (n & 31);
	return nisv_state_reg_ops.set_vec(ctx, file, n, off, buf, len);
}

static const nisv_reg_ops regs = { r_get, r_set, r_get_vec, r_set_vec };

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* A random state whose addresses mostly land in RAM: small offsets and
 * bases in the middle of it; sometimes EL0, SP_EL0 or big-endian data. */
static void random_state(void)
{
	memset(&st, 0, sizeof(st));
	for (unsigned r = 0; r < 31; r++)
		st.reg[r] = rnd() & 1 ? RAM_BASE + RAM_SIZE / 2 + (rnd() & 0xff0) : rnd() & 0xff;
	st.reg[NISV_SP_EL0] = RAM_BASE + 0x4000 + (rnd() & 0xff0);
	st.reg[NISV_SP_EL1] = RAM_BASE + 0x8000 + (rnd() & 0xff0);
	st.reg[NISV_PC] = RAM_BASE + 0x100;
	st.reg[NISV_PSTATE] = (rnd() & 3) ? 0x3c5 : (rnd() & 1) ? 0x3c4 : 0x0;
	st.reg[NISV_SCTLR_EL1] = (rnd() & 7) == 0 ? 1ull << 25 | 1ull << 24 : 0;
	st.reg[NISV_DCZID_EL0] = 4;
	for (unsigned n = 0; n < 32; n++) {
		st.v[n].lo = rnd();
		st.v[n].hi = rnd();
	}
}

static unsigned mismatches;

static void mismatch(uint32_t word, const char *what)
{
	if (mismatches++ < 20)
		printf("describe: %08x: %s\n", word, what);
}

/* Context every call may read besides the instruction's operands. */
static const uint64_t context_regs = 1ull << NISV_PSTATE | 1ull << NISV_SCTLR_EL1 | 1ull << NISV_TCR_EL1 |
                                     1ull << NISV_DCZID_EL0 | 1ull << NISV_PC;

int main(void)
{
	unsigned cases = 0, accesses = 0, faults = 0;
	nisv_vcpu v;

	if (nisv_version() != NISV_VERSION) {
		printf("describe: nisv_version() %#x, header NISV_VERSION %#x\n", nisv_version(), NISV_VERSION);
		return 1;
	}
	memlog_init(&ml, &nisv_bus_mem_ops, &bus);
	if (nisv_vcpu_init(&v, &regs, &st, &memlog_ops, &ml) != NISV_OK)
		return 1;
	nisv_vcpu_set_features(&v, NISV_FEAT_LSE2);
	for (unsigned k = 0; cases < 20000 && k < 2000000; k++) {
		uint32_t word = (uint32_t)rnd();
		nisv_insn d;
		nisv_description desc;
		nisv_result dres, eres;
		nisv_state before;
		nisv_status ds, es;

		if (nisv_decode(word, &d) != NISV_OK || d.op == NISV_OP_DC_MAINT)
			continue;
		random_state();
		before = st;
		memset(&seen, 0, sizeof(seen));
		memlog_clear(&ml);
		ds = nisv_describe(&v, word, &desc, &dres);
		if (ml.nlog || ml.cas || seen.set || seen.vset || memcmp(&before, &st, sizeof(st)))
			mismatch(word, "describing wrote something");
		memset(&seen, 0, sizeof(seen));
		memlog_clear(&ml);
		es = nisv_emulate(&v, word, &eres);
		cases++;
		if (ds == NISV_FAULT) {
			faults++;
			if (es != NISV_FAULT || eres.fault != dres.fault || eres.esr != dres.esr || eres.va != dres.va)
				mismatch(word, "a described fault is not the emulated one");
			continue;
		}
		if (ds != NISV_OK) {
			if (es != ds)
				mismatch(word, "described and emulated status differ");
			continue;
		}
		if (es == NISV_FAULT && (eres.fault == NISV_FAULT_EXTERNAL || eres.fault == NISV_FAULT_UNSUPPORTED_EXCL))
			continue; /* the bus refused it: describe does not ask the check */
		if (es != NISV_OK) {
			mismatch(word, "described OK, emulation did not finish");
			continue;
		}
		accesses += desc.len != 0;
		unsigned bytes = 0, writes = 0;
		for (unsigned i = 0; i < ml.nlog && i < 64; i++) {
			const struct memlog_access *a = &ml.log[i];
			int in = 0;
			for (unsigned p = 0; p < desc.npages; p++)
				in |= a->ipa >= desc.page[p].ipa && a->ipa + a->len <= desc.page[p].ipa + desc.page[p].len;
			if (!in)
				mismatch(word, "an access outside the described pages");
			bytes += a->len;
			writes += a->write;
		}
		/* an RMW reads, then writes unless a CAS does not match; a
		 * store-exclusive without the monitor armed stores nothing */
		int rmw = desc.read && desc.write, no_store = d.op == NISV_OP_STORE_EXCL && bytes == 0;
		if (!no_store && (rmw ? bytes != desc.len && bytes != 2 * desc.len : bytes != desc.len))
			mismatch(word, "bytes moved differ from the described length");
		if (!rmw && !no_store && desc.write != (writes != 0))
			mismatch(word, "write direction differs");
		if (seen.got & ~(desc.regs_read | context_regs))
			mismatch(word, "a register read that is not in regs_read");
		if (seen.set & ~desc.regs_written)
			mismatch(word, "a register written that is not in regs_written");
		if (seen.vset & ~desc.vregs_written)
			mismatch(word, "a V register written that is not in vregs_written");
		if (seen.vgot & ~desc.vregs_read)
			mismatch(word, "a V register read that is not in vregs_read");
	}
	printf("describe: %u cases (%u accesses, %u faults), %u mismatches\n", cases, accesses, faults, mismatches);
	return mismatches || cases < 20000 || accesses < 1000;
}
