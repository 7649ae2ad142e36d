/*
 * decode_dump: print nisv_decode()'s view of A64 words, one canonical line
 * per word, for the objdump decode oracle (objdump_oracle.py).
 *
 *   decode_dump FILE            words are little-endian 32-bit, FILE or '-'
 *   decode_dump -w HEX...       words given on the command line (debugging)
 *
 * Each output line is
 *
 *   wwwwwwww NONE
 *   wwwwwwww MEM op=LOAD rc=X es=3 n=2 se=1 ln=0 vb=0 am=PRE rt=1 rt2=2 rn=3
 *            rm=0 rs=0 ext=0 sh=0 at=0 dc=0 fl=0x0 imm=16 pg=0 ms=0 st=0
 *
 * (one line; wrapped here). Every field of nisv_insn is printed, names for
 * the enums, so a human can read it and the oracle can parse it with a
 * split (pg is the SVE governing predicate, 16 = NISV_PG_ALL; ms is
 * msize_log2; st is rstride, the register step of a multi-vector list). A word whose status and op disagree (NISV_OK with op NONE,
 * or NISV_UNSUPPORTED with op != NONE, or insn.word != word), or whose
 * reserved_ bytes are not zero, prints
 *
 *   wwwwwwww BAD <reason> ...
 *
 * which the oracle counts as a mismatch.
 *
 * Speed matters (the full-space script runs 2^30 words), so formatting is
 * done by hand into a large buffer instead of printf.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nisv.h"

/*
 * Names of the public enums, as the oracle spells them (the C names without
 * their prefix). Local tables rather than nisv_op_name(): the oracle must
 * not depend on the library's own names being right.
 */
static const char *const op_names[] = {
	[NISV_OP_NONE] = "NONE",           [NISV_OP_LOAD] = "LOAD",
	[NISV_OP_STORE] = "STORE",         [NISV_OP_PREFETCH] = "PREFETCH",
	[NISV_OP_LOAD_EXCL] = "LOAD_EXCL", [NISV_OP_STORE_EXCL] = "STORE_EXCL",
	[NISV_OP_ATOMIC] = "ATOMIC",       [NISV_OP_CAS] = "CAS",
	[NISV_OP_CASP] = "CASP",           [NISV_OP_LD_MULTI] = "LD_MULTI",
	[NISV_OP_ST_MULTI] = "ST_MULTI",   [NISV_OP_LD_LANE] = "LD_LANE",
	[NISV_OP_ST_LANE] = "ST_LANE",     [NISV_OP_LD_REPL] = "LD_REPL",
	[NISV_OP_DC_ZVA] = "DC_ZVA",       [NISV_OP_DC_GVA] = "DC_GVA",
	[NISV_OP_DC_GZVA] = "DC_GZVA",     [NISV_OP_DC_MAINT] = "DC_MAINT",
	[NISV_OP_SVE_LOAD] = "SVE_LOAD",   [NISV_OP_SVE_STORE] = "SVE_STORE",
	[NISV_OP_SVE_LOAD_REPL] = "SVE_LOAD_REPL",
};
_Static_assert(sizeof op_names / sizeof op_names[0] == NISV_OP_COUNT,
               "decode_dump: a nisv_op has no name here");
static const char *const rc_names[] = {
	[NISV_RC_NONE] = "NONE", [NISV_RC_W] = "W", [NISV_RC_X] = "X",
	[NISV_RC_V] = "V",       [NISV_RC_Z] = "Z", [NISV_RC_P] = "P",
	[NISV_RC_ZA] = "ZA",     [NISV_RC_ZA_H] = "ZA_H", [NISV_RC_ZA_V] = "ZA_V",
	[NISV_RC_ZT0] = "ZT0",
};
_Static_assert(sizeof rc_names / sizeof rc_names[0] == NISV_RC_ZT0 + 1,
               "decode_dump: a nisv_rclass has no name here");
