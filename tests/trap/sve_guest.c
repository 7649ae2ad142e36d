/* The SVE cases' two-device guest (sve_guest.h). */
#include <string.h>

#include "sve_guest.h"

void sve_guest(struct nisv_sve_state *sve, unsigned vl_bits, uint32_t sme_vqs)
{
	guest_reset();
	mmu_on(12, 0);
	pt_map(&HI, DATA_VA, DATA_PA, 3, PG_KDATA);
	pt_map(&HI, DEV_VA, IPA_DEV0, 3, PG_KDEV);
	pt_map(&HI, DEV1_VA, IPA_DEV1, 3, PG_KDEV);
	pt_map(&HI, PC0, CODE_PA, 3, PG_KCODE);
	add_dev(IPA_DEV1, DEV_SIZE, 1);
	memset(sve, 0, sizeof *sve);
	for (unsigned n = 0; n < 32; n++)
		for (unsigned i = 0; i < 256; i++)
			sve->z[n][i] = n == 1 ? 0 : (uint8_t)(0x80 | (n ^ i));
	G.st.sve = sve;
	nisv_vcpu_set_vector_lengths(&G.v, 0xffff, sme_vqs);
	R(NISV_ZCR_EL1) = vl_bits / 128 - 1;
	for (unsigned d = 0; d < 2; d++)
		for (unsigned i = 0; i < DEV_SIZE; i++)
			G.dev[d].mem[i] = (uint8_t)(i * 7 + 1 + d);
}
