/*
 * decode_ref: nisv_decode() against the reference decoder (ref_decode.c),
 * status and every field of nisv_insn, word by word.
 *
 *   decode_ref [--threads N]                  the sample (the meson test)
 *   decode_ref [--threads N] --all            all 2^32 words
 *   decode_ref [--threads N] --start W --count N
 *
 * The sample: every value of bits [31:10] (so every table slot, type bit
 * and Rm/Rs/Rt2 value) with eight patterns of Rn/Rt; the whole DC-by-VA
 * space (SYS, op0=01, CRn=7), whose operation sits in bits [9:5]; and
 * 2^24 pseudo-random words. Each decode writes into a freshly poisoned
 * struct, so a field either decoder forgets to write shows up.
 * Prints "decode-ref: N words, M mismatches (S s, T threads)" and the first
 * mismatches; exits 1 on any.
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nisv.h"
#include "ref_decode.h"

#define FIELDS                                                                                          \
	X(word) X(op) X(rclass) X(esize_log2) X(nregs) X(selem) X(lane) X(vbytes) X(addr) X(rt) X(rt2) \
	X(rn) X(rm) X(rs) X(extend) X(shift) X(atomic) X(dc) X(flags) X(imm) X(pg) X(msize_log2)

enum { SHOW = 8 };

/* The words of one part of the run: word(i) for i in [0, count). */
struct part {
	uint64_t count;
	uint32_t (*word)(uint64_t i);
};

static uint32_t contiguous_start;

static uint32_t contiguous(uint64_t i)
{
	return (uint32_t)(contiguous_start + i);
}

/* Rn/Rt patterns: Rt 31 (XZR, ST<op> aliases), 0, odd and even (CASP). */
static const uint16_t low_patterns[8] = { 0x3ff, 0x000, 0x021, 0x0de, 0x15b, 0x1a4, 0x2e7, 0x318 };

static uint32_t high_bits(uint64_t i)
{
	return (uint32_t)(i >> 3) << 10 | low_patterns[i & 7];
}

/* SYS #op1, C7, Cm, #op2, Xt: 1101 0101 0000 1 op1 0111 CRm op2 Rt. */
static uint32_t dc_space(uint64_t i)
{
	return 0xd5087000u | (uint32_t)(i >> 12) << 16 | (uint32_t)(i & 0xfff);
}

static uint32_t random_word(uint64_t i)
{
	uint64_t x = (i + 1) * 0x9e3779b97f4a7c15ull;

	x ^= x >> 31;
	x *= 0xbf58476d1ce4e5b9ull;
	return (uint32_t)(x >> 32);
}

struct job {
	const struct part *part;
	uint64_t from, to, words, mismatches;
	char shown[SHOW][200];
	unsigned nshown;
};

static void report(struct job *j, uint32_t w, nisv_status s_new, nisv_status s_ref, const nisv_insn *a,
		   const nisv_insn *b)
{
	char *line = j->shown[j->nshown++];
	int n = snprintf(line, sizeof(j->shown[0]), "decode-ref: %08x: status %d, reference %d;", w, (int)s_new,
			 (int)s_ref);
#define X(f)                                                                                            \
	if (a->f != b->f && n < (int)sizeof(j->shown[0]))                                               \
		n += snprintf(line + n, sizeof(j->shown[0]) - (size_t)n, " %s %lld (reference %lld)", #f, \
			      (long long)a->f, (long long)b->f);
	FIELDS
#undef X
}

static void *run(void *arg)
{
	struct job *j = arg;
	nisv_insn a, b;

	for (uint64_t i = j->from; i < j->to; i++) {
		uint32_t w = j->part->word(i);
		memset(&a, 0x5a, sizeof(a));
		memset(&b, 0xa5, sizeof(b));
		nisv_status s_new = nisv_decode(w, &a);
		nisv_status s_ref = ref_decode(w, &b);
		int same = s_new == s_ref;
#define X(f) same &= a.f == b.f;
		FIELDS
#undef X
		j->words++;
		if (!same && j->mismatches++ < SHOW)
			report(j, w, s_new, s_ref, &a, &b);
	}
	return NULL;
}

/* One part over `threads` threads; adds to the totals, prints mismatches. */
static int run_part(const struct part *p, unsigned threads, uint64_t *words, uint64_t *mismatches)
{
	struct job *jobs = calloc(threads, sizeof(*jobs));
	pthread_t *tid = calloc(threads, sizeof(*tid));

	if (!jobs || !tid)
		return -1;
	for (unsigned t = 0; t < threads; t++) {
		jobs[t].part = p;
		jobs[t].from = p->count / threads * t;
		jobs[t].to = t + 1 == threads ? p->count : p->count / threads * (t + 1);
		if (pthread_create(&tid[t], NULL, run, &jobs[t]))
			return -1;
	}
	for (unsigned t = 0; t < threads; t++) {
		pthread_join(tid[t], NULL);
		*words += jobs[t].words;
		*mismatches += jobs[t].mismatches;
		for (unsigned k = 0; k < jobs[t].nshown; k++)
			printf("%s\n", jobs[t].shown[k]);
	}
	free(jobs);
	free(tid);
	return 0;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
	static const struct part sample[] = {
		{ 8ull << 22, high_bits },  /* bits [31:10] x 8 Rn/Rt patterns */
		{ 1u << 15, dc_space },     /* DC by VA space                  */
		{ 1u << 24, random_word },
	};
	struct part range = { 0, contiguous };
	const struct part *parts = sample;
	size_t nparts = sizeof(sample) / sizeof(sample[0]);
	unsigned threads = 1;
	uint64_t words = 0, mismatches = 0;

	for (int a = 1; a < argc; a++) {
		if (a + 1 < argc && !strcmp(argv[a], "--threads")) {
			threads = (unsigned)strtoul(argv[++a], NULL, 0);
		} else if (!strcmp(argv[a], "--all")) {
			range.count = 1ull << 32;
		} else if (a + 1 < argc && !strcmp(argv[a], "--start")) {
			contiguous_start = (uint32_t)strtoul(argv[++a], NULL, 0);
		} else if (a + 1 < argc && !strcmp(argv[a], "--count")) {
			range.count = strtoull(argv[++a], NULL, 0);
		} else {
			fprintf(stderr, "usage: %s [--threads N] [--all | --start W --count N]\n", argv[0]);
			return 2;
		}
	}
	if (!threads || contiguous_start + range.count > 1ull << 32)
		return 2;
	if (range.count) {
		parts = &range;
		nparts = 1;
	}
	double t0 = now();
	for (size_t p = 0; p < nparts; p++)
		if (run_part(&parts[p], threads, &words, &mismatches))
			return 1;
	printf("decode-ref: %llu words, %llu mismatches (%.1f s, %u threads)\n", (unsigned long long)words,
	       (unsigned long long)mismatches, now() - t0, threads);
	return mismatches ? 1 : 0;
}
