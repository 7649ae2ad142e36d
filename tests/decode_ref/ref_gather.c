/*
 * The reference decode of the SVE gathers, scatters and gather prefetches,
 * written from the Arm ARM (DDI 0487) instead of src/a64_ldst.decode: one
 * line per encoding diagram of "LD1B (vector plus immediate)", "LD1H
 * (scalar plus vector)", ..., "PRFD (scalar plus vector)" and the SVE2
 * "LDNT1B (vector plus scalar)" / "STNT1B (vector plus scalar)" pages, named
 * as the Arm ARM names them; the fields come from the mnemonic and the
 * encoding's name, as each instruction's Decode pseudocode sets them.
 * ref_decode() asks this table before it scans the rows, so a gather word
 * the rows miss, or an earlier row takes, shows up as a mismatch too.
 */
#include <pthread.h>
#include <string.h>

#include "bits.h"
#include "ref_decode.h"
#include "ref_pattern.h"

/*
 * mnemonic: ld1[s]<size>, ldff1[s]<size>, ldnt1[s]<size>, st1<size>,
 * stnt1<size>, prf<size>: LD1S* sign-extend, LDFF1* are first-fault,
 * LDNT1* and STNT1* non-temporal; <size> b h w d is msize.
 * form: the encoding: AI (vector plus immediate: [Zn.T{, #imm5 * msize}]),
 * BZ (scalar plus vector: [Xn, Zm.T, ...]), AR (vector plus scalar: [Zn.T{,
 * Xm}]); _S / _D the element size (32 / 64 bits); x32: 32-bit offsets,
 * UXTW or (xs = 1) SXTW; 64: 64-bit offsets (LSL); scaled: << msize.
 * pattern: bit 31 first, 0 and 1 fixed, s the xs field, . operands.
 */
struct encoding {
	const char *mnemonic, *form, *pattern;
};

