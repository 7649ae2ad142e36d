/*
 * The guest of the SVE gather/scatter and 128-bit element cases: stage 1
 * on (4K granule) with a RAM page, two devices and the code page mapped.
 */
#ifndef TRAP_SVE_GUEST_H
#define TRAP_SVE_GUEST_H

#include "harness.h"

#define DATA_VA 0xffff800000500000ull /* RAM page, then an unmapped page */
#define DATA_PA (IPA_RAM + 0x38000)
#define DEV_VA 0xffff800009000000ull  /* device 0, Device memory        */
#define DEV1_VA 0xffff800009100000ull /* device 1, Device memory        */
#define IPA_DEV1 0x0a000000ull
#define CODE_PA (IPA_RAM + 0x20000)   /* the code at PC0                */

/* The guest above with *sve as its SVE state: Z[n] byte i = 0x80 | n ^ i
 * but Z1 (the gathers' bases) zero, the rest zero; every SVE length
 * implemented, the SME lengths sme_vqs; ZCR_EL1 asks for vl_bits; device
 * d's byte i = i * 7 + 1 + d. */
void sve_guest(struct nisv_sve_state *sve, unsigned vl_bits, uint32_t sme_vqs);

#endif
