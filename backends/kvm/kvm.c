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
 *   KVM_ARM_VCPU_INIT on: KVM_ARM64_SVE_VLS_WORDS u64 words, bit (vq - 1)
 *   of word (vq - 1) / 64 set when the vector length vq * 128 bits is
 *   offered to the guest (a contiguous run of the host's lengths up to the
 *   vCPU's maximum, which KVM enforces through ZCR_EL2.LEN).
 * - SVE state on such a vCPU: Z[n] is KVM_REG_ARM64_SVE_ZREG(n, 0)
 *   (KVM_REG_SIZE_U2048), P[n] KVM_REG_ARM64_SVE_PREG(n, 0) and FFR
 *   KVM_REG_ARM64_SVE_FFR(0) (KVM_REG_SIZE_U256): slice 0 covers every
 *   vector length up to 2048 bits. KVM copies only the bytes of the
 *   vCPU's maximum vector length (a GET zero-fills the rest of the
 *   buffer, a SET ignores it). ZCR_EL1 is the system register
 *   ARM64_SYS_REG(3, 0, 1, 2, 0). KVM in Linux 6.1 gives guests no SME
 *   (no SVCR, SMCR_EL1, ZA or ZT0).
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

#define VREG_BYTES 16  /* V[n]: KVM_REG_SIZE_U128                    */
#define ZREG_BYTES 256 /* Z[n] slice 0: KVM_REG_SIZE_U2048           */
#define PREG_BYTES 32  /* P[n], FFR slice 0: KVM_REG_SIZE_U256       */

#define REG_DCZID_EL0 ARM64_SYS_REG(3, 3, 0, 0, 7)

/*
 * ESR_ELx fields the backend looks at (Arm ARM DDI 0487, D24.2.40 ESR_EL1;
 * KVM's esr_iss keeps only ISS.{CM, WnR, DFSC} of a data abort).
 */
#define ESR_EC(esr) ((unsigned)((esr) >> 26) & 0x3f)
#define EC_IABT_LOWER 0x20 /* instruction abort from a lower EL          */
#define EC_IABT_SAME 0x21  /* instruction abort without a change of EL   */
#define EC_DABT_LOWER 0x24 /* data abort from a lower EL                 */
#define EC_DABT_SAME 0x25  /* data abort without a change of EL          */
#define ISS_WNR (1u << 6)  /* data abort: the access writes              */
#define ISS_DFSC 0x3fu     /* data abort: the fault status code          */
#define DFSC_SEA 0x10      /* synchronous external abort, not on a walk  */

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
	[NISV_ZCR_EL1] = ARM64_SYS_REG(3, 0, 1, 2, 0),
	/* NISV_SVCR, NISV_SMCR_EL1: 0, none (no SME for KVM guests) */
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

/* ---- registers: one KVM_GET/SET_ONE_REG per nisv callback ---------------- */

/*
 * No register cache of the backend's own. nisv keeps what it read for the
 * rest of one call and writes back only what changed, so within a call each
 * register costs at most one ioctl each way. Only a fault taken through the
 * registers makes a second call: nisv_inject() after the nisv_handle_abort()
 * that reported it, reading PSTATE, SCTLR_EL1 and PC again (VBAR_EL1 is
 * new). A cache here, kept across the calls of one exit, saves exactly
 * those 3 KVM_GET_ONE_REG per such fault and none anywhere else. Measured
 * over the e2e guests (scripts/e2e/run.sh, 377,954 exits), KVM_GET_ONE_REG
 * per exit with such a cache -> without:
 *   MMIO served (117,053), or its fault via KVM (2)      0    -> 0
 *   NISV emulated (250,677)                              5.66 -> 5.66
 *   NISV stale (2,591)                                   6.06 -> 6.06
 *   NISV fault via KVM_SET_VCPU_EVENTS (3,482)           5.00 -> 5.00
 *   NISV fault through the registers (4,147)             6.14 -> 9.14
 *   MMIO fault through the registers (2)                 5    -> 8
 *   KVM_RUN ENOEXEC instruction abort (Linux 6.1 injects
 *   it itself, so not exercised; by the same count)      +3
 * That is 1.1% of the exits (nearly all from the hostile guest, which
 * provokes faults), +0.6% of all register ioctls: a second cache, with its
 * per-exit invalidation rule, does not earn its place.
 */
