/*
 * nisv_reg_ops at EL2: the host's general registers, PC and PSTATE are in
 * the trap frame (restored at ERET); its EL1 system registers, SP_EL0 and
 * SP_EL1 and its vector registers are still live in the CPU, since the
 * hypervisor switches no context and its C code uses no FP/SIMD register
 * (-mgeneral-regs-only).
 */
#include "hyp.h"

struct sysreg_row {
	uint64_t (*get)(void);
	void (*set)(uint64_t v);
};

#define LIVE(name, enc)                                                    \
	static uint64_t get_##name(void) { return SYSREG_READ(enc); }      \
	static void set_##name(uint64_t v) { SYSREG_WRITE(enc, v); }
LIVE(sp_el0, sp_el0)
LIVE(sp_el1, sp_el1)
LIVE(sctlr_el1, sctlr_el1)
LIVE(tcr_el1, tcr_el1)
LIVE(ttbr0_el1, ttbr0_el1)
LIVE(ttbr1_el1, ttbr1_el1)
LIVE(mair_el1, mair_el1)
LIVE(vbar_el1, vbar_el1)
LIVE(esr_el1, esr_el1)
LIVE(far_el1, far_el1)
LIVE(elr_el1, elr_el1)
LIVE(spsr_el1, spsr_el1)
LIVE(zcr_el1, S3_0_C1_C2_0)
static uint64_t get_dczid_el0(void) { return SYSREG_READ(dczid_el0); }

/* Every register nisv may ask for besides X0-X30, PC and PSTATE. SVCR and
 * SMCR_EL1 are absent: nisv reads them only with SME vector lengths set. */
static const struct sysreg_row live[NISV_REG_COUNT] = {
	[NISV_SP_EL0] = { get_sp_el0, set_sp_el0 },
	[NISV_SP_EL1] = { get_sp_el1, set_sp_el1 },
	[NISV_SCTLR_EL1] = { get_sctlr_el1, set_sctlr_el1 },
	[NISV_TCR_EL1] = { get_tcr_el1, set_tcr_el1 },
	[NISV_TTBR0_EL1] = { get_ttbr0_el1, set_ttbr0_el1 },
	[NISV_TTBR1_EL1] = { get_ttbr1_el1, set_ttbr1_el1 },
	[NISV_MAIR_EL1] = { get_mair_el1, set_mair_el1 },
	[NISV_VBAR_EL1] = { get_vbar_el1, set_vbar_el1 },
	[NISV_ESR_EL1] = { get_esr_el1, set_esr_el1 },
	[NISV_FAR_EL1] = { get_far_el1, set_far_el1 },
	[NISV_ELR_EL1] = { get_elr_el1, set_elr_el1 },
	[NISV_SPSR_EL1] = { get_spsr_el1, set_spsr_el1 },
	[NISV_DCZID_EL0] = { get_dczid_el0, 0 },
	[NISV_ZCR_EL1] = { get_zcr_el1, set_zcr_el1 },
};

static uint64_t *framed(struct hyp_frame *f, unsigned reg)
{
	if (reg <= NISV_X30)
		return &f->x[reg];
	if (reg == NISV_PC)
		return &f->elr;
	if (reg == NISV_PSTATE)
		return &f->spsr;
	return 0;
}

static int get(void *ctx, unsigned reg, uint64_t *val)
{
	struct hyp_cpu *c = ctx;
	uint64_t *p = framed(c->frame, reg);

	if (p)
		*val = *p;
	else if (reg < NISV_REG_COUNT && live[reg].get)
		*val = live[reg].get();
	else
		return -1;
	return 0;
}

static int set(void *ctx, unsigned reg, uint64_t val)
{
	struct hyp_cpu *c = ctx;
	uint64_t *p = framed(c->frame, reg);

	if (p)
		*p = val;
	else if (reg < NISV_REG_COUNT && live[reg].set)
		live[reg].set(val);
	else
		return -1;
	return 0;
}

/* Vector registers: read the whole live register, copy the bytes asked
 * for; a write is read-modify-write of the whole register. A V write
 * through hyp_vreg_write is "LDR Qn", which zeroes Z bits above 127, as
 * nisv_reg_ops asks. 256 bytes: the largest Z register (VL 2048). */
static int get_vec(void *ctx, unsigned file, unsigned n, uint32_t off, void *buf, uint32_t len)
{
	uint8_t img[256] __attribute__((aligned(16)));

	(void)ctx;
	if (off > sizeof(img) || len > sizeof(img) - off || hyp_vreg_read(file, n, img))
		return -1;
	memcpy(buf, img + off, len);
	return 0;
}

static int set_vec(void *ctx, unsigned file, unsigned n, uint32_t off, const void *buf, uint32_t len)
{
	uint8_t img[256] __attribute__((aligned(16)));

	(void)ctx;
	if (off > sizeof(img) || len > sizeof(img) - off || hyp_vreg_read(file, n, img))
		return -1;
	memcpy(img + off, buf, len);
	return hyp_vreg_write(file, n, img);
}

const nisv_reg_ops hyp_reg_ops = { get, set, get_vec, set_vec };

/* The SVE vector lengths the host can choose (bit vq - 1 for VL 128 * vq
 * bits): ZCR_EL2.LEN caps what EL1 gets, so try each LEN here and read
 * back the VL the CPU grants (CPTR_EL2.TZ is clear by now). ZCR_EL2 ends
 * at 15 (no cap). */
uint32_t hyp_sve_vqs(void)
{
	uint32_t vqs = 0;

	if (!(SYSREG_READ(id_aa64pfr0_el1) >> 32 & 0xf))
		return 0;
	for (unsigned len = 0; len < 16; len++) {
		SYSREG_WRITE(S3_4_C1_C2_0, len);
		__asm__ volatile("isb" ::: "memory");
		vqs |= 1u << (hyp_sve_vl() / 16 - 1);
	}
	SYSREG_WRITE(S3_4_C1_C2_0, 15);
	__asm__ volatile("isb" ::: "memory");
	return vqs;
}
