/*
 * nisv on Linux KVM (arm64). See include/nisv/kvm.h.
 *
 * Facts this file relies on (Documentation/virt/kvm/api.rst, arm64 uapi):
 * - KVM_EXIT_ARM_NISV: run->arm_nisv.esr_iss holds only ESR_EL2.{CM, WnR,
 *   DFSC}; fault_ipa is the byte-exact IPA. KVM has not skipped the
 *   instruction: userspace emulates it completely (PC included).
 * - KVM_EXIT_MMIO: KVM decoded the access (ISV=1). For a read, userspace
 *   fills run->mmio.data and the next KVM_RUN writes the register and skips
 *   the instruction. run->mmio.data is in memory byte order.
 * - KVM_SET_VCPU_EVENTS with exception.ext_dabt_pending pends a synchronous
 *   external abort for the access that exited (only after MMIO/NISV exits).
 * - Core registers are KVM_REG_ARM_CORE ids by offset into struct kvm_regs;
 *   the SIMD&FP registers are 128-bit (fp_regs.vregs[n]); EL1 system
 *   registers are ARM64_SYS_REG(op0, op1, CRn, CRm, op2).
 * - On a vCPU with SVE (KVM_ARM_VCPU_SVE) KVM refuses fp_regs.vregs (EINVAL):
 *   V[n] is bits [127:0] of KVM_REG_ARM64_SVE_ZREG(n, 0), a 2048-bit slice
 *   in an endianness-invariant layout (byte i = bits [8i+7:8i]). A GET fills
 *   the bytes beyond the vector length with zeros, a SET ignores them.
 *   KVM_REG_ARM64_SVE_VLS is readable only on SVE vCPUs, from
 *   KVM_ARM_VCPU_INIT on.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <sys/ioctl.h>
#include <linux/kvm.h>

#include "nisv/kvm.h"

#define CORE_ID(off32) (KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM_CORE | (uint64_t)(off32))
#define CORE(name) CORE_ID(KVM_REG_ARM_CORE_REG(name))
#define VREG_ID(n) \
	(KVM_REG_ARM64 | KVM_REG_SIZE_U128 | KVM_REG_ARM_CORE | \
	 (uint64_t)(KVM_REG_ARM_CORE_REG(fp_regs.vregs[0]) + 4 * (n)))

#define ZREG_BYTES 256 /* KVM_REG_SIZE_U2048 */

#define REG_DCZID_EL0 ARM64_SYS_REG(3, 3, 0, 0, 7)

/* KVM register id of each nisv_reg (X0..X30 are computed). */
static const uint64_t reg_ids[NISV_REG_COUNT] = {
	[NISV_SP_EL0] = CORE(regs.sp),
	[NISV_SP_EL1] = CORE(sp_el1),
	[NISV_PC] = CORE(regs.pc),
	[NISV_PSTATE] = CORE(regs.pstate),
	[NISV_ELR_EL1] = CORE(elr_el1),
	[NISV_SPSR_EL1] = CORE(spsr[KVM_SPSR_EL1]),
	[NISV_SCTLR_EL1] = ARM64_SYS_REG(3, 0, 1, 0, 0),
	[NISV_TCR_EL1] = ARM64_SYS_REG(3, 0, 2, 0, 2),
	[NISV_TTBR0_EL1] = ARM64_SYS_REG(3, 0, 2, 0, 0),
	[NISV_TTBR1_EL1] = ARM64_SYS_REG(3, 0, 2, 0, 1),
	[NISV_MAIR_EL1] = ARM64_SYS_REG(3, 0, 10, 2, 0),
	[NISV_VBAR_EL1] = ARM64_SYS_REG(3, 0, 12, 0, 0),
	[NISV_ESR_EL1] = ARM64_SYS_REG(3, 0, 5, 2, 0),
	[NISV_FAR_EL1] = ARM64_SYS_REG(3, 0, 6, 0, 0),
	[NISV_DCZID_EL0] = REG_DCZID_EL0,
};

