/*
 * Oracle 4: the guest's own MMU (AT S1E1R/W, S1E0R/W + PAR_EL1) against
 * nisv's stage-1 walker, on the same tables, registers and VAs.
 */
#ifndef EXAMPLE_ORACLE_H
#define EXAMPLE_ORACLE_H

#include <stdint.h>

#include <nisv.h>

struct oracle_stats {
	uint64_t checked, mismatches;
	uint64_t ok, xlat, af, perm, size, other; /* by the CPU's result */
	uint64_t edge_checked, edge_mismatches;   /* batches marked "edge"   */
	unsigned printed;
};

/*
 * Check the batch of AT results at guest IPA `ipa` (struct oracle_batch,
 * platform.h): for each VA, translate with nisv using the vCPU's current
 * translation registers (KVM_GET_ONE_REG on vcpu_fd) and guest memory
 * (mem/mem_ctx), as a CPU with `features` (NISV_FEAT_*) and a physical
 * address size of pa_bits (the vCPU's: nisv_vcpu_features(),
 * nisv_vcpu_pa_bits()). Writes the batch's counters back into guest RAM.
 * Returns the batch's mismatches (0 for an "edge" batch: those are counted
 * in edge_* only).
 */
uint64_t oracle_check_batch(int vcpu_fd, uint32_t features, unsigned pa_bits, const nisv_mem_ops *mem,
                            void *mem_ctx, uint64_t ipa, struct oracle_stats *st);

#endif