static const char *const am_names[] = {
	[NISV_AM_BASE] = "BASE",         [NISV_AM_OFFSET] = "OFFSET",
	[NISV_AM_PRE] = "PRE",           [NISV_AM_POST] = "POST",
	[NISV_AM_REG] = "REG",           [NISV_AM_POST_REG] = "POST_REG",
	[NISV_AM_LITERAL] = "LITERAL",   [NISV_AM_MUL_VL] = "MUL_VL",
	[NISV_AM_VEC_IMM] = "VEC_IMM",   [NISV_AM_SCALAR_VEC] = "SCALAR_VEC",
	[NISV_AM_VEC_SCALAR] = "VEC_SCALAR",
};
_Static_assert(sizeof am_names / sizeof am_names[0] == NISV_AM_VEC_SCALAR + 1,
               "decode_dump: a nisv_addr_mode has no name here");

/* ------------------------------------------------------------------------ */
/* Output buffer                                                             */
/* ------------------------------------------------------------------------ */

static char obuf[1 << 20];
static size_t olen;

static void flush_out(void)
{
	if (olen && fwrite(obuf, 1, olen, stdout) != olen) {
		perror("decode_dump: write");
		exit(2);
	}
	olen = 0;
}

static void put_str(const char *s)
{
	while (*s)
		obuf[olen++] = *s++;
}

static void put_u(uint64_t v)
{
	char tmp[24];
	int n = 0;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		obuf[olen++] = tmp[--n];
}

static void put_i(int64_t v)
{
	if (v < 0) {
		obuf[olen++] = '-';
		put_u((uint64_t)0 - (uint64_t)v);
	} else {
		put_u((uint64_t)v);
	}
}

static void put_hex(uint64_t v, int min_digits)
{
	static const char hx[] = "0123456789abcdef";
	char tmp[16];
	int n = 0;
	do {
		tmp[n++] = hx[v & 15];
		v >>= 4;
	} while (v || n < min_digits);
	while (n)
		obuf[olen++] = tmp[--n];
}

/* key=value with a name table; out-of-range values print as ?N */
static void put_named(const char *key, unsigned v, const char *const *names, unsigned count)
{
	put_str(key);
	if (v < count) {
		put_str(names[v]);
	} else {
		obuf[olen++] = '?';
		put_u(v);
	}
}

static void put_kv(const char *key, uint64_t v)
{
	put_str(key);
	put_u(v);
}

/* ------------------------------------------------------------------------ */

static int same_insn(const nisv_insn *a, const nisv_insn *b)
{
	return a->word == b->word && a->op == b->op && a->rclass == b->rclass &&
	       a->esize_log2 == b->esize_log2 && a->nregs == b->nregs &&
	       a->selem == b->selem && a->lane == b->lane && a->vbytes == b->vbytes &&
	       a->addr == b->addr && a->rt == b->rt && a->rt2 == b->rt2 &&
	       a->rn == b->rn && a->rm == b->rm && a->rs == b->rs &&
	       a->extend == b->extend && a->shift == b->shift &&
	       a->atomic == b->atomic && a->dc == b->dc && a->flags == b->flags &&
	       a->imm == b->imm && a->pg == b->pg && a->msize_log2 == b->msize_log2 &&
	       a->rstride == b->rstride && memcmp(a->reserved_, b->reserved_, sizeof a->reserved_) == 0;
}

/* nisv.h: "reserved_ is zero" in a decoded nisv_insn. */
static int reserved_zero(const nisv_insn *in)
{
	size_t i;
	for (i = 0; i < sizeof in->reserved_; i++)
		if (in->reserved_[i])
			return 0;
	return 1;
}