static uint64_t reg_id(unsigned reg)
{
	if (reg <= NISV_X30)
		return CORE(regs.regs[0]) + 2 * (uint64_t)reg; /* 2 u32 units per X */
	return reg_ids[reg];
}

long nisv_kvm_check_extension(int fd, long cap)
{
	int r = ioctl(fd, KVM_CHECK_EXTENSION, cap);
	return r < 0 ? -errno : r;
}

int nisv_kvm_enable_nisv_to_user(int vm_fd)
{
	struct kvm_enable_cap cap = { .cap = KVM_CAP_ARM_NISV_TO_USER };

	if (nisv_kvm_check_extension(vm_fd, KVM_CAP_ARM_NISV_TO_USER) <= 0)
		return -ENOSYS;
	return ioctl(vm_fd, KVM_ENABLE_CAP, &cap) < 0 ? -errno : 0;
}

unsigned nisv_kvm_vm_features(int vm_fd)
{
	unsigned f = 0;

	/* KVM reports no "enabled" state; enabling twice is harmless */
	if (nisv_kvm_enable_nisv_to_user(vm_fd) == 0)
		f |= NISV_KVM_NISV_TO_USER;
	if (nisv_kvm_check_extension(vm_fd, KVM_CAP_ARM_INJECT_EXT_DABT) > 0)
		f |= NISV_KVM_EXT_DABT;
	return f;
}

/* ---- registers: KVM_GET/SET_ONE_REG, cached for one exit ---------------- */

static int one_reg(nisv_kvm_vcpu *kv, unsigned long req, uint64_t id, void *val)
{
	struct kvm_one_reg r = { .id = id, .addr = (uint64_t)(uintptr_t)val };

	if (req == KVM_GET_ONE_REG)
		kv->exit_get++;
	else
		kv->exit_set++;
	if (ioctl(kv->fd, req, &r) < 0) {
		kv->err = errno;
		return -1;
	}
	return 0;
}

static int kvm_get(void *ctx, unsigned reg, uint64_t *val)
{
	nisv_kvm_vcpu *kv = ctx;

	if (reg >= NISV_REG_COUNT)
		return -1;
	if (reg == NISV_DCZID_EL0) {
		*val = kv->dczid;
		return 0;
	}
	if (!(kv->reg_valid >> reg & 1)) {
		if (one_reg(kv, KVM_GET_ONE_REG, reg_id(reg), &kv->reg[reg]))
			return -1;
		kv->reg_valid |= 1ull << reg;
	}
	*val = kv->reg[reg];
	return 0;
}

static int kvm_set(void *ctx, unsigned reg, uint64_t val)
{
	nisv_kvm_vcpu *kv = ctx;

	if (reg >= NISV_REG_COUNT || reg == NISV_DCZID_EL0)
		return -1;
	if (one_reg(kv, KVM_SET_ONE_REG, reg_id(reg), &val))
		return -1;
	kv->reg[reg] = val;
	kv->reg_valid |= 1ull << reg;
	return 0;
}

static uint64_t le64(const uint8_t *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static void put_le64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++, v >>= 8)
		p[i] = (uint8_t)v;
}

/*
 * V[n]: KVM_REG_ARM_CORE fp_regs.vregs[n], or on an SVE vCPU bits [127:0]
 * of Z[n]. Writing Z[n] whole with the bits above 127 zero is what the
 * AdvSIMD&FP write does (Arm ARM DDI 0487, pseudocode V[] assignment form:
 * Z[n] = ZeroExtend(value) up to the current vector length).
 */
