/* The vCPU's life: initialisation, settings, and the start of each call. */
#include "regs.h"

NISV_API uint32_t nisv_version(void)
{
	return NISV_VERSION;
}

NISV_API nisv_status nisv_vcpu_init(nisv_vcpu *nv, const nisv_reg_ops *regs, void *regs_ctx,
                                    const nisv_mem_ops *mem, void *mem_ctx)
{
	struct vcpu *v = vcpu_of(nv);

	if (!nv || !regs || !regs->get || !regs->set || !regs->get_vec || !regs->set_vec || !mem || !mem->read ||
	    !mem->write || !mem->lock != !mem->unlock)
		return NISV_INVALID_ARGUMENT;
	*v = (struct vcpu){ .regs = regs, .regs_ctx = regs_ctx, .mem = mem, .mem_ctx = mem_ctx,
		            .state = regs == &nisv_state_reg_ops ? regs_ctx : 0 };
	return NISV_OK;
}

void vcpu_forget_translations(struct vcpu *v)
{
	v->walk_cfg_valid = 0;
	v->memo[0].key = v->memo[1].key = 0;
}

void vcpu_begin_call(struct vcpu *v)
{
	regs_reset(v);
	v->ram_size = v->ram_desc_lim = 0;
	v->wc.valid = 0;
	v->fetch_read = 0;
}

NISV_API void nisv_vcpu_set_features(nisv_vcpu *nv, uint32_t features)
{
	if (nv) {
		vcpu_of(nv)->features = features;
		vcpu_forget_translations(vcpu_of(nv));
	}
}

NISV_API uint32_t nisv_vcpu_features(const nisv_vcpu *nv)
{
	return nv ? vcpu_const(nv)->features : 0;
}

NISV_API void nisv_vcpu_set_vector_lengths(nisv_vcpu *nv, uint32_t sve_vqs, uint32_t sme_vqs)
{
	if (nv) {
		vcpu_of(nv)->sve_vqs = (uint16_t)sve_vqs;
		vcpu_of(nv)->sme_vqs = (uint16_t)sme_vqs;
	}
}

NISV_API uint32_t nisv_vcpu_sve_vqs(const nisv_vcpu *nv)
{
	return nv ? vcpu_const(nv)->sve_vqs : 0;
}

NISV_API uint32_t nisv_vcpu_sme_vqs(const nisv_vcpu *nv)
{
	return nv ? vcpu_const(nv)->sme_vqs : 0;
}

NISV_API void nisv_vcpu_set_pa_bits(nisv_vcpu *nv, unsigned bits)
{
	if (nv && bits >= 32 && bits <= 52) {
		vcpu_of(nv)->pa_bits = (uint8_t)bits;
		vcpu_forget_translations(vcpu_of(nv));
	}
}

NISV_API unsigned nisv_vcpu_pa_bits(const nisv_vcpu *nv)
{
	unsigned bits = nv ? vcpu_const(nv)->pa_bits : 0;

	return bits ? bits : 48;
}

NISV_API void nisv_vcpu_set_fault_mode(nisv_vcpu *nv, nisv_fault_mode mode)
{
	if (nv)
		vcpu_of(nv)->inject = mode == NISV_FAULTS_INJECT;
}

NISV_API void nisv_clear_exclusive(nisv_vcpu *nv)
{
	if (nv)
		vcpu_of(nv)->excl_armed = 0;
}
