/*
 * decode_bench: nisv_decode against Capstone (detail on), in ns per word,
 * over three corpora of load/store words:
 *
 *   libc  the words of an arm64 libc's .text that nisv decodes as memory
 *         instructions, in program order
 *   libs  the same over every .text given (libc and a few other libraries)
 *   mix   a randomly ordered mix of every load/store encoding nisv knows:
 *         each word picks an encoding row of the decode table at random,
 *         then random operand bits (a fixed seed: every run the same words)
 *
 *   decode_bench [--repeat N] LIBC.text [OTHER.text ...]
 *
 * The .text files are raw section contents (objcopy -O binary
 * --only-section=.text); scripts/bench.sh fetches Debian's arm64 packages
 * and makes them. Prints one line per corpus:
 *   decode libc (N words): nisv X ns/word, capstone Y ns/word, ratio Z, ...
 * Capstone 4 does not know the LSE atomics (and some v8.x additions): the
 * words it rejects are counted and still timed (a failed decode is work too).
 * "loop floor" is the same loop around a no-op decoder (call + struct fill):
 * the part of the figure that is not decoding.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <capstone/capstone.h>

#include "bench.h"
#include "decode_table.h"
#include "nisv.h"

struct corpus {
	const char *name;
	uint32_t *w;
	size_t n, cap;
};

static void push(struct corpus *c, uint32_t w)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 1 << 16;
		c->w = realloc(c->w, c->cap * sizeof(*c->w));
		if (!c->w) {
			perror("realloc");
			exit(1);
		}
	}
	c->w[c->n++] = w;
}

/* Memory-instruction words of one .text file, appended in program order. */
static size_t load_text(const char *path, struct corpus *c, size_t *total)
{
	FILE *f = fopen(path, "rb");
	uint8_t b[4];
	size_t before = c->n;
	nisv_insn d;

	if (!f) {
		perror(path);
		exit(1);
	}
	while (fread(b, 1, 4, f) == 4) {
		uint32_t w = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
		(*total)++;
		if (nisv_decode(w, &d) == NISV_OK)
			push(c, w);
	}
	fclose(f);
	return c->n - before;
}

static uint64_t rng = 0x243f6a8885a308d3ull;

static uint64_t rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dull;
}

/* A random mix over the encoding rows: row uniformly, then random operand bits. */
static void make_mix(struct corpus *c, size_t n)
{
	nisv_insn d;

	while (c->n < n) {
		const struct enc_row *r = &enc_rows[rnd() % enc_row_count];
		for (unsigned tries = 0; tries < 256; tries++) {
			uint32_t w = ((uint32_t)rnd() & ~r->mask) | r->value;
			if (nisv_decode(w, &d) == NISV_OK) {
				push(c, w);
				break;
			}
		}
	}
}

static double nisv_pass(const struct corpus *c)
{
	nisv_insn d;
	uint64_t acc = 0, t0, t1;

	t0 = bench_now_ns();
	for (size_t i = 0; i < c->n; i++) {
		nisv_decode(c->w[i], &d);
		acc += d.op + d.rt + (uint64_t)d.imm;
	}
	t1 = bench_now_ns();
	bench_sink(acc);
	return (double)(t1 - t0) / (double)c->n;
}

/* The floor: the same loop around a call that fills nisv_insn without decoding. */
__attribute__((noinline)) static nisv_status null_decode(uint32_t w, nisv_insn *d)
{
	*d = (nisv_insn){ .word = w, .op = (uint8_t)(w >> 28), .rt = (uint8_t)(w & 31), .nregs = 1, .selem = 1 };
	return NISV_OK;
}

static double floor_pass(const struct corpus *c)
{
	nisv_insn d;
	uint64_t acc = 0, t0, t1;

	t0 = bench_now_ns();
	for (size_t i = 0; i < c->n; i++) {
		null_decode(c->w[i], &d);
		acc += d.op + d.rt + (uint64_t)d.imm;
	}
	t1 = bench_now_ns();
	bench_sink(acc);
	return (double)(t1 - t0) / (double)c->n;
}