static int one_reg(nisv_kvm_vcpu *kv, unsigned long req, uint64_t id, void *val)
{
	struct kvm_one_reg r = { .id = id, .addr = (uint64_t)(uintptr_t)val };

	if (kv->exit) {
		if (req == KVM_GET_ONE_REG)
			kv->exit->get_one_reg++;
		else
			kv->exit->set_one_reg++;
	}
	if (ioctl(kv->fd, req, &r) < 0) {
		kv->err = errno;
		return -1;
	}
	return 0;
}

static int kvm_get(void *ctx, unsigned reg, uint64_t *val)
{
	nisv_kvm_vcpu *kv = ctx;
	nisv_kvm_exit *ex = kv->exit;

	if (reg >= NISV_REG_COUNT || !reg_id(reg))
		return -1;
	if (reg == NISV_DCZID_EL0) {
		*val = kv->dczid;
		return 0;
	}
	if (one_reg(kv, KVM_GET_ONE_REG, reg_id(reg), val))
		return -1;
	if (ex && reg == NISV_PC)
		ex->pc = *val;
	else if (ex && reg == NISV_PSTATE)
		ex->pstate = *val;
	else if (ex && reg == NISV_SCTLR_EL1)
		ex->sctlr = *val;
	return 0;
}

static int kvm_set(void *ctx, unsigned reg, uint64_t val)
{
	if (reg >= NISV_REG_COUNT || reg == NISV_DCZID_EL0 || !reg_id(reg))
		return -1;
	return one_reg(ctx, KVM_SET_ONE_REG, reg_id(reg), &val);
}

/*
 * V[n] as 16 bytes, byte i = bits [8i+7:8i]: KVM_REG_ARM_CORE
 * fp_regs.vregs[n] (a __uint128_t in host order), or on an SVE vCPU bytes
 * 0-15 of Z[n]. Writing Z[n] whole with the bits above 127 zero is what the
 * AdvSIMD&FP write does (Arm ARM DDI 0487, pseudocode V[] assignment form:
 * Z[n] = ZeroExtend(value) up to the current vector length).
 */
static int vreg_io(nisv_kvm_vcpu *kv, unsigned long req, unsigned n, uint8_t q[VREG_BYTES])
{
	if (kv->sve) {
		uint8_t z[ZREG_BYTES] = { 0 };
		if (req == KVM_SET_ONE_REG)
			memcpy(z, q, VREG_BYTES);
		if (one_reg(kv, req, KVM_REG_ARM64_SVE_ZREG(n, 0), z))
			return -1;
		if (req == KVM_GET_ONE_REG)
			memcpy(q, z, VREG_BYTES);
		return 0;
	}
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	uint8_t host[VREG_BYTES];
	for (int i = 0; i < VREG_BYTES; i++)
		host[i] = q[VREG_BYTES - 1 - i];
	if (one_reg(kv, req, VREG_ID(n), host))
		return -1;
	for (int i = 0; i < VREG_BYTES; i++)
		q[i] = host[VREG_BYTES - 1 - i];
	return 0;
#else
	return one_reg(kv, req, VREG_ID(n), q);
#endif
}

/*
 * An SVE register of a nisv_vfile as KVM holds it: its id (slice 0) and
 * the size of that slice. 0 for V (vreg_io), for the SME files (ZA, ZT0:
 * no SME for KVM guests) and for a vCPU without SVE.
 */
static uint64_t sve_reg(const nisv_kvm_vcpu *kv, unsigned file, unsigned n, uint32_t *size)
{
	if (!kv->sve)
		return 0;
	switch (file) {
	case NISV_VFILE_Z:
		*size = ZREG_BYTES;
		return n < 32 ? KVM_REG_ARM64_SVE_ZREG(n, 0) : 0;
	case NISV_VFILE_P:
		*size = PREG_BYTES;
		return n < 16 ? KVM_REG_ARM64_SVE_PREG(n, 0) : 0;
	case NISV_VFILE_FFR:
		*size = PREG_BYTES;
		return n == 0 ? KVM_REG_ARM64_SVE_FFR(0) : 0;
	default:
		return 0;
	}
}

/* The bytes of an SVE register KVM keeps at the vCPU's largest vector
 * length (the highest vq nisv was told): Z VL / 8, P and FFR VL / 64. */
