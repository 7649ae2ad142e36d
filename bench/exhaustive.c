/*
 * exhaustive: nisv_decode over all 2^32 words, in words per second.
 *
 *   exhaustive [--threads N] [--check] [--start W] [--count N]
 *
 * --threads  split the space over N threads (default 1)
 * --check    also check every answer: NISV_OK exactly when op != NONE,
 *            insn.word echoed, every field in range, and (one word in 64)
 *            the same answer twice
 * --start/--count  a part of the space (default: all of it)
 *
 * Prints: exhaustive: N words in S s (W words/s, T threads), M memory
 * instructions, F check failures; per-op counts with --check. Under
 * UndefinedBehaviorSanitizer (scripts/exhaustive_decode.sh) any UB aborts
 * with the sanitizer's report.
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nisv.h"

struct job {
	uint64_t start, count;
	int check;
	uint64_t memory, failures;
	uint64_t per_op[NISV_OP_COUNT];
	uint64_t first_failure;
	uint64_t acc;
};

static int same(const nisv_insn *a, const nisv_insn *b)
{
	return a->word == b->word && a->op == b->op && a->rclass == b->rclass && a->esize_log2 == b->esize_log2 &&
	       a->nregs == b->nregs && a->selem == b->selem && a->lane == b->lane && a->vbytes == b->vbytes &&
	       a->addr == b->addr && a->rt == b->rt && a->rt2 == b->rt2 && a->rn == b->rn && a->rm == b->rm &&
	       a->rs == b->rs && a->extend == b->extend && a->shift == b->shift && a->atomic == b->atomic &&
	       a->dc == b->dc && a->flags == b->flags && a->imm == b->imm;
}

static int valid(uint32_t w, nisv_status st, const nisv_insn *d)
{
	if (st != NISV_OK && st != NISV_UNSUPPORTED)
		return 0;
	if ((st == NISV_UNSUPPORTED) != (d->op == NISV_OP_NONE) || d->word != w)
		return 0;
	if (st != NISV_OK)
		return 1;
	return d->op < NISV_OP_COUNT && d->rclass <= NISV_RC_ZT0 && d->esize_log2 <= 4 && d->msize_log2 <= 4 &&
	       d->nregs >= 1 && d->nregs <= 4 && d->selem >= 1 && d->selem <= 4 && d->addr <= NISV_AM_VEC_SCALAR &&
	       d->rt < 32 && d->rt2 < 32 && d->rn < 32 && d->rm < 32 && d->rs < 32 && d->pg <= NISV_PG_ALL &&
	       (d->vbytes == 0 || d->vbytes == 8 || d->vbytes == 16 || d->vbytes == 32) && d->lane < 16 &&
	       d->shift <= 4 && d->rstride <= 8 &&
	       d->atomic <= NISV_AT_SWP && d->dc <= NISV_DC_CVADP;
}

static void *run(void *arg)
{
	struct job *j = arg;
	nisv_insn d, d2;

	for (uint64_t i = 0; i < j->count; i++) {
		uint32_t w = (uint32_t)(j->start + i);
		nisv_status st = nisv_decode(w, &d);
		j->memory += st == NISV_OK;
		j->acc += d.rt ^ d.op;
		if (!j->check)
			continue;
		j->per_op[d.op < NISV_OP_COUNT ? d.op : 0]++;
		int ok = valid(w, st, &d);
		if (ok && (w & 63) == 0) {
			memset(&d2, 0x5a, sizeof(d2));
			ok = nisv_decode(w, &d2) == st && same(&d, &d2);
		}
		if (!ok && !j->failures++)
			j->first_failure = w;
	}
	return NULL;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
	unsigned threads = 1;
	int check = 0;
	uint64_t start = 0, count = 1ull << 32, memory = 0, failures = 0, acc = 0, per_op[NISV_OP_COUNT] = { 0 };
	struct job *jobs;
	pthread_t *tid;
	double t0, t1;
	struct timespec c0, c1;

	for (int a = 1; a < argc; a++) {
		if (!strcmp(argv[a], "--check"))
			check = 1;
		else if (a + 1 < argc && !strcmp(argv[a], "--threads"))
			threads = (unsigned)strtoul(argv[++a], NULL, 0);
		else if (a + 1 < argc && !strcmp(argv[a], "--start"))
			start = strtoull(argv[++a], NULL, 0);
		else if (a + 1 < argc && !strcmp(argv[a], "--count"))
			count = strtoull(argv[++a], NULL, 0);
		else {
			fprintf(stderr, "usage: %s [--threads N] [--check] [--start W] [--count N]\n", argv[0]);
			return 2;
		}
	}
	if (!threads || start + count > (1ull << 32))
		return 2;
	jobs = calloc(threads, sizeof(*jobs));
	tid = calloc(threads, sizeof(*tid));
	if (!jobs || !tid)
		return 1;
	for (unsigned t = 0; t < threads; t++) {
		jobs[t].start = start + count / threads * t;
		jobs[t].count = t + 1 == threads ? count - count / threads * t : count / threads;
		jobs[t].check = check;
	}
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
	t0 = now();
	for (unsigned t = 0; t < threads; t++)
		if (pthread_create(&tid[t], NULL, run, &jobs[t]))
			return 1;
	for (unsigned t = 0; t < threads; t++)
		pthread_join(tid[t], NULL);
	t1 = now();
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
	double cpu = (double)(c1.tv_sec - c0.tv_sec) + (double)(c1.tv_nsec - c0.tv_nsec) * 1e-9;
	uint64_t first = 0;
	for (unsigned t = 0; t < threads; t++) {
		memory += jobs[t].memory;
		acc += jobs[t].acc;
		if (jobs[t].failures && !failures)
			first = jobs[t].first_failure;
		failures += jobs[t].failures;
		for (unsigned o = 0; o < NISV_OP_COUNT; o++)
			per_op[o] += jobs[t].per_op[o];
	}
	printf("exhaustive: %llu words in %.1f s (%.3g words/s wall, %.3g words per CPU-second, %u threads%s), "
	       "%llu memory instructions, %llu check failures",
	       (unsigned long long)count, t1 - t0, (double)count / (t1 - t0), (double)count / cpu, threads,
	       check ? ", checked" : "", (unsigned long long)memory, (unsigned long long)failures);
	if (failures)
		printf(" (first: %08llx)", (unsigned long long)first);
	printf(" [%llx]\n", (unsigned long long)(acc & 0xfff));
	if (check)
		for (unsigned o = 1; o < NISV_OP_COUNT; o++)
			printf("exhaustive: %-10s %llu\n", nisv_op_name(o), (unsigned long long)per_op[o]);
	free(jobs);
	free(tid);
	return failures ? 1 : 0;
}