static void dump_word(uint32_t w)
{
	nisv_insn in, in2;
	nisv_status st, st2;

	/*
	 * Decode twice into differently poisoned structs: a decoded nisv_insn
	 * must be a function of the word only, so every field must come out
	 * the same (for an unsupported word only op is defined).
	 */
	memset(&in, 0xA5, sizeof in);
	memset(&in2, 0x5A, sizeof in2);
	st = nisv_decode(w, &in);
	st2 = nisv_decode(w, &in2);

	if (olen > sizeof obuf - 512)
		flush_out();

	put_hex(w, 8);
	if (st != st2 || in.op != in2.op || (st == NISV_OK && !same_insn(&in, &in2))) {
		put_str(" BAD uninitialised-or-nondeterministic-fields\n");
		return;
	}
	if (st != NISV_OK) {
		if (st != NISV_UNSUPPORTED) {
			put_str(" BAD status=");
			put_u((unsigned)st);
		} else if (in.op != NISV_OP_NONE) {
			put_str(" BAD unsupported-with-op=");
			put_u(in.op);
		} else {
			put_str(" NONE");
		}
		obuf[olen++] = '\n';
		return;
	}
	if (in.op == NISV_OP_NONE) {
		put_str(" BAD ok-with-op-none\n");
		return;
	}
	if (in.word != w) {
		put_str(" BAD word=");
		put_hex(in.word, 8);
		obuf[olen++] = '\n';
		return;
	}
	if (!reserved_zero(&in)) {
		put_str(" BAD reserved-nonzero\n");
		return;
	}
	put_named(" MEM op=", in.op, op_names, sizeof op_names / sizeof op_names[0]);
	put_named(" rc=", in.rclass, rc_names, sizeof rc_names / sizeof rc_names[0]);
	put_kv(" es=", in.esize_log2);
	put_kv(" n=", in.nregs);
	put_kv(" se=", in.selem);
	put_kv(" ln=", in.lane);
	put_kv(" vb=", in.vbytes);
	put_named(" am=", in.addr, am_names, sizeof am_names / sizeof am_names[0]);
	put_kv(" rt=", in.rt);
	put_kv(" rt2=", in.rt2);
	put_kv(" rn=", in.rn);
	put_kv(" rm=", in.rm);
	put_kv(" rs=", in.rs);
	put_kv(" ext=", in.extend);
	put_kv(" sh=", in.shift);
	put_kv(" at=", in.atomic);
	put_kv(" dc=", in.dc);
	put_str(" fl=0x");
	put_hex(in.flags, 1);
	put_str(" imm=");
	put_i(in.imm);
	put_kv(" pg=", in.pg);
	put_kv(" ms=", in.msize_log2);
	put_kv(" st=", in.rstride);
	obuf[olen++] = '\n';
}

static int dump_file(const char *path)
{
	static unsigned char ibuf[1 << 20];
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	size_t carry = 0;

	if (!f) {
		fprintf(stderr, "decode_dump: %s: %s\n", path, strerror(errno));
		return 2;
	}
	for (;;) {
		size_t got = fread(ibuf + carry, 1, sizeof ibuf - carry, f);
		size_t have = carry + got, i;
		for (i = 0; i + 4 <= have; i += 4) {
			uint32_t w = (uint32_t)ibuf[i] | (uint32_t)ibuf[i + 1] << 8 |
			             (uint32_t)ibuf[i + 2] << 16 | (uint32_t)ibuf[i + 3] << 24;
			dump_word(w);
		}
		carry = have - i;
		if (carry)
			memmove(ibuf, ibuf + i, carry);
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		fprintf(stderr, "decode_dump: %s: read error\n", path);
		return 2;
	}
	if (f != stdin)
		fclose(f);
	if (carry) {
		fprintf(stderr, "decode_dump: %s: %zu trailing bytes ignored\n", path, carry);
		return 2;
	}
	return 0;
}

static void usage(void)
{
	fprintf(stderr, "usage: decode_dump FILE|-\n"
	                "       decode_dump -w HEXWORD...\n");
}

int main(int argc, char **argv)
{
	int rc = 0;

	if (argc >= 2 && strcmp(argv[1], "-w") == 0) {
		int i;
		for (i = 2; i < argc; i++) {
			char *end;
			unsigned long v = strtoul(argv[i], &end, 16);
			if (*argv[i] == '\0' || *end != '\0' || v > 0xFFFFFFFFul) {
				fprintf(stderr, "decode_dump: bad hex word '%s'\n", argv[i]);
				rc = 2;
				continue;
			}
			dump_word((uint32_t)v);
		}
	} else if (argc == 2) {
		rc = dump_file(argv[1]);
	} else {
		usage();
		return 2;
	}
	flush_out();
	if (fflush(stdout) != 0) {
		perror("decode_dump: stdout");
		return 2;
	}
	return rc;
}
