/*
 * Oracle 4 (see oracle.h): the guest's AT S1E1R/W, S1E0R/W results (PAR_EL1)
 * against nisv_translate() on the same VA from the same registers.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <linux/kvm.h>

#include <nisv.h>

#include "../guests/platform.h"
#include "oracle.h"

static int get_sysreg(int fd, uint64_t id, uint64_t *val)
{
	struct kvm_one_reg r = { .id = id, .addr = (uint64_t)(uintptr_t)val };
	return ioctl(fd, KVM_GET_ONE_REG, &r);
}

static int rd(const nisv_mem_ops *mem, void *ctx, uint64_t ipa, uint64_t *val)
{
	uint8_t b[8];

	if (mem->read(ctx, ipa, b, 8, NISV_MEM_WALK)) /* RAM only, no warning */
		return -1;
	*val = 0;
	for (int i = 7; i >= 0; i--)
		*val = *val << 8 | b[i];
	return 0;
}

static int wr(const nisv_mem_ops *mem, void *ctx, uint64_t ipa, uint64_t val)
{
	uint8_t b[8];

	for (int i = 0; i < 8; i++)
		b[i] = (uint8_t)(val >> (8 * i));
	return mem->write(ctx, ipa, b, 8, NISV_MEM_WALK);
}

/* PAR_EL1.FST (fault status, DFSC encoding) -> nisv fault kind + level */
static void par_fault(uint64_t par, unsigned *kind, int *level)
{
	unsigned fst = (unsigned)(par >> 1) & 0x3f;

	*level = (int)(fst & 3);
	switch (fst >> 2) {
	case 0: *kind = NISV_FAULT_ADDRESS_SIZE; break;
	case 1: *kind = NISV_FAULT_TRANSLATION; break;
	case 2: *kind = NISV_FAULT_ACCESS_FLAG; break;
	case 3: *kind = NISV_FAULT_PERMISSION; break;
	case 5: *kind = NISV_FAULT_WALK_EXTERNAL; break;
	default: *kind = 0xff; break;
	}
	if (fst == 0x29) { /* level -1 encodings (FEAT_LPA2) */
		*kind = NISV_FAULT_ADDRESS_SIZE;
		*level = -1;
	} else if (fst == 0x2b) {
		*kind = NISV_FAULT_TRANSLATION;
		*level = -1;
	}
}

static const char *op_name(unsigned op)
{
	static const char *const n[] = { "S1E1R", "S1E1W", "S1E0R", "S1E0W" };
	return op < 4 ? n[op] : "?";
}