static uint32_t sve_live_bytes(nisv_kvm_vcpu *kv, unsigned file)
{
	uint32_t vqs = nisv_vcpu_sve_vqs(&kv->nisv);
	uint32_t max_vq = vqs ? 32u - (uint32_t)__builtin_clz(vqs) : 16u;

	return file == NISV_VFILE_Z ? 16u * max_vq : 2u * max_vq;
}

static int range_ok(uint32_t size, uint32_t offset, uint32_t len)
{
	return offset <= size && len <= size - offset;
}

static int kvm_get_vec(void *ctx, unsigned file, unsigned n, uint32_t offset, void *buf, uint32_t len)
{
	nisv_kvm_vcpu *kv = ctx;
	uint8_t reg[ZREG_BYTES];
	uint32_t size = VREG_BYTES;
	uint64_t id = 0;

	if (file == NISV_VFILE_V) {
		if (n >= 32 || !range_ok(VREG_BYTES, offset, len) || vreg_io(kv, KVM_GET_ONE_REG, n, reg))
			return -1;
	} else if (!(id = sve_reg(kv, file, n, &size)) || !range_ok(size, offset, len) ||
	           one_reg(kv, KVM_GET_ONE_REG, id, reg)) {
		return -1;
	}
	memcpy(buf, reg + offset, len);
	return 0;
}

/*
 * A write of part of a register keeps its other bytes: V[n] and the SVE
 * slices are read, patched and written. An SVE write from byte 0 that
 * covers every byte KVM keeps (the vCPU's largest vector length) needs no
 * read: KVM ignores the bytes beyond. nisv writes a Z or P register whole
 * at the current vector length, so only a guest running below its
 * largest length (ZCR_EL1.LEN) pays the read; the bits of Z[n] above the
 * current length keep their values, one of the two behaviours the Arm
 * ARM allows (pseudocode Z[] assignment form, Unpredictable_SVEZEROUPPER).
 */
static int kvm_set_vec(void *ctx, unsigned file, unsigned n, uint32_t offset, const void *buf, uint32_t len)
{
	nisv_kvm_vcpu *kv = ctx;
	uint8_t reg[ZREG_BYTES];
	uint32_t size;
	uint64_t id;

	if (file == NISV_VFILE_V) {
		if (n >= 32 || !range_ok(VREG_BYTES, offset, len))
			return -1;
		if (len < VREG_BYTES && vreg_io(kv, KVM_GET_ONE_REG, n, reg))
			return -1;
		memcpy(reg + offset, buf, len);
		return vreg_io(kv, KVM_SET_ONE_REG, n, reg);
	}
	if (!(id = sve_reg(kv, file, n, &size)) || !range_ok(size, offset, len))
		return -1;
	if (offset || len < sve_live_bytes(kv, file)) {
		if (one_reg(kv, KVM_GET_ONE_REG, id, reg))
			return -1;
	} else {
		memset(reg, 0, size);
	}
	memcpy(reg + offset, buf, len);
	return one_reg(kv, KVM_SET_ONE_REG, id, reg);
}

static const nisv_reg_ops kvm_reg_ops = {
	.get = kvm_get,
	.set = kvm_set,
	.get_vec = kvm_get_vec,
	.set_vec = kvm_set_vec,
};

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

/*
 * An SVE vCPU: KVM_REG_ARM64_SVE_VLS can be read only there (ENOENT on
 * other vCPUs; a kernel without SVE support knows no such register). Its
 * vector lengths go to nisv: bit vq - 1 is nisv's bit i = vq - 1 too, and
 * vq 1..16 (128..2048 bits) are all the architecture has.
 */
static void detect_sve(nisv_kvm_vcpu *kv)
{
	uint64_t vls[KVM_ARM64_SVE_VLS_WORDS] = { 0 };
	struct kvm_one_reg r = { .id = KVM_REG_ARM64_SVE_VLS, .addr = (uint64_t)(uintptr_t)vls };

	if (ioctl(kv->fd, KVM_GET_ONE_REG, &r) < 0)
		return;
	kv->sve = 1;
	nisv_vcpu_set_vector_lengths(&kv->nisv, (uint32_t)(vls[0] & 0xffff), 0);
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
	kv->mem = mem;
	kv->mem_ctx = mem_ctx;
	if (nisv_vcpu_init(&kv->nisv, &kvm_reg_ops, kv, mem, mem_ctx) != NISV_OK)
		return -EINVAL;
	nisv_vcpu_set_fault_mode(&kv->nisv, NISV_FAULTS_REPORT);
	kv->dczid = read_dczid(kv);
	detect_sve(kv);
	detect_features(kv);
	return 0;
}