static int kvm_get_v(void *ctx, unsigned n, nisv_v128 *val)
{
	nisv_kvm_vcpu *kv = ctx;

	if (n >= 32)
		return -1;
	if (!(kv->v_valid >> n & 1)) {
		if (kv->sve) {
			uint8_t z[ZREG_BYTES];
			if (one_reg(kv, KVM_GET_ONE_REG, KVM_REG_ARM64_SVE_ZREG(n, 0), z))
				return -1;
			kv->v[n] = (nisv_v128){ le64(z), le64(z + 8) };
		} else {
			uint64_t buf[2]; /* __uint128_t in host (little-endian) order */
			if (one_reg(kv, KVM_GET_ONE_REG, VREG_ID(n), buf))
				return -1;
			kv->v[n] = (nisv_v128){ buf[0], buf[1] };
		}
		kv->v_valid |= 1u << n;
	}
	*val = kv->v[n];
	return 0;
}

static int kvm_set_v(void *ctx, unsigned n, const nisv_v128 *val)
{
	nisv_kvm_vcpu *kv = ctx;
	int r;

	if (n >= 32)
		return -1;
	if (kv->sve) {
		uint8_t z[ZREG_BYTES] = { 0 };
		put_le64(z, val->lo);
		put_le64(z + 8, val->hi);
		r = one_reg(kv, KVM_SET_ONE_REG, KVM_REG_ARM64_SVE_ZREG(n, 0), z);
	} else {
		uint64_t buf[2] = { val->lo, val->hi };
		r = one_reg(kv, KVM_SET_ONE_REG, VREG_ID(n), buf);
	}
	if (r)
		return -1;
	kv->v[n] = *val;
	kv->v_valid |= 1u << n;
	return 0;
}

static const nisv_reg_ops kvm_reg_ops = { kvm_get, kvm_set, kvm_get_v, kvm_set_v };

/* DCZID_EL0 is not trapped by KVM: the guest reads the host CPU's value. */
static uint64_t read_dczid(nisv_kvm_vcpu *kv)
{
	uint64_t v = 0;
	struct kvm_one_reg r = { .id = REG_DCZID_EL0, .addr = (uint64_t)(uintptr_t)&v };

	if (ioctl(kv->fd, KVM_GET_ONE_REG, &r) == 0)
		return v;
#if defined(__aarch64__)
	__asm__ volatile("mrs %0, dczid_el0" : "=r"(v));
#else
	v = 4; /* 64-byte blocks, the usual value */
#endif
	return v;
}

/* An SVE vCPU: KVM_REG_ARM64_SVE_VLS can be read only there (ENOENT on
 * other vCPUs; a kernel without SVE support knows no such register). */
static int vcpu_has_sve(nisv_kvm_vcpu *kv)
{
	uint64_t vls[KVM_ARM64_SVE_VLS_WORDS];
	struct kvm_one_reg r = { .id = KVM_REG_ARM64_SVE_VLS, .addr = (uint64_t)(uintptr_t)vls };

	return ioctl(kv->fd, KVM_GET_ONE_REG, &r) == 0;
}

/*
 * The guest CPU's features that change nisv's results, from the ID
 * registers KVM presents to the guest (already sanitised by KVM).
 */