uint64_t oracle_check_batch(int vcpu_fd, uint32_t features, unsigned pa_bits, const nisv_mem_ops *mem,
                            void *mem_ctx, uint64_t ipa, struct oracle_stats *st)
{
	nisv_state s;
	nisv_vcpu v;
	uint64_t count, entries, mism = 0, n_ok = 0, n_xlat = 0, n_af = 0, n_perm = 0, n_size = 0, tcr, edge = 0;

	memset(&s, 0, sizeof(s));
	if (rd(mem, mem_ctx, ipa, &count) || rd(mem, mem_ctx, ipa + 8, &entries) || rd(mem, mem_ctx, ipa + 72, &edge) ||
	    get_sysreg(vcpu_fd, ARM64_SYS_REG(3, 0, 1, 0, 0), &s.reg[NISV_SCTLR_EL1]) ||
	    get_sysreg(vcpu_fd, ARM64_SYS_REG(3, 0, 2, 0, 2), &s.reg[NISV_TCR_EL1]) ||
	    get_sysreg(vcpu_fd, ARM64_SYS_REG(3, 0, 2, 0, 0), &s.reg[NISV_TTBR0_EL1]) ||
	    get_sysreg(vcpu_fd, ARM64_SYS_REG(3, 0, 2, 0, 1), &s.reg[NISV_TTBR1_EL1]) ||
	    get_sysreg(vcpu_fd, ARM64_SYS_REG(3, 0, 10, 2, 0), &s.reg[NISV_MAIR_EL1])) {
		printf("oracle: cannot read the batch or the registers\n");
		return 1;
	}
	tcr = s.reg[NISV_TCR_EL1];
	s.reg[NISV_PSTATE] = 0x3c5; /* EL1h */
	nisv_vcpu_init(&v, &nisv_state_reg_ops, &s, mem, mem_ctx);
	nisv_vcpu_set_features(&v, features);
	nisv_vcpu_set_pa_bits(&v, pa_bits);

	for (uint64_t i = 0; i < count; i++) {
		uint64_t e = entries + 24 * i, va, par, op;
		nisv_result x;
		uint64_t pa_nisv = 0;
		unsigned access, kind = 0, nkind;
		int level = 0, nlevel, bad = 0;

		if (rd(mem, mem_ctx, e, &va) || rd(mem, mem_ctx, e + 8, &par) || rd(mem, mem_ctx, e + 16, &op)) {
			mism++;
			break;
		}
		access = (op == ORACLE_AT_S1E1W || op == ORACLE_AT_S1E0W ? NISV_XLAT_WRITE : 0) |
		         (op == ORACLE_AT_S1E0R || op == ORACLE_AT_S1E0W ? NISV_XLAT_EL0 : 0);
		nisv_status r = nisv_translate(&v, va, access, &pa_nisv, &x);
		nkind = r == NISV_OK ? 0 : r == NISV_FAULT ? x.fault : 0xfe;
		nlevel = x.level;
		if (!(par & 1)) {
			uint64_t pa = par & 0x000ffffffffff000ull, dev = ((par >> 56) & 0xf0) == 0;
			n_ok++;
			bad = nkind != 0 || (pa_nisv & ~0xfffull) != pa || x.device != dev;
		} else {
			par_fault(par, &kind, &level);
			n_xlat += kind == NISV_FAULT_TRANSLATION;
			n_af += kind == NISV_FAULT_ACCESS_FLAG;
			n_perm += kind == NISV_FAULT_PERMISSION;
			n_size += kind == NISV_FAULT_ADDRESS_SIZE;
			bad = nkind != kind || nlevel != level;
		}
		if (bad) {
			mism++;
			if (st->printed < (edge ? 6u : 20u)) {
				st->printed++;
				printf("oracle: %s %s va 0x%llx: CPU PAR 0x%llx; nisv %s fault %u level %d pa 0x%llx "
				       "device %u (TCR 0x%llx TTBR0 0x%llx TTBR1 0x%llx)\n",
				       edge ? "edge-case difference" : "MISMATCH", op_name((unsigned)op), (unsigned long long)va, (unsigned long long)par,
				       nisv_status_name(r), nkind, nlevel, (unsigned long long)pa_nisv, x.device,
				       (unsigned long long)tcr, (unsigned long long)s.reg[NISV_TTBR0_EL1],
				       (unsigned long long)s.reg[NISV_TTBR1_EL1]);
			}
		}
	}
	if (edge) {
		st->edge_checked += count;
		st->edge_mismatches += mism;
	} else {
		st->checked += count;
		st->mismatches += mism;
	}
	st->ok += n_ok;
	st->xlat += n_xlat;
	st->af += n_af;
	st->perm += n_perm;
	st->size += n_size;
	st->other += count - n_ok - n_xlat - n_af - n_perm - n_size;
	/* back to the guest: checked, mismatches, then the CPU's result mix */
	wr(mem, mem_ctx, ipa + 16, count);
	wr(mem, mem_ctx, ipa + 24, mism);
	wr(mem, mem_ctx, ipa + 32, n_af);
	wr(mem, mem_ctx, ipa + 40, n_perm);
	wr(mem, mem_ctx, ipa + 48, n_xlat);
	wr(mem, mem_ctx, ipa + 56, n_size);
	wr(mem, mem_ctx, ipa + 64, n_ok);
	return edge ? 0 : mism;
}