/* ---- faults -------------------------------------------------------------- */

/* A synchronous external abort on a data access, not on a walk: the one
 * exception KVM's ext_dabt_pending can stand for. */
static int is_data_sea(uint32_t esr)
{
	unsigned ec = ESR_EC(esr);

	return (ec == EC_DABT_LOWER || ec == EC_DABT_SAME) && (esr & ISS_DFSC) == DFSC_SEA;
}

/* KVM may inject the external aborts (not with NISV_KVM_FAULTS_VIA_REGS). */
static int kvm_injects(const nisv_kvm_vcpu *kv)
{
	return (kv->flags & NISV_KVM_EXT_DABT) && !(kv->flags & NISV_KVM_FAULTS_VIA_REGS);
}

/*
 * Pend KVM's synchronous external data abort for the access that exited
 * (KVM_SET_VCPU_EVENTS, exception.ext_dabt_pending: KVM builds the syndrome)
 * and record it in out. The one place the backend injects through KVM.
 */
static int deliver_ext_dabt(nisv_kvm_vcpu *kv, nisv_kvm_exit *out)
{
	struct kvm_vcpu_events ev;

	memset(&ev, 0, sizeof(ev));
	ev.exception.ext_dabt_pending = 1;
	if (ioctl(kv->fd, KVM_SET_VCPU_EVENTS, &ev) < 0) {
		kv->err = errno;
		return -1;
	}
	out->res.fault = NISV_FAULT_EXTERNAL;
	out->delivery = NISV_KVM_VIA_EXT_DABT;
	kv->stats.faults_ext_dabt++;
	return 0;
}

/* Exception entry through the registers with the fault nisv reported in
 * out->res (nisv_inject: ESR/FAR/ELR/SPSR_EL1, PSTATE, PC). */
static int deliver_regs(nisv_kvm_vcpu *kv, nisv_kvm_exit *out)
{
	if (nisv_inject(&kv->nisv, &out->res) != NISV_OK)
		return -1;
	out->res.injected = 1;
	out->delivery = NISV_KVM_VIA_REGS;
	kv->stats.faults_regs++;
	return 0;
}

/*
 * The end of one nisv_handle_abort() in report mode: a fault goes to KVM
 * when it is an external data abort KVM may inject, else through the
 * registers; an instruction nobody emulates gets KVM's external abort, the
 * floor (even with NISV_KVM_FAULTS_VIA_REGS).
 */
static int settle(nisv_kvm_vcpu *kv, nisv_status st, nisv_kvm_exit *out)
{
	switch (st) {
	case NISV_OK:
	case NISV_RETRY:
		return 0;
	case NISV_FAULT:
		if (is_data_sea(out->res.esr) && kvm_injects(kv))
			return deliver_ext_dabt(kv, out);
		return deliver_regs(kv, out);
	case NISV_UNSUPPORTED:
		return kv->flags & NISV_KVM_EXT_DABT ? deliver_ext_dabt(kv, out) : -1;
	default:
		return -1;
	}
}

/* ---- exits --------------------------------------------------------------- */

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
	out->write = (ab.esr & ISS_WNR) != 0;
	kv->stats.nisv_exits++;
	st = nisv_handle_abort(&kv->nisv, &ab, &out->res);
	if (st == NISV_OK) {
		kv->stats.emulated++;
		if (out->res.insn.op < NISV_OP_COUNT)
			kv->stats.by_op[out->res.insn.op]++;
	} else if (st == NISV_RETRY) {
		kv->stats.retries++;
	}
	return settle(kv, st, out);
}

/* The smallest naturally aligned piece of [ipa, ipa + len), len a power of 2. */
static uint32_t piece_min(uint64_t ipa, uint32_t len)
{
	while (len > 1 && (ipa & (len - 1)))
		len >>= 1;
	return len;
}