static const struct encoding encodings[] = {
	/* LD1* (vector plus immediate, scalar plus vector) */
	{ "ld1b",    "AI_D",              "11000100 001..... 110..... ........" },
	{ "ld1b",    "AI_S",              "10000100 001..... 110..... ........" },
	{ "ld1b",    "BZ_D.64.unscaled",  "11000100 010..... 110..... ........" },
	{ "ld1b",    "BZ_D.x32.unscaled", "11000100 0s0..... 010..... ........" },
	{ "ld1b",    "BZ_S.x32.unscaled", "10000100 0s0..... 010..... ........" },
	{ "ld1sb",   "AI_D",              "11000100 001..... 100..... ........" },
	{ "ld1sb",   "AI_S",              "10000100 001..... 100..... ........" },
	{ "ld1sb",   "BZ_D.64.unscaled",  "11000100 010..... 100..... ........" },
	{ "ld1sb",   "BZ_D.x32.unscaled", "11000100 0s0..... 000..... ........" },
	{ "ld1sb",   "BZ_S.x32.unscaled", "10000100 0s0..... 000..... ........" },
	{ "ld1h",    "AI_D",              "11000100 101..... 110..... ........" },
	{ "ld1h",    "AI_S",              "10000100 101..... 110..... ........" },
	{ "ld1h",    "BZ_D.64.scaled",    "11000100 111..... 110..... ........" },
	{ "ld1h",    "BZ_D.64.unscaled",  "11000100 110..... 110..... ........" },
	{ "ld1h",    "BZ_D.x32.scaled",   "11000100 1s1..... 010..... ........" },
	{ "ld1h",    "BZ_D.x32.unscaled", "11000100 1s0..... 010..... ........" },
	{ "ld1h",    "BZ_S.x32.scaled",   "10000100 1s1..... 010..... ........" },
	{ "ld1h",    "BZ_S.x32.unscaled", "10000100 1s0..... 010..... ........" },
	{ "ld1sh",   "AI_D",              "11000100 101..... 100..... ........" },
	{ "ld1sh",   "AI_S",              "10000100 101..... 100..... ........" },
	{ "ld1sh",   "BZ_D.64.scaled",    "11000100 111..... 100..... ........" },
	{ "ld1sh",   "BZ_D.64.unscaled",  "11000100 110..... 100..... ........" },
	{ "ld1sh",   "BZ_D.x32.scaled",   "11000100 1s1..... 000..... ........" },
	{ "ld1sh",   "BZ_D.x32.unscaled", "11000100 1s0..... 000..... ........" },
	{ "ld1sh",   "BZ_S.x32.scaled",   "10000100 1s1..... 000..... ........" },
	{ "ld1sh",   "BZ_S.x32.unscaled", "10000100 1s0..... 000..... ........" },
	{ "ld1w",    "AI_D",              "11000101 001..... 110..... ........" },
	{ "ld1w",    "AI_S",              "10000101 001..... 110..... ........" },
	{ "ld1w",    "BZ_D.64.scaled",    "11000101 011..... 110..... ........" },
	{ "ld1w",    "BZ_D.64.unscaled",  "11000101 010..... 110..... ........" },
	{ "ld1w",    "BZ_D.x32.scaled",   "11000101 0s1..... 010..... ........" },
	{ "ld1w",    "BZ_D.x32.unscaled", "11000101 0s0..... 010..... ........" },
	{ "ld1w",    "BZ_S.x32.scaled",   "10000101 0s1..... 010..... ........" },
	{ "ld1w",    "BZ_S.x32.unscaled", "10000101 0s0..... 010..... ........" },
	{ "ld1sw",   "AI_D",              "11000101 001..... 100..... ........" },
	{ "ld1sw",   "BZ_D.64.scaled",    "11000101 011..... 100..... ........" },
	{ "ld1sw",   "BZ_D.64.unscaled",  "11000101 010..... 100..... ........" },
	{ "ld1sw",   "BZ_D.x32.scaled",   "11000101 0s1..... 000..... ........" },
	{ "ld1sw",   "BZ_D.x32.unscaled", "11000101 0s0..... 000..... ........" },
	{ "ld1d",    "AI_D",              "11000101 101..... 110..... ........" },
	{ "ld1d",    "BZ_D.64.scaled",    "11000101 111..... 110..... ........" },
	{ "ld1d",    "BZ_D.64.unscaled",  "11000101 110..... 110..... ........" },
	{ "ld1d",    "BZ_D.x32.scaled",   "11000101 1s1..... 010..... ........" },
	{ "ld1d",    "BZ_D.x32.unscaled", "11000101 1s0..... 010..... ........" },
	/* LDFF1* */
	{ "ldff1b",  "AI_D",              "11000100 001..... 111..... ........" },
	{ "ldff1b",  "AI_S",              "10000100 001..... 111..... ........" },
	{ "ldff1b",  "BZ_D.64.unscaled",  "11000100 010..... 111..... ........" },
	{ "ldff1b",  "BZ_D.x32.unscaled", "11000100 0s0..... 011..... ........" },
	{ "ldff1b",  "BZ_S.x32.unscaled", "10000100 0s0..... 011..... ........" },
	{ "ldff1sb", "AI_D",              "11000100 001..... 101..... ........" },
	{ "ldff1sb", "AI_S",              "10000100 001..... 101..... ........" },
	{ "ldff1sb", "BZ_D.64.unscaled",  "11000100 010..... 101..... ........" },
	{ "ldff1sb", "BZ_D.x32.unscaled", "11000100 0s0..... 001..... ........" },
	{ "ldff1sb", "BZ_S.x32.unscaled", "10000100 0s0..... 001..... ........" },
	{ "ldff1h",  "AI_D",              "11000100 101..... 111..... ........" },
	{ "ldff1h",  "AI_S",              "10000100 101..... 111..... ........" },
	{ "ldff1h",  "BZ_D.64.scaled",    "11000100 111..... 111..... ........" },
	{ "ldff1h",  "BZ_D.64.unscaled",  "11000100 110..... 111..... ........" },
	{ "ldff1h",  "BZ_D.x32.scaled",   "11000100 1s1..... 011..... ........" },
	{ "ldff1h",  "BZ_D.x32.unscaled", "11000100 1s0..... 011..... ........" },
	{ "ldff1h",  "BZ_S.x32.scaled",   "10000100 1s1..... 011..... ........" },
	{ "ldff1h",  "BZ_S.x32.unscaled", "10000100 1s0..... 011..... ........" },
	{ "ldff1sh", "AI_D",              "11000100 101..... 101..... ........" },
	{ "ldff1sh", "AI_S",              "10000100 101..... 101..... ........" },
	{ "ldff1sh", "BZ_D.64.scaled",    "11000100 111..... 101..... ........" },
	{ "ldff1sh", "BZ_D.64.unscaled",  "11000100 110..... 101..... ........" },
	{ "ldff1sh", "BZ_D.x32.scaled",   "11000100 1s1..... 001..... ........" },
	{ "ldff1sh", "BZ_D.x32.unscaled", "11000100 1s0..... 001..... ........" },
	{ "ldff1sh", "BZ_S.x32.scaled",   "10000100 1s1..... 001..... ........" },
	{ "ldff1sh", "BZ_S.x32.unscaled", "10000100 1s0..... 001..... ........" },
	{ "ldff1w",  "AI_D",              "11000101 001..... 111..... ........" },
	{ "ldff1w",  "AI_S",              "10000101 001..... 111..... ........" },
	{ "ldff1w",  "BZ_D.64.scaled",    "11000101 011..... 111..... ........" },
	{ "ldff1w",  "BZ_D.64.unscaled",  "11000101 010..... 111..... ........" },
	{ "ldff1w",  "BZ_D.x32.scaled",   "11000101 0s1..... 011..... ........" },
	{ "ldff1w",  "BZ_D.x32.unscaled", "11000101 0s0..... 011..... ........" },
	{ "ldff1w",  "BZ_S.x32.scaled",   "10000101 0s1..... 011..... ........" },
	{ "ldff1w",  "BZ_S.x32.unscaled", "10000101 0s0..... 011..... ........" },
	{ "ldff1sw", "AI_D",              "11000101 001..... 101..... ........" },
	{ "ldff1sw", "BZ_D.64.scaled",    "11000101 011..... 101..... ........" },
	{ "ldff1sw", "BZ_D.64.unscaled",  "11000101 010..... 101..... ........" },
	{ "ldff1sw", "BZ_D.x32.scaled",   "11000101 0s1..... 001..... ........" },
	{ "ldff1sw", "BZ_D.x32.unscaled", "11000101 0s0..... 001..... ........" },
	{ "ldff1d",  "AI_D",              "11000101 101..... 111..... ........" },
	{ "ldff1d",  "BZ_D.64.scaled",    "11000101 111..... 111..... ........" },
	{ "ldff1d",  "BZ_D.64.unscaled",  "11000101 110..... 111..... ........" },
	{ "ldff1d",  "BZ_D.x32.scaled",   "11000101 1s1..... 011..... ........" },
	{ "ldff1d",  "BZ_D.x32.unscaled", "11000101 1s0..... 011..... ........" },
	/* SVE2 LDNT1* (vector plus scalar) */
	{ "ldnt1b",  "AR_D.64.unscaled",  "11000100 000..... 110..... ........" },
	{ "ldnt1b",  "AR_S.x32.unscaled", "10000100 000..... 101..... ........" },
	{ "ldnt1sb", "AR_D.64.unscaled",  "11000100 000..... 100..... ........" },
	{ "ldnt1sb", "AR_S.x32.unscaled", "10000100 000..... 100..... ........" },
	{ "ldnt1h",  "AR_D.64.unscaled",  "11000100 100..... 110..... ........" },
	{ "ldnt1h",  "AR_S.x32.unscaled", "10000100 100..... 101..... ........" },
	{ "ldnt1sh", "AR_D.64.unscaled",  "11000100 100..... 100..... ........" },
	{ "ldnt1sh", "AR_S.x32.unscaled", "10000100 100..... 100..... ........" },
	{ "ldnt1w",  "AR_D.64.unscaled",  "11000101 000..... 110..... ........" },
	{ "ldnt1w",  "AR_S.x32.unscaled", "10000101 000..... 101..... ........" },
	{ "ldnt1sw", "AR_D.64.unscaled",  "11000101 000..... 100..... ........" },
	{ "ldnt1d",  "AR_D.64.unscaled",  "11000101 100..... 110..... ........" },
	/* ST1* (vector plus immediate, scalar plus vector) */
	{ "st1b",    "AI_D",              "11100100 010..... 101..... ........" },
	{ "st1b",    "AI_S",              "11100100 011..... 101..... ........" },
	{ "st1b",    "BZ_D.64.unscaled",  "11100100 000..... 101..... ........" },
	{ "st1b",    "BZ_D.x32.unscaled", "11100100 000..... 1s0..... ........" },
	{ "st1b",    "BZ_S.x32.unscaled", "11100100 010..... 1s0..... ........" },
	{ "st1h",    "AI_D",              "11100100 110..... 101..... ........" },
	{ "st1h",    "AI_S",              "11100100 111..... 101..... ........" },
	{ "st1h",    "BZ_D.64.scaled",    "11100100 101..... 101..... ........" },
	{ "st1h",    "BZ_D.64.unscaled",  "11100100 100..... 101..... ........" },
	{ "st1h",    "BZ_D.x32.scaled",   "11100100 101..... 1s0..... ........" },
	{ "st1h",    "BZ_D.x32.unscaled", "11100100 100..... 1s0..... ........" },
	{ "st1h",    "BZ_S.x32.scaled",   "11100100 111..... 1s0..... ........" },
	{ "st1h",    "BZ_S.x32.unscaled", "11100100 110..... 1s0..... ........" },
	{ "st1w",    "AI_D",              "11100101 010..... 101..... ........" },
	{ "st1w",    "AI_S",              "11100101 011..... 101..... ........" },
	{ "st1w",    "BZ_D.64.scaled",    "11100101 001..... 101..... ........" },
	{ "st1w",    "BZ_D.64.unscaled",  "11100101 000..... 101..... ........" },
	{ "st1w",    "BZ_D.x32.scaled",   "11100101 001..... 1s0..... ........" },
	{ "st1w",    "BZ_D.x32.unscaled", "11100101 000..... 1s0..... ........" },
	{ "st1w",    "BZ_S.x32.scaled",   "11100101 011..... 1s0..... ........" },
	{ "st1w",    "BZ_S.x32.unscaled", "11100101 010..... 1s0..... ........" },
	{ "st1d",    "AI_D",              "11100101 110..... 101..... ........" },
	{ "st1d",    "BZ_D.64.scaled",    "11100101 101..... 101..... ........" },
	{ "st1d",    "BZ_D.64.unscaled",  "11100101 100..... 101..... ........" },
	{ "st1d",    "BZ_D.x32.scaled",   "11100101 101..... 1s0..... ........" },
	{ "st1d",    "BZ_D.x32.unscaled", "11100101 100..... 1s0..... ........" },
	/* SVE2 STNT1* (vector plus scalar) */
	{ "stnt1b",  "AR_D.64.unscaled",  "11100100 000..... 001..... ........" },
	{ "stnt1b",  "AR_S.x32.unscaled", "11100100 010..... 001..... ........" },
	{ "stnt1h",  "AR_D.64.unscaled",  "11100100 100..... 001..... ........" },
	{ "stnt1h",  "AR_S.x32.unscaled", "11100100 110..... 001..... ........" },
	{ "stnt1w",  "AR_D.64.unscaled",  "11100101 000..... 001..... ........" },
	{ "stnt1w",  "AR_S.x32.unscaled", "11100101 010..... 001..... ........" },
	{ "stnt1d",  "AR_D.64.unscaled",  "11100101 100..... 001..... ........" },
	/* PRFB-PRFD (vector plus immediate, scalar plus vector) */
	{ "prfb",    "AI_D",              "11000100 000..... 111..... ...0...." },
	{ "prfb",    "AI_S",              "10000100 000..... 111..... ...0...." },
	{ "prfb",    "BZ_D.64.scaled",    "11000100 011..... 100..... ...0...." },
	{ "prfb",    "BZ_D.x32.scaled",   "11000100 0s1..... 000..... ...0...." },
	{ "prfb",    "BZ_S.x32.scaled",   "10000100 0s1..... 000..... ...0...." },
	{ "prfh",    "AI_D",              "11000100 100..... 111..... ...0...." },
	{ "prfh",    "AI_S",              "10000100 100..... 111..... ...0...." },
	{ "prfh",    "BZ_D.64.scaled",    "11000100 011..... 101..... ...0...." },
	{ "prfh",    "BZ_D.x32.scaled",   "11000100 0s1..... 001..... ...0...." },
	{ "prfh",    "BZ_S.x32.scaled",   "10000100 0s1..... 001..... ...0...." },
	{ "prfw",    "AI_D",              "11000101 000..... 111..... ...0...." },
	{ "prfw",    "AI_S",              "10000101 000..... 111..... ...0...." },
	{ "prfw",    "BZ_D.64.scaled",    "11000100 011..... 110..... ...0...." },
	{ "prfw",    "BZ_D.x32.scaled",   "11000100 0s1..... 010..... ...0...." },
	{ "prfw",    "BZ_S.x32.scaled",   "10000100 0s1..... 010..... ...0...." },
	{ "prfd",    "AI_D",              "11000101 100..... 111..... ...0...." },
	{ "prfd",    "AI_S",              "10000101 100..... 111..... ...0...." },
	{ "prfd",    "BZ_D.64.scaled",    "11000100 011..... 111..... ...0...." },
	{ "prfd",    "BZ_D.x32.scaled",   "11000100 0s1..... 011..... ...0...." },
	{ "prfd",    "BZ_S.x32.scaled",   "10000100 0s1..... 011..... ...0...." },
};

