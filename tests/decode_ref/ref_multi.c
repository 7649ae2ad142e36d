/*
 * The reference decode of the SME2 / SVE2.1 multi-vector loads and stores,
 * written from the Arm ARM (DDI 0487) instead of src/a64_ldst.decode: one
 * line per encoding diagram of the groups "SME2 Multi-vector - Memory
 * (Contiguous)" and "SME2 Multi-vector - Memory (Strided)", named as the
 * Arm ARM's encoding index names them; each diagram's msz:N table picks
 * the instruction (LD1B, LDNT1B, ..., STNT1D). The nisv_insn fields follow
 * the Decode pseudocode of "LD1B (scalar plus immediate, consecutive
 * registers)" and its siblings: "g = UInt('1':PNg)", "t = UInt(Zt:'0')"
 * (":'00'" for four registers), "t = UInt(T:'0':Zt)" with "tstride = 8"
 * ("T:'00':Zt", 4) for the strided ones, "esize = 8 << msz", "offset =
 * SInt(imm4)" counting groups of nreg registers, and the multi-vector
 * paragraph of include/nisv.h. ref_decode() asks this table before it
 * scans the rows, so a multi-vector word the rows miss, or an earlier row
 * takes, shows up as a mismatch too.
 */
#include <pthread.h>
#include <string.h>

#include "bits.h"
#include "ref_decode.h"
#include "ref_pattern.h"

/*
 * group: the encoding index's title (load/store, scalar plus scalar or
 * immediate, two or four registers); "non-contiguous" is the strided group.
 * pattern: bit 31 first; 0 and 1 fixed; m Rm, i imm4, z msz, g PNg, n Rn,
 * t Zt, T the T bit (strided), N (the non-temporal forms LDNT1/STNT1).
 */
struct encoding {
	const char *group, *pattern;
};

static const struct encoding encodings[] = {
	{ "SME2 multi-vec contiguous load (scalar plus scalar, two registers)",         "10100000 000mmmmm 0zzggg nnnnn ttttN" },
	{ "SME2 multi-vec contiguous load (scalar plus scalar, four registers)",        "10100000 000mmmmm 1zzggg nnnnn ttt0N" },
	{ "SME2 multi-vec contiguous store (scalar plus scalar, two registers)",        "10100000 001mmmmm 0zzggg nnnnn ttttN" },
	{ "SME2 multi-vec contiguous store (scalar plus scalar, four registers)",       "10100000 001mmmmm 1zzggg nnnnn ttt0N" },
	{ "SME2 multi-vec contiguous load (scalar plus immediate, two registers)",      "10100000 0100iiii 0zzggg nnnnn ttttN" },
	{ "SME2 multi-vec contiguous load (scalar plus immediate, four registers)",     "10100000 0100iiii 1zzggg nnnnn ttt0N" },
	{ "SME2 multi-vec contiguous store (scalar plus immediate, two registers)",     "10100000 0110iiii 0zzggg nnnnn ttttN" },
	{ "SME2 multi-vec contiguous store (scalar plus immediate, four registers)",    "10100000 0110iiii 1zzggg nnnnn ttt0N" },
	{ "SME2 multi-vec non-contiguous load (scalar plus scalar, two registers)",     "10100001 000mmmmm 0zzggg nnnnn TNttt" },
	{ "SME2 multi-vec non-contiguous load (scalar plus scalar, four registers)",    "10100001 000mmmmm 1zzggg nnnnn TN0tt" },
	{ "SME2 multi-vec non-contiguous store (scalar plus scalar, two registers)",    "10100001 001mmmmm 0zzggg nnnnn TNttt" },
	{ "SME2 multi-vec non-contiguous store (scalar plus scalar, four registers)",   "10100001 001mmmmm 1zzggg nnnnn TN0tt" },
	{ "SME2 multi-vec non-contiguous load (scalar plus immediate, two registers)",  "10100001 0100iiii 0zzggg nnnnn TNttt" },
	{ "SME2 multi-vec non-contiguous load (scalar plus immediate, four registers)", "10100001 0100iiii 1zzggg nnnnn TN0tt" },
	{ "SME2 multi-vec non-contiguous store (scalar plus immediate, two registers)", "10100001 0110iiii 0zzggg nnnnn TNttt" },
	{ "SME2 multi-vec non-contiguous store (scalar plus immediate, four registers)","10100001 0110iiii 1zzggg nnnnn TN0tt" },
};

#define COUNT (sizeof(encodings) / sizeof(encodings[0]))

/* The field letters of the patterns. */
static const char letters[] = "mizgntTN";
enum { F_M, F_I, F_Z, F_G, F_N, F_T, F_TT, F_NT, NFIELDS };

_Static_assert(NFIELDS <= REF_FIELDS, "ref_parsed holds the fields");

static struct ref_parsed parsed[COUNT]; /* each encoding, parsed once */
static pthread_once_t parse_once = PTHREAD_ONCE_INIT;

static void parse(void)
{
	for (size_t i = 0; i < COUNT; i++) {
		const struct encoding *e = &encodings[i];
		struct ref_parsed *q = &parsed[i];
		int strided = strstr(e->group, "non-contiguous") != NULL;
		unsigned nreg = strstr(e->group, "four registers") ? 4 : 2;
		unsigned tstride = strided ? (nreg == 2 ? 8 : 4) : 1;

		ref_pattern(e->pattern, letters, q);
		q->tmpl = (nisv_insn){ .rclass = NISV_RC_Z, .nregs = (uint8_t)nreg, .selem = 1,
			               .rstride = (uint8_t)tstride, .flags = NISV_F_PRED_AS_COUNTER };
		q->tmpl.op = strstr(e->group, " load ") ? NISV_OP_SVE_LOAD : NISV_OP_SVE_STORE;
		if (strstr(e->group, "(scalar plus immediate")) {
			q->tmpl.addr = NISV_AM_MUL_VL;
		} else {
			q->tmpl.addr = NISV_AM_REG;
			q->tmpl.extend = NISV_EXT_LSL;
		}
	}
}

int ref_multi(uint32_t w, nisv_insn *d)
{
	const struct ref_parsed *q;
	unsigned msz, zt, t;

	if ((w & 0xfe000000u) != 0xa0000000u) /* bits 31:25 = 1010000 */
		return 0;
	pthread_once(&parse_once, parse);
	q = ref_match(parsed, COUNT, w, d);
	if (!q)
		return 0;
	msz = ref_take(w, q->field[F_Z]); /* esize = 8 << msz */
	d->esize_log2 = d->msize_log2 = (uint8_t)msz;
	if (ref_take(w, q->field[F_NT]))
		d->flags |= NISV_F_NONTEMP;
	d->pg = (uint8_t)(8 + ref_take(w, q->field[F_G])); /* '1':PNg */
	d->rn = (uint8_t)ref_take(w, q->field[F_N]);
	zt = ref_take(w, q->field[F_T]);
	/* consecutive: Zt:'0' / Zt:'00'; strided: T:'0':Zt / T:'00':Zt */
	t = q->field[F_TT] ? ref_take(w, q->field[F_TT]) << 4 | zt : zt << (d->nregs == 2 ? 1 : 2);
	d->rt = (uint8_t)t;
	if (d->addr == NISV_AM_MUL_VL) {
		d->imm = sext(ref_take(w, q->field[F_I]), 4) * d->nregs;
	} else {
		d->rm = (uint8_t)ref_take(w, q->field[F_M]); /* XZR allowed */
		d->shift = (uint8_t)msz;
	}
	return 1;
}