static void detect_features(nisv_kvm_vcpu *kv)
{
	static const unsigned parange_bits[] = { 32, 36, 40, 42, 44, 48, 52 };
	uint64_t mmfr0 = 0, mmfr1 = 0, mmfr2 = 0, pfr1 = 0;
	uint32_t f = 0;
	struct kvm_one_reg r;

#define ID_REG(var, op2, crm)                                                         \
	r = (struct kvm_one_reg){ .id = ARM64_SYS_REG(3, 0, 0, crm, op2), .addr = (uint64_t)(uintptr_t)&var }; \
	if (ioctl(kv->fd, KVM_GET_ONE_REG, &r) < 0)                                     \
		var = 0;
	ID_REG(mmfr0, 0, 7) /* ID_AA64MMFR0_EL1 */
	ID_REG(mmfr1, 1, 7) /* ID_AA64MMFR1_EL1 */
	ID_REG(mmfr2, 2, 7) /* ID_AA64MMFR2_EL1 */
	ID_REG(pfr1, 1, 4)  /* ID_AA64PFR1_EL1 */
#undef ID_REG
	if ((mmfr2 >> 32 & 0xf) >= 1) /* AT: FEAT_LSE2 */
		f |= NISV_FEAT_LSE2;
	if ((mmfr0 & 0xf) == 6) /* PARange 52 bits: FEAT_LPA */
		f |= NISV_FEAT_LPA;
	if ((mmfr0 >> 28 & 0xf) == 1 || (mmfr0 >> 20 & 0xf) == 2) /* TGran4/16: 52-bit */
		f |= NISV_FEAT_LPA2;
	if ((mmfr2 >> 16 & 0xf) == 1) /* VARange: FEAT_LVA */
		f |= NISV_FEAT_LVA;
	if ((mmfr1 & 0xf) >= 2) /* HAFDBS: access flag and dirty state */
		f |= NISV_FEAT_HAFDBS;
	if ((pfr1 >> 8 & 0xf) >= 2) /* MTE: FEAT_MTE2 (only when the VM enabled it) */
		f |= NISV_FEAT_MTE;
	nisv_vcpu_set_features(&kv->nisv, f);
	if (mmfr0 && (mmfr0 & 0xf) < sizeof(parange_bits) / sizeof(parange_bits[0]))
		nisv_vcpu_set_pa_bits(&kv->nisv, parange_bits[mmfr0 & 0xf]);
}

int nisv_kvm_vcpu_init(nisv_kvm_vcpu *kv, int vcpu_fd, struct kvm_run *run, const nisv_mem_ops *mem,
                       void *mem_ctx, unsigned flags)
{
	if (!kv || vcpu_fd < 0 || !run || !mem)
		return -EINVAL;
	memset(kv, 0, sizeof(*kv));
	kv->fd = vcpu_fd;
	kv->run = run;
	kv->flags = flags;
	if (nisv_vcpu_init(&kv->nisv, &kvm_reg_ops, kv, mem, mem_ctx) != NISV_OK)
		return -EINVAL;
	nisv_vcpu_set_fault_mode(&kv->nisv, NISV_FAULTS_REPORT);
	kv->dczid = read_dczid(kv);
	kv->sve = vcpu_has_sve(kv);
	detect_features(kv);
	return 0;
}

/* ---- exits --------------------------------------------------------------- */

static int pend_ext_dabt(nisv_kvm_vcpu *kv)
{
	struct kvm_vcpu_events ev;

	memset(&ev, 0, sizeof(ev));
	ev.exception.ext_dabt_pending = 1;
	if (ioctl(kv->fd, KVM_SET_VCPU_EVENTS, &ev) < 0) {
		kv->err = errno;
		return -1;
	}
	return 0;
}

static int is_data_abort(uint32_t esr)
{
	unsigned ec = esr >> 26 & 0x3f;
	return ec == 0x24 || ec == 0x25;
}

/*
 * Deliver the fault nisv reported for `ab`: KVM's external data abort when
 * it fits, else nisv takes the exception through the registers (it runs the
 * same abort again in inject mode; the registers come from the exit cache).
 */
static int deliver(nisv_kvm_vcpu *kv, const nisv_abort *ab, nisv_kvm_exit *out)
{
	nisv_result *res = &out->res;

	if (res->fault == NISV_FAULT_EXTERNAL && is_data_abort(res->esr) && (kv->flags & NISV_KVM_EXT_DABT) &&
	    !(kv->flags & NISV_KVM_FAULTS_VIA_REGS)) {
		if (pend_ext_dabt(kv))
			return -1;
		out->delivery = NISV_KVM_VIA_EXT_DABT;
		kv->stats.faults_ext_dabt++;
		return 0;
	}
	nisv_vcpu_set_fault_mode(&kv->nisv, NISV_FAULTS_INJECT);
	nisv_status st = nisv_handle_abort(&kv->nisv, ab, res);
	nisv_vcpu_set_fault_mode(&kv->nisv, NISV_FAULTS_REPORT);
	if (st == NISV_FAULT && res->injected) {
		out->delivery = NISV_KVM_VIA_REGS;
		kv->stats.faults_regs++;
		return 0;
	}
	return st == NISV_OK || st == NISV_RETRY ? 0 : -1;
}

