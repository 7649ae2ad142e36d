/*
 * SME loads and stores on the trap path: ZA tile slices, ZA array vectors
 * and ZT0 against a device, with the streaming vector length and the
 * SVCR/SMCR_EL1 checks. Expected values from the Arm ARM pseudocode:
 * "LD1W (scalar plus scalar, tile slice)": slice = (UInt(X[v]) + offset)
 * MOD dim; each active element e at base + (offset + e) * 4, inactive
 * ones zero; "ZAhslice"/"ZAvslice": horizontal slice s of tile t of
 * E-byte elements is ZA array vector s * E + t, vertical slice s is
 * element s of vectors t, t + E, ...; "LDR (array vector)": vector
 * (UInt(X[v]) + offset) MOD (SVL / 8) at base + offset * SVL / 8.
 */
#include <string.h>

#include "harness.h"

#define DEV_VA 0xffff800009000000ull /* device 0, Device memory */
#define CODE_PA (IPA_RAM + 0x20000)

#define LD1W_ZA1H 0xe0820025u /* ld1w {za1h.s[w12, 1]}, p0/z, [x1, x2, lsl #2]  */
#define LD1W_ZA1V 0xe0828025u /* ld1w {za1v.s[w12, 1]}, p0/z, [x1, x2, lsl #2]  */
#define ST1B_ZA0V 0xe022a02fu /* st1b {za0v.b[w13, 15]}, p0, [x1, x2]           */
#define LD1Q_ZA5V 0xe1c2c025u /* ld1q {za5v.q[w14, 0]}, p0/z, [x1, x2, lsl #4]  */
#define LDR_ZA 0xe1000023u    /* ldr za[w12, 3], [x1, #3, mul vl]               */
#define LDR_ZT0 0xe11f8020u   /* ldr zt0, [x1]                                  */
#define STR_ZT0 0xe13f8020u   /* str zt0, [x1]                                  */
#define LD1ROB_Z0 0xa4202020u /* ld1rob {z0.b}, p0/z, [x1]                      */

static struct nisv_sve_state sme;

/* MMU on, SVE at 512 bits, SME with streaming length svl_bits; streaming
 * mode and ZA on, ZT0 enabled; ZA row r byte i = r ^ i ^ 0x5a; P0 true. */
static void sme_guest(unsigned svl_bits)
{
	guest_reset();
	mmu_on(12, 0);
	pt_map(&HI, DEV_VA, IPA_DEV0, 3, PG_KDEV);
	memset(&sme, 0, sizeof sme);
	for (unsigned r = 0; r < 256; r++)
		for (unsigned i = 0; i < 256; i++)
			sme.za[r][i] = (uint8_t)(r ^ i ^ 0x5a);
	memset(sme.p[0], 0xff, sizeof sme.p[0]);
	G.st.sve = &sme;
	nisv_vcpu_set_vector_lengths(&G.v, 0xffff, 0xffff);
	R(NISV_ZCR_EL1) = 3;
	R(NISV_SMCR_EL1) = (uint64_t)(svl_bits / 128 - 1) | 1ull << 30;
	R(NISV_SVCR) = 3;
	for (unsigned i = 0; i < DEV_SIZE; i++)
		G.dev[0].mem[i] = (uint8_t)(i * 7 + 1);
}

/* Every ZA byte is its initial value but those of rows [r0, r0 + n * stride)
 * by stride at bytes [off, off + len), which equal want (packed). */
static void expect_za(unsigned r0, unsigned stride, unsigned n, unsigned off, unsigned len, const uint8_t *want)
{
	for (unsigned r = 0; r < 256; r++)
		for (unsigned i = 0; i < 256; i++) {
			unsigned k = stride ? (r - r0) / stride : 0;
			int in = r >= r0 && (stride ? (r - r0) % stride == 0 && k < n : r == r0) && i >= off &&
			         i < off + len;
			uint8_t expect = in ? want[k * len + i - off] : (uint8_t)(r ^ i ^ 0x5a);
			if (!EXPECT_EQ(sme.za[r][i], expect))
				return;
		}
}