#define COUNT (sizeof(encodings) / sizeof(encodings[0]))

/* Each encoding as parsed once; field[0] is the bit of the xs field, or 0.
 * The form's AI / BZ / AR is tmpl.addr, BZ's scaling tmpl.shift. */
static struct ref_parsed parsed[COUNT];
static pthread_once_t parse_once = PTHREAD_ONCE_INIT;

static void parse_mnemonic(const char *mn, nisv_insn *d)
{
	const char *p = mn + 2;

	d->rclass = NISV_RC_Z;
	if (!strncmp(mn, "prf", 3)) {
		d->op = NISV_OP_PREFETCH;
		d->rclass = NISV_RC_NONE;
		p = mn + 3;
	} else {
		d->op = mn[0] == 'l' ? NISV_OP_SVE_LOAD : NISV_OP_SVE_STORE;
		if (!strncmp(p, "ff", 2))
			d->flags |= NISV_F_FIRST_FAULT;
		if (!strncmp(p, "nt", 2))
			d->flags |= NISV_F_NONTEMP;
		p = strchr(p, '1') + 1;
		if (*p == 's') {
			d->flags |= NISV_F_SIGNED;
			p++;
		}
	}
	d->msize_log2 = (uint8_t)(strchr("bhwd", *p) - "bhwd");
}