static int handle_nisv(nisv_kvm_vcpu *kv, nisv_kvm_exit *out)
{
	struct kvm_run *run = kv->run;
	nisv_abort ab = {
		.esr = run->arm_nisv.esr_iss,
		.ipa = run->arm_nisv.fault_ipa,
		.flags = NISV_ABORT_ISS_ONLY,
	};
	nisv_status st;

	out->kind = NISV_KVM_EXIT_NISV;
	out->ipa = ab.ipa;
	out->write = (ab.esr >> 6) & 1;
	kv->stats.nisv_exits++;
	st = nisv_handle_abort(&kv->nisv, &ab, &out->res);
	switch (st) {
	case NISV_OK:
		kv->stats.emulated++;
		if (out->res.insn.op < NISV_OP_COUNT)
			kv->stats.by_op[out->res.insn.op]++;
		return 0;
	case NISV_RETRY:
		kv->stats.retries++;
		return 0;
	case NISV_FAULT:
		return deliver(kv, &ab, out);
	case NISV_UNSUPPORTED:
		/* nothing emulates it: the floor is an external abort */
		if (!(kv->flags & NISV_KVM_EXT_DABT))
			return -1;
		out->res.fault = NISV_FAULT_EXTERNAL;
		if (pend_ext_dabt(kv))
			return -1;
		out->delivery = NISV_KVM_VIA_EXT_DABT;
		kv->stats.faults_ext_dabt++;
		return 0;
	default:
		return -1;
	}
}

static int handle_mmio(nisv_kvm_vcpu *kv, nisv_kvm_exit *out)
{
	struct kvm_run *run = kv->run;
	const nisv_mem_ops *mem = kv->nisv.mem;
	void *ctx = kv->nisv.mem_ctx;
	uint64_t ipa = run->mmio.phys_addr;
	uint32_t len = run->mmio.len;
	int write = run->mmio.is_write != 0;
	int fault = 0;

	out->kind = NISV_KVM_EXIT_MMIO;
	out->ipa = ipa;
	out->len = len;
	out->write = (uint8_t)write;
	kv->stats.mmio_exits++;
	if (write)
		kv->stats.mmio_writes++;
	else
		kv->stats.mmio_reads++;
	if (len == 0 || len > sizeof(run->mmio.data))
		fault = NISV_FAULT_EXTERNAL;
	else if (mem->check)
		fault = mem->check(ctx, ipa, len, write ? NISV_MEM_WRITE : 0, ipa);
	if (!fault) {
		int err = write ? mem->write(ctx, ipa, run->mmio.data, len, 0)
		                : mem->read(ctx, ipa, run->mmio.data, len, 0);
		if (!err) {
			out->res.status = NISV_OK;
			return 0;
		}
		fault = NISV_FAULT_EXTERNAL;
	}
	out->res.status = NISV_FAULT;
	out->res.fault = (uint8_t)fault;
	out->res.write = (uint8_t)write;
	/*
	 * The access faults. KVM must not complete the load/skip the
	 * instruction on the next KVM_RUN: it does so only while exit_reason
	 * still says KVM_EXIT_MMIO.
	 */
	run->exit_reason = KVM_EXIT_UNKNOWN;
	if (fault == NISV_FAULT_EXTERNAL && (kv->flags & NISV_KVM_EXT_DABT) && !(kv->flags & NISV_KVM_FAULTS_VIA_REGS)) {
		if (pend_ext_dabt(kv))
			return -1;
		out->delivery = NISV_KVM_VIA_EXT_DABT;
		kv->stats.faults_ext_dabt++;
		return 0;
	}
	/* No syndrome to build the ESR from: let nisv decode the instruction
	 * at PC and take the same fault precisely. */
	nisv_abort ab = { .esr = write ? 1u << 6 : 0, .ipa = ipa, .flags = NISV_ABORT_ISS_ONLY };
	return deliver(kv, &ab, out);
}

