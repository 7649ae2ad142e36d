/*
 * The reference decode of the SVE2.1 128-bit element loads and stores,
 * written from the Arm ARM (DDI 0487) instead of src/a64_ldst.decode: one
 * line per encoding diagram, named by its Arm ARM page ("LD1W (scalar plus
 * immediate, single register)", its 128-bit element encoding; "LD2Q
 * (scalar plus scalar)", "LD1Q", ...), with the diagram's fields as
 * letters. The nisv_insn fields follow each Decode pseudocode ("esize =
 * 128", "msize = 32", "nreg = 2", "offset = SInt(imm4)" counting groups
 * of nreg registers, "if Rm == '11111' then EndOfDecode(Decode_UNDEF)" for
 * the scalar plus scalar forms) and include/nisv.h (LD1Q/ST1Q: NISV_AM_VEC_SCALAR
 * with Xm = XZR allowed). ref_decode() asks this table before it scans the
 * rows, so a word the rows miss, or an earlier row takes, shows up as a
 * mismatch too.
 */
#include <pthread.h>
#include <string.h>

#include "bits.h"
#include "ref_decode.h"
#include "ref_pattern.h"

/*
 * mnemonic: ld1w, ld1d, st1w, st1d (into / from .Q elements), ld2q-ld4q,
 * st2q-st4q, ld1q, st1q. pattern: bit 31 first; 0 and 1 fixed; i imm4,
 * m Rm, g Pg, n Rn (Zn for LD1Q/ST1Q), t Zt.
 */
struct encoding {
	const char *mnemonic, *page, *pattern;
};

static const struct encoding encodings[] = {
	{ "ld1w", "LD1W (scalar plus immediate, single register)", "10100101 0001iiii 001ggg nnnnn ttttt" },
	{ "ld1d", "LD1D (scalar plus immediate, single register)", "10100101 1001iiii 001ggg nnnnn ttttt" },
	{ "ld1w", "LD1W (scalar plus scalar, single register)",    "10100101 000mmmmm 100ggg nnnnn ttttt" },
	{ "ld1d", "LD1D (scalar plus scalar, single register)",    "10100101 100mmmmm 100ggg nnnnn ttttt" },
	{ "st1w", "ST1W (scalar plus immediate, single register)", "11100101 0000iiii 111ggg nnnnn ttttt" },
	{ "st1d", "ST1D (scalar plus immediate, single register)", "11100101 1100iiii 111ggg nnnnn ttttt" },
	{ "st1w", "ST1W (scalar plus scalar, single register)",    "11100101 000mmmmm 010ggg nnnnn ttttt" },
	{ "st1d", "ST1D (scalar plus scalar, single register)",    "11100101 110mmmmm 010ggg nnnnn ttttt" },
	{ "ld2q", "LD2Q (scalar plus immediate)",                  "10100100 1001iiii 111ggg nnnnn ttttt" },
	{ "ld3q", "LD3Q (scalar plus immediate)",                  "10100101 0001iiii 111ggg nnnnn ttttt" },
	{ "ld4q", "LD4Q (scalar plus immediate)",                  "10100101 1001iiii 111ggg nnnnn ttttt" },
	{ "ld2q", "LD2Q (scalar plus scalar)",                     "10100100 101mmmmm 100ggg nnnnn ttttt" },
	{ "ld3q", "LD3Q (scalar plus scalar)",                     "10100101 001mmmmm 100ggg nnnnn ttttt" },
	{ "ld4q", "LD4Q (scalar plus scalar)",                     "10100101 101mmmmm 100ggg nnnnn ttttt" },
	{ "st2q", "ST2Q (scalar plus immediate)",                  "11100100 0100iiii 000ggg nnnnn ttttt" },
	{ "st3q", "ST3Q (scalar plus immediate)",                  "11100100 1000iiii 000ggg nnnnn ttttt" },
	{ "st4q", "ST4Q (scalar plus immediate)",                  "11100100 1100iiii 000ggg nnnnn ttttt" },
	{ "st2q", "ST2Q (scalar plus scalar)",                     "11100100 011mmmmm 000ggg nnnnn ttttt" },
	{ "st3q", "ST3Q (scalar plus scalar)",                     "11100100 101mmmmm 000ggg nnnnn ttttt" },
	{ "st4q", "ST4Q (scalar plus scalar)",                     "11100100 111mmmmm 000ggg nnnnn ttttt" },
	{ "ld1q", "LD1Q",                                          "11000100 000mmmmm 101ggg nnnnn ttttt" },
	{ "st1q", "ST1Q",                                          "11100100 001mmmmm 001ggg nnnnn ttttt" },
};

#define COUNT (sizeof(encodings) / sizeof(encodings[0]))

/* The field letters of the patterns. */
static const char letters[] = "imgnt";
enum { F_I, F_M, F_G, F_N, F_T, NFIELDS };

_Static_assert(NFIELDS <= REF_FIELDS, "ref_parsed holds the fields");

static struct ref_parsed parsed[COUNT]; /* each encoding, parsed once */
static pthread_once_t parse_once = PTHREAD_ONCE_INIT;

static void parse(void)
{
	for (size_t i = 0; i < COUNT; i++) {
		const struct encoding *e = &encodings[i];
		struct ref_parsed *q = &parsed[i];
		const char *mn = e->mnemonic;
		unsigned nreg = mn[2] == 'q' ? 1 : (unsigned)(mn[2] - '0');

		ref_pattern(e->pattern, letters, q);
		q->tmpl = (nisv_insn){ .rclass = NISV_RC_Z, .esize_log2 = 4, .nregs = (uint8_t)nreg,
			               .selem = (uint8_t)nreg };
		q->tmpl.op = mn[0] == 'l' ? NISV_OP_SVE_LOAD : NISV_OP_SVE_STORE;
		/* msize: 32 (LD1W), 64 (LD1D), 128 (the quadword forms) */
		q->tmpl.msize_log2 = mn[3] == 'w' ? 2 : mn[3] == 'd' ? 3 : 4;
		if (!strcmp(e->page, "LD1Q") || !strcmp(e->page, "ST1Q")) {
			q->tmpl.addr = NISV_AM_VEC_SCALAR;
		} else if (strstr(e->page, "(scalar plus immediate")) {
			q->tmpl.addr = NISV_AM_MUL_VL;
		} else {
			q->tmpl.addr = NISV_AM_REG;
			q->tmpl.extend = NISV_EXT_LSL;
			q->tmpl.shift = q->tmpl.msize_log2;
		}
	}
}

int ref_quad(uint32_t w, nisv_insn *d)
{
	if ((w & 0x1e000000u) != 0x04000000u || !(w >> 31)) /* the SVE encodings: bit 31, op0 = 0010 */
		return 0;
	pthread_once(&parse_once, parse);
	if (!ref_match(parsed, COUNT, w, d))
		return 0;
	d->rt = (uint8_t)field(w, 0, 5);
	d->rn = (uint8_t)field(w, 5, 5);
	d->pg = (uint8_t)field(w, 10, 3);
	if (d->addr == NISV_AM_MUL_VL) {
		d->imm = sext(field(w, 16, 4), 4) * d->nregs;
		return 1;
	}
	d->rm = (uint8_t)field(w, 16, 5);
	if (d->addr == NISV_AM_REG && d->rm == 31) { /* if Rm == '11111' then UNDEFINED */
		*d = (nisv_insn){ .word = w, .nregs = 1, .selem = 1 };
		return -1;
	}
	return 1;
}