static void tile_slices(void)
{
	uint8_t want[256];
	nisv_result r;
	nisv_status st;

	/* SVL 128: four word elements, dim 4; slice (w12 + 1) MOD 4 = 2 */
	tcase("sme: ld1w into horizontal slice za1h.s[w12, 1]: ZA vector 2 * 4 + 1, inactive zero");
	sme_guest(128);
	R(12) = 0x1;
	R(1) = DEV_VA + 0x100;
	R(2) = 2;
	pred_elements(sme.p[0], 4, 0xb);
	st = run(LD1W_ZA1H, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(G.dev[0].ncalls, 3);
	EXPECT_DEVCALL(0, 0, 0, 0x108, 4);
	EXPECT_DEVCALL(0, 1, 0, 0x10c, 4);
	EXPECT_DEVCALL(0, 2, 0, 0x114, 4);
	for (unsigned i = 0; i < 16; i++)
		want[i] = i / 4 == 2 ? 0 : G.dev[0].mem[0x108 + i];
	expect_za(9, 0, 1, 0, 16, want);

	tcase("sme: ld1w into vertical slice za1v.s[w12, 1]: word 2 of ZA vectors 1, 5, 9, 13");
	sme_guest(128);
	R(12) = 0x1;
	R(1) = DEV_VA + 0x100;
	R(2) = 2;
	pred_elements(sme.p[0], 4, 0xb);
	st = run(LD1W_ZA1V, &r);
	EXPECT_OK_REGS(st, 0);
	for (unsigned i = 0; i < 16; i++)
		want[i] = i / 4 == 2 ? 0 : G.dev[0].mem[0x108 + i];
	expect_za(1, 4, 4, 8, 4, want);

	/* qemu 7.2 and 10.0 leave the elements after the last active one of a
	 * vertical slice as they were; the pseudocode zeroes every inactive one */
	tcase("sme: ld1w into vertical slice za1v.s[w12, 1], only element 0 active: words 2 of vectors 5, 9, 13 zeroed");
	sme_guest(128);
	R(12) = 0x1;
	R(1) = DEV_VA + 0x100;
	R(2) = 2;
	pred_elements(sme.p[0], 4, 0x1);
	st = run(LD1W_ZA1V, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(G.dev[0].ncalls, 1);
	EXPECT_DEVCALL(0, 0, 0, 0x108, 4);
	memset(want, 0, 16);
	memcpy(want, &G.dev[0].mem[0x108], 4);
	expect_za(1, 4, 4, 8, 4, want);

	tcase("sme: st1b from vertical slice za0v.b[w13, 15] at SVL 256: byte 15 of 32 vectors, in order");
	sme_guest(256);
	R(13) = 0x20; /* (0x20 + 15) MOD 32 = 15 */
	R(1) = DEV_VA;
	R(2) = 0x40;
	st = run(ST1B_ZA0V, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(G.dev[0].ncalls, 32);
	for (unsigned e = 0; e < 32; e += 7) {
		EXPECT_DEVCALL(0, e, 1, 0x40 + e, 1);
		EXPECT_EQ(devcall_value(0, e), (uint8_t)(e ^ 15 ^ 0x5a));
	}

	tcase("sme: ld1q into vertical slice za5v.q[w14, 0] at SVL 512: 16 bytes of vectors 5, 21, 37, 53");
	sme_guest(512);
	R(14) = 7; /* dim 4: slice 3 */
	R(1) = DEV_VA + 0x200;
	R(2) = 1;
	pred_elements(sme.p[0], 16, 0x7);
	st = run(LD1Q_ZA5V, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(G.dev[0].ncalls, 3);
	EXPECT_DEVCALL(0, 0, 0, 0x210, 16);
	for (unsigned i = 0; i < 64; i++)
		want[i] = i < 48 ? G.dev[0].mem[0x210 + i] : 0;
	expect_za(5, 16, 4, 48, 16, want);

	tcase("sme: the largest vertical slice, ld1w za1v.s at SVL 2048: 64 vectors written");
	sme_guest(2048);
	R(12) = 0;
	R(1) = DEV_VA;
	R(2) = 0;
	st = run(LD1W_ZA1V, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(G.dev[0].ncalls, 64);
	expect_za(1, 4, 64, 4, 4, G.dev[0].mem);
}

static void array_vectors(void)
{
	uint8_t want[64];
	nisv_result r;
	nisv_status st;

	tcase("sme: ldr za[w12, 3], [x1, #3, mul vl] at SVL 256: vector (w12 + 3) MOD 32, SVL even out of streaming mode");
	sme_guest(256);
	R(NISV_SVCR) = 2; /* ZA on, not streaming: the SVE VL (512) is not used */
	R(12) = 0xffffffff;
	R(1) = DEV_VA;
	st = run(LDR_ZA, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(G.dev[0].ncalls, 32);
	EXPECT_DEVCALL(0, 0, 0, 3 * 32, 1);
	expect_za(2, 0, 1, 0, 32, &G.dev[0].mem[96]);

	tcase("sme: ldr zt0, [x1]: 64 bytes");
	sme_guest(128);
	R(1) = DEV_VA + 0x40;
	st = run(LDR_ZT0, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(memcmp(sme.zt0, &G.dev[0].mem[0x40], 64), 0);

	tcase("sme: str zt0, [x1]: 64 bytes");
	sme_guest(128);
	for (unsigned i = 0; i < 64; i++)
		sme.zt0[i] = want[i] = (uint8_t)(0xc0 ^ i);
	R(1) = DEV_VA;
	st = run(STR_ZT0, &r);
	EXPECT_OK_REGS(st, 0);
	EXPECT_EQ(memcmp(G.dev[0].mem, want, 64), 0);
}

static void modes(void)
{
	nisv_result r;
	nisv_status st;

	tcase("sme: a tile slice out of streaming mode is an SME trap nisv does not raise");
	sme_guest(128);
	R(NISV_SVCR) = 2;
	R(1) = DEV_VA;
	st = run(LD1W_ZA1H, &r);
	EXPECT_EQ(st, NISV_UNSUPPORTED);
	EXPECT_NOTHING_DONE();

	tcase("sme: ld1rob in streaming mode: the same (\"LD1ROB\": CheckNonStreamingSVEEnabled)");
	sme_guest(256);
	R(1) = DEV_VA;
	st = run(LD1ROB_Z0, &r);
	EXPECT_EQ(st, NISV_UNSUPPORTED);
	EXPECT_NOTHING_DONE();

	tcase("sme: ldr za with ZA off: the same");
	sme_guest(128);
	R(NISV_SVCR) = 1;
	R(1) = DEV_VA;
	st = run(LDR_ZA, &r);
	EXPECT_EQ(st, NISV_UNSUPPORTED);

	tcase("sme: ldr zt0 with SMCR_EL1.EZT0 clear: the same");
	sme_guest(128);
	R(NISV_SMCR_EL1) = 0;
	R(1) = DEV_VA;
	st = run(LDR_ZT0, &r);
	EXPECT_EQ(st, NISV_UNSUPPORTED);

	tcase("sme: no streaming vector length declared: UNDEFINED");
	sme_guest(128);
	nisv_vcpu_set_vector_lengths(&G.v, 0xffff, 0);
	R(1) = DEV_VA;
	st = run(LDR_ZA, &r);
	EXPECT_FAULT(st, &r, NISV_FAULT_UNDEFINED, 0, esr_of(EC_UNKNOWN, 0), NO_FAR);
}

void tests_sme(void)
{
	tile_slices();
	array_vectors();
	modes();
}