static void parse(void)
{
	for (size_t i = 0; i < COUNT; i++) {
		const struct encoding *e = &encodings[i];
		struct ref_parsed *q = &parsed[i];

		ref_pattern(e->pattern, "s", q);
		q->tmpl = (nisv_insn){ .nregs = 1, .selem = 1, .esize_log2 = e->form[3] == 'D' ? 3 : 2 };
		q->tmpl.addr = e->form[1] == 'I' ? NISV_AM_VEC_IMM : e->form[1] == 'Z' ? NISV_AM_SCALAR_VEC : NISV_AM_VEC_SCALAR;
		parse_mnemonic(e->mnemonic, &q->tmpl);
		if (q->tmpl.addr == NISV_AM_SCALAR_VEC) {
			q->tmpl.extend = strstr(e->form, ".64.") ? NISV_EXT_LSL : NISV_EXT_UXTW;
			q->tmpl.shift = strstr(e->form, ".scaled") ? q->tmpl.msize_log2 : 0;
		}
	}
}

int ref_gather(uint32_t w, nisv_insn *d)
{
	const struct ref_parsed *q;

	if ((w & 0x9e000000u) != 0x84000000u) /* bit 31 set, op0 (28:25) = 0010 */
		return 0;
	pthread_once(&parse_once, parse);
	q = ref_match(parsed, COUNT, w, d);
	if (!q)
		return 0;
	d->rt = (uint8_t)field(w, 0, 5); /* Zt, or PRF*'s prfop (bit 4 is 0) */
	d->rn = (uint8_t)field(w, 5, 5);
	d->pg = (uint8_t)field(w, 10, 3);
	if (d->addr == NISV_AM_VEC_IMM) {
		d->imm = (int64_t)field(w, 16, 5) << d->msize_log2;
		return 1;
	}
	d->rm = (uint8_t)field(w, 16, 5); /* Zm (BZ) or Xm (AR) */
	if (w & q->field[0]) /* BZ's xs = 1: SXTW */
		d->extend = NISV_EXT_SXTW;
	return 1;
}