static double capstone_pass(csh h, cs_insn *insn, const struct corpus *c, size_t *failed)
{
	uint64_t acc = 0, t0, t1;
	size_t bad = 0;

	t0 = bench_now_ns();
	for (size_t i = 0; i < c->n; i++) {
		uint8_t b[4];
		const uint8_t *code = b;
		size_t size = 4;
		uint64_t addr = 0x1000;
		uint32_t w = c->w[i];
		b[0] = (uint8_t)w;
		b[1] = (uint8_t)(w >> 8);
		b[2] = (uint8_t)(w >> 16);
		b[3] = (uint8_t)(w >> 24);
		if (cs_disasm_iter(h, &code, &size, &addr, insn))
			acc += insn->id + insn->detail->arm64.op_count;
		else
			bad++;
	}
	t1 = bench_now_ns();
	bench_sink(acc);
	*failed = bad;
	return (double)(t1 - t0) / (double)c->n;
}

static void run(const struct corpus *c, unsigned repeat, csh h, cs_insn *insn)
{
	double *v = calloc(repeat, sizeof(double));
	double nisv_ns, nisv_best, cs_ns, floor_ns;
	size_t failed = 0;
	unsigned cs_repeat = repeat < 5 ? repeat : 5;

	if (!v)
		exit(1);
	nisv_pass(c); /* warm up */
	for (unsigned r = 0; r < repeat; r++)
		v[r] = nisv_pass(c);
	nisv_ns = bench_median(v, repeat);
	nisv_best = v[0];
	for (unsigned r = 0; r < repeat; r++)
		v[r] = floor_pass(c);
	floor_ns = bench_median(v, repeat);
	capstone_pass(h, insn, c, &failed);
	for (unsigned r = 0; r < cs_repeat; r++)
		v[r] = capstone_pass(h, insn, c, &failed);
	cs_ns = bench_median(v, cs_repeat);
	printf("decode %s (%zu words): nisv %.2f ns/word (fastest pass %.2f), capstone %.1f ns/word, ratio %.0f "
	       "(capstone rejected %zu words, %.1f%%; loop floor %.2f ns/word)\n",
	       c->name, c->n, nisv_ns, nisv_best, cs_ns, cs_ns / nisv_ns, failed,
	       100.0 * (double)failed / (double)c->n, floor_ns);
	fflush(stdout);
	free(v);
}

int main(int argc, char **argv)
{
	struct corpus libc = { .name = "libc" }, libs = { .name = "libs" }, mix = { .name = "mix" };
	unsigned repeat = 21;
	int a = 1;
	size_t total = 0, libc_total = 0;
	csh h;
	cs_insn *insn;

	if (a + 1 < argc && !strcmp(argv[a], "--repeat")) {
		repeat = (unsigned)strtoul(argv[a + 1], NULL, 0);
		a += 2;
	}
	if (a >= argc || !repeat) {
		fprintf(stderr, "usage: %s [--repeat N] LIBC.text [OTHER.text ...]\n", argv[0]);
		return 2;
	}
	load_text(argv[a], &libc, &libc_total);
	for (int i = a; i < argc; i++)
		load_text(argv[i], &libs, &total);
	make_mix(&mix, 1u << 17);

	if (cs_open(CS_ARCH_ARM64, CS_MODE_ARM, &h) != CS_ERR_OK ||
	    cs_option(h, CS_OPT_DETAIL, CS_OPT_ON) != CS_ERR_OK) {
		fprintf(stderr, "capstone: cs_open failed\n");
		return 1;
	}
	insn = cs_malloc(h);
	{
		int major = 0, minor = 0;
		cs_version(&major, &minor);
		printf("decode: %s; capstone %d.%d with CS_OPT_DETAIL; median of %u passes (capstone %u)\n",
		       bench_load(), major, minor, repeat, repeat < 5 ? repeat : 5);
		printf("decode: corpora: libc %zu of %zu words are memory instructions; libs (%d files) %zu of "
		       "%zu; mix %zu words over %u encoding rows\n",
		       libc.n, libc_total, argc - a, libs.n, total, mix.n, enc_row_count);
	}
	run(&libc, repeat, h, insn);
	run(&mix, repeat, h, insn);
	run(&libs, repeat, h, insn);
	cs_free(insn, 1);
	cs_close(&h);
	return 0;
}