int nisv_kvm_handle_exit(nisv_kvm_vcpu *kv, nisv_kvm_exit *out)
{
	nisv_kvm_exit local;
	int r;

	if (!out)
		out = &local;
	memset(out, 0, sizeof(*out));
	/* a new exit: the registers may all have changed */
	kv->reg_valid = 0;
	kv->v_valid = 0;
	kv->exit_get = kv->exit_set = 0;
	kv->err = 0;
	switch (kv->run->exit_reason) {
	case KVM_EXIT_MMIO:
		r = handle_mmio(kv, out);
		break;
	case KVM_EXIT_ARM_NISV:
		r = handle_nisv(kv, out);
		kv->stats.get_one_reg += kv->exit_get;
		kv->stats.set_one_reg += kv->exit_set;
		break;
	default:
		return 1;
	}
	out->get_one_reg = kv->exit_get;
	out->set_one_reg = kv->exit_set;
	return r;
}

int nisv_kvm_handle_run_error(nisv_kvm_vcpu *kv, int err, nisv_kvm_exit *out)
{
	nisv_kvm_exit local;
	/* no syndrome: a read that covers no IPA, so a PC that does fetch
	 * comes back as stale (NISV_RETRY) and nothing is done */
	nisv_abort ab = { .esr = 0, .ipa = ~0ull, .flags = NISV_ABORT_ISS_ONLY };
	nisv_status st;

	if (!out)
		out = &local;
	memset(out, 0, sizeof(*out));
	kv->reg_valid = 0;
	kv->v_valid = 0;
	kv->exit_get = kv->exit_set = 0;
	kv->err = err;
	if (err != ENOEXEC)
		return -1;
	kv->err = 0;
	out->kind = NISV_KVM_EXIT_OTHER;
	st = nisv_handle_abort(&kv->nisv, &ab, &out->res);
	if (st == NISV_FAULT && (out->res.esr >> 26 == 0x20 || out->res.esr >> 26 == 0x21)) {
		/* the fetch itself faults: take it, precisely */
		nisv_vcpu_set_fault_mode(&kv->nisv, NISV_FAULTS_INJECT);
		st = nisv_handle_abort(&kv->nisv, &ab, &out->res);
		nisv_vcpu_set_fault_mode(&kv->nisv, NISV_FAULTS_REPORT);
		if (st == NISV_FAULT && out->res.injected) {
			out->delivery = NISV_KVM_VIA_REGS;
			kv->stats.fetch_aborts++;
			kv->stats.faults_regs++;
			kv->enoexec_streak = 0;
			return 0;
		}
	}
	if (st == NISV_CALLBACK_ERROR || st == NISV_INVALID_ARGUMENT)
		return -1;
	if (++kv->enoexec_streak < 3)
		return 0; /* the guest's tables moved: run it again */
	kv->enoexec_streak = 0;
	if (!(kv->flags & NISV_KVM_EXT_DABT) || pend_ext_dabt(kv))
		return -1;
	out->delivery = NISV_KVM_VIA_EXT_DABT;
	out->res.fault = NISV_FAULT_EXTERNAL;
	kv->stats.faults_ext_dabt++;
	return 0;
}

const char *nisv_kvm_delivery_name(unsigned d)
{
	switch (d) {
	case NISV_KVM_VIA_EXT_DABT:
		return "ext-dabt";
	case NISV_KVM_VIA_REGS:
		return "regs";
	default:
		return "-";
	}
}

const char *nisv_kvm_exit_name(unsigned kind)
{
	switch (kind) {
	case NISV_KVM_EXIT_MMIO:
		return "MMIO";
	case NISV_KVM_EXIT_NISV:
		return "NISV";
	default:
		return "other";
	}
}
