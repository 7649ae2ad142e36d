/*
 * The reference decode of the SME memory instructions, written from the
 * Arm ARM (DDI 0487) instead of src/a64_ldst.decode: one line per encoding
 * diagram of the "SME Memory" group (bits 31:25 = 1110000), named by its
 * Arm ARM page, with the diagram's fields as letters; the nisv_insn fields
 * follow each instruction's Decode pseudocode ("integer t = UInt(ZAt)",
 * "integer s = UInt('011':Rs)", "integer offset = UInt(off3)", ...) and
 * the SME paragraph of include/nisv.h. ref_decode() asks this table
 * before it scans the rows, so an SME word the rows miss, or an earlier
 * row takes, shows up as a mismatch too.
 */
#include <pthread.h>
#include <string.h>

#include "ref_decode.h"
#include "ref_pattern.h"

/*
 * mnemonic: ld1<T>/st1<T> (<T> b h w d q: the element size), ldr, str.
 * page: the Arm ARM's title, whose parenthesis names the form: a tile
 * slice of ZA, a ZA array vector, or the table ZT0.
 * pattern: bit 31 first; 0 and 1 fixed; m Rm, V, s Rs (Rv), g Pg, n Rn,
 * t ZAt, o the slice offset (off4, off3, off2, off1). A field absent from
 * a diagram is 0 (LD1B has no ZAt, LD1Q no offset).
 */
struct encoding {
	const char *mnemonic, *page, *pattern;
};

static const struct encoding encodings[] = {
	{ "ld1b", "LD1B (scalar plus scalar, tile slice)", "11100000 000mmmmm Vssggg nnnnn 0 oooo" },
	{ "ld1h", "LD1H (scalar plus scalar, tile slice)", "11100000 010mmmmm Vssggg nnnnn 0 tooo" },
	{ "ld1w", "LD1W (scalar plus scalar, tile slice)", "11100000 100mmmmm Vssggg nnnnn 0 ttoo" },
	{ "ld1d", "LD1D (scalar plus scalar, tile slice)", "11100000 110mmmmm Vssggg nnnnn 0 ttto" },
	{ "ld1q", "LD1Q (scalar plus scalar, tile slice)", "11100001 110mmmmm Vssggg nnnnn 0 tttt" },
	{ "st1b", "ST1B (scalar plus scalar, tile slice)", "11100000 001mmmmm Vssggg nnnnn 0 oooo" },
	{ "st1h", "ST1H (scalar plus scalar, tile slice)", "11100000 011mmmmm Vssggg nnnnn 0 tooo" },
	{ "st1w", "ST1W (scalar plus scalar, tile slice)", "11100000 101mmmmm Vssggg nnnnn 0 ttoo" },
	{ "st1d", "ST1D (scalar plus scalar, tile slice)", "11100000 111mmmmm Vssggg nnnnn 0 ttto" },
	{ "st1q", "ST1Q (scalar plus scalar, tile slice)", "11100001 111mmmmm Vssggg nnnnn 0 tttt" },
	{ "ldr",  "LDR (array vector)",                    "11100001 00000000 0ss000 nnnnn 0 oooo" },
	{ "str",  "STR (array vector)",                    "11100001 00100000 0ss000 nnnnn 0 oooo" },
	{ "ldr",  "LDR (table)",                           "11100001 00011111 100000 nnnnn 0 0000" },
	{ "str",  "STR (table)",                           "11100001 00111111 100000 nnnnn 0 0000" },
};

#define COUNT (sizeof(encodings) / sizeof(encodings[0]))

/* The field letters of the patterns. */
static const char letters[] = "mVsgnto";
enum { F_M, F_V, F_S, F_G, F_N, F_T, F_O, NFIELDS };

_Static_assert(NFIELDS <= REF_FIELDS, "ref_parsed holds the fields");

static struct ref_parsed parsed[COUNT]; /* each encoding, parsed once */
static pthread_once_t parse_once = PTHREAD_ONCE_INIT;

static void parse(void)
{
	for (size_t i = 0; i < COUNT; i++) {
		const struct encoding *e = &encodings[i];
		struct ref_parsed *q = &parsed[i];
		const char *mn = e->mnemonic;

		ref_pattern(e->pattern, letters, q);
		q->tmpl = (nisv_insn){ .nregs = 1, .selem = 1, .pg = NISV_PG_ALL };
		q->tmpl.op = mn[0] == 'l' ? NISV_OP_SVE_LOAD : NISV_OP_SVE_STORE;
		if (strstr(e->page, "(array vector)")) {
			q->tmpl.rclass = NISV_RC_ZA;
			q->tmpl.addr = NISV_AM_MUL_VL;
		} else if (strstr(e->page, "(table)")) {
			q->tmpl.rclass = NISV_RC_ZT0;
			q->tmpl.addr = NISV_AM_BASE;
		} else {
			q->tmpl.esize_log2 = (uint8_t)(strchr("bhwdq", mn[3]) - "bhwdq");
			q->tmpl.msize_log2 = q->tmpl.esize_log2;
			q->tmpl.addr = NISV_AM_REG;
			q->tmpl.extend = NISV_EXT_LSL;
			q->tmpl.shift = q->tmpl.esize_log2;
		}
	}
}

int ref_sme(uint32_t w, nisv_insn *d)
{
	const struct ref_parsed *q;

	if ((w & 0xfe000000u) != 0xe0000000u) /* bits 31:25 = 1110000: SME Memory */
		return 0;
	pthread_once(&parse_once, parse);
	q = ref_match(parsed, COUNT, w, d);
	if (!q)
		return 0;
	d->rn = (uint8_t)ref_take(w, q->field[F_N]);
	if (d->rclass == NISV_RC_ZT0)
		return 1;
	d->rs = (uint8_t)(12 + ref_take(w, q->field[F_S])); /* W12-W15 */
	d->lane = (uint8_t)ref_take(w, q->field[F_O]);
	if (d->rclass == NISV_RC_ZA) {
		d->imm = d->lane; /* [Xn|SP, #offset, MUL VL] */
		return 1;
	}
	d->rclass = ref_take(w, q->field[F_V]) ? NISV_RC_ZA_V : NISV_RC_ZA_H;
	d->rt = (uint8_t)ref_take(w, q->field[F_T]);
	d->rm = (uint8_t)ref_take(w, q->field[F_M]); /* XZR allowed */
	d->pg = (uint8_t)ref_take(w, q->field[F_G]);
	return 1;
}