static int handle_mmio(nisv_kvm_vcpu *kv, nisv_kvm_exit *out)
{
	struct kvm_run *run = kv->run;
	const nisv_mem_ops *mem = kv->mem;
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
	if (len == 0 || len > sizeof(run->mmio.data)) {
		fault = NISV_FAULT_EXTERNAL;
	} else if (mem->check) {
		nisv_access a = {
			.ipa = ipa,
			.len = len,
			.flags = write ? NISV_MEM_WRITE : 0,
			.npages = 1,
			.piece_min = piece_min(ipa, len),
			.page = { { .ipa = ipa, .len = len } },
		};
		fault = mem->check(kv->mem_ctx, &a);
	}
	if (!fault) {
		int err = write ? mem->write(kv->mem_ctx, ipa, run->mmio.data, len, 0)
		                : mem->read(kv->mem_ctx, ipa, run->mmio.data, len, 0);
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
	if (fault == NISV_FAULT_EXTERNAL && kvm_injects(kv))
		return deliver_ext_dabt(kv, out);
	/*
	 * No syndrome to build the ESR from: nisv decodes the instruction at
	 * PC as for an ISV=0 abort at this IPA (one fetch and walk) and reports
	 * the fault precisely; settle() injects it. Should the access now
	 * succeed (a device appeared meanwhile), nisv performs it.
	 */
	nisv_abort ab = { .esr = write ? ISS_WNR : 0, .ipa = ipa, .flags = NISV_ABORT_ISS_ONLY };
	return settle(kv, nisv_handle_abort(&kv->nisv, &ab, &out->res), out);
}

/* A new exit: out (or a local one) records it, counters from zero. */
static nisv_kvm_exit *begin(nisv_kvm_vcpu *kv, nisv_kvm_exit *out, nisv_kvm_exit *local)
{
	if (!out)
		out = local;
	memset(out, 0, sizeof(*out));
	kv->exit = out;
	kv->err = 0;
	return out;
}

int nisv_kvm_handle_exit(nisv_kvm_vcpu *kv, nisv_kvm_exit *out)
{
	nisv_kvm_exit local;
	int r;

	out = begin(kv, out, &local);
	switch (kv->run->exit_reason) {
	case KVM_EXIT_MMIO:
		r = handle_mmio(kv, out);
		break;
	case KVM_EXIT_ARM_NISV:
		r = handle_nisv(kv, out);
		kv->stats.get_one_reg += out->get_one_reg;
		kv->stats.set_one_reg += out->set_one_reg;
		break;
	default:
		r = 1;
		break;
	}
	kv->exit = NULL;
	return r;
}

/*
 * ENOEXEC. No syndrome: a read that covers no IPA, so a PC that does fetch
 * comes back as stale (NISV_RETRY) and nothing is done; a PC that cannot be
 * fetched reports the instruction abort, which is taken through the
 * registers (KVM injects only data aborts).
 */
static int enoexec(nisv_kvm_vcpu *kv, nisv_kvm_exit *out)
{
	nisv_abort ab = { .esr = 0, .ipa = ~0ull, .flags = NISV_ABORT_ISS_ONLY };
	nisv_status st = nisv_handle_abort(&kv->nisv, &ab, &out->res);
	unsigned ec = ESR_EC(out->res.esr);

	if (st == NISV_FAULT && (ec == EC_IABT_LOWER || ec == EC_IABT_SAME)) {
		if (deliver_regs(kv, out))
			return -1;
		kv->stats.fetch_aborts++;
		kv->enoexec_streak = 0;
		return 0;
	}
	if (st == NISV_CALLBACK_ERROR || st == NISV_INVALID_ARGUMENT)
		return -1;
	if (++kv->enoexec_streak < 3)
		return 0; /* the guest's tables moved: run it again */
	kv->enoexec_streak = 0;
	return kv->flags & NISV_KVM_EXT_DABT ? deliver_ext_dabt(kv, out) : -1;
}

int nisv_kvm_handle_run_error(nisv_kvm_vcpu *kv, int err, nisv_kvm_exit *out)
{
	nisv_kvm_exit local;
	int r;

	out = begin(kv, out, &local);
	if (err != ENOEXEC) {
		kv->err = err;
		kv->exit = NULL;
		return -1;
	}
	out->kind = NISV_KVM_EXIT_OTHER;
	r = enoexec(kv, out);
	kv->exit = NULL;
	return r;
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
