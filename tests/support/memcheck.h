/*
 * nisv's memory callbacks for the CPU-oracle differentials
 * (tests/differential, tests/differential_sve): IPA -> host address through
 * the case's stage-1 tables (el0_tables.h), and checks that nisv reads
 * descriptors only inside the tables, fetches only the instruction (4 bytes
 * at fetch_ipa; none with no_fetch), and makes data pieces that are
 * naturally aligned, at most 16 bytes and inside the buffer, which then
 * pass the harness's own rule (piece). Errors are kept for the verdict.
 */
#ifndef SUPPORT_MEMCHECK_H
#define SUPPORT_MEMCHECK_H

#include <stdint.h>

#include "el0_tables.h"
#include "nisv.h"
#include "verdict.h"

struct memcheck;

/* The harness's rule for a data piece at host address a (in the buffer):
 * 0 to perform it, -1 to refuse it. Reports through memcheck_error(). */
typedef int memcheck_piece_fn(struct memcheck *m, uint64_t a, uint64_t ipa, uint32_t len, unsigned flags,
                              int write);

struct memcheck {
	/* --- set by memcheck_init and the harness --- */
	const struct el0_pt *pt; /* the case's tables: IPA -> host           */
	uint64_t lo, hi;         /* the buffer (host addresses)               */
	memcheck_piece_fn *piece;
	void *rule;              /* the harness's data for piece              */
	uint64_t fetch_ipa;      /* where the instruction fetch must read     */
	int no_fetch;            /* ISV = 1: a fetch is an error, and fails   */
	/* --- what nisv did --- */
	unsigned nwalk, ndata;   /* walk steps (descriptors, ram_map), data pieces */
	unsigned ndesc;          /* descriptors read through read()          */
	uint64_t t_lo, t_hi;     /* hull of the data nisv touched (host)      */
	int lock_depth;
	unsigned nerr;
	char err[4][200];
};

void memcheck_init(struct memcheck *m, const struct el0_pt *pt, uint64_t buf_lo, uint64_t buf_hi,
                   memcheck_piece_fn *piece, void *rule);
void memcheck_error(struct memcheck *m, const char *what, uint64_t ipa, uint32_t len, unsigned flags);

/* The errors (the first 4, and how many more), a lock left held. */
void memcheck_verdict(struct verdict *v, const struct memcheck *m);

/* ctx: the struct memcheck. memcheck_ops walks through read(),
 * memcheck_ops_mapped through ram_map() (the tables as RAM). */
extern const nisv_mem_ops memcheck_ops, memcheck_ops_mapped;

#endif
