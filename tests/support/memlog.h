/*
 * A logging wrapper around any nisv_mem_ops (memlog.c): counts every call
 * by kind, ORs the flags of data reads and writes, keeps the first 64 data
 * accesses, and makes every piece of a checked access go through read/write
 * (it clears the device the inner check names), so the log sees them all.
 */
#ifndef NISV_TEST_MEMLOG_H
#define NISV_TEST_MEMLOG_H

#include "nisv.h"

struct memlog_access {
	uint64_t ipa;
	uint32_t len, flags;
	uint8_t write;
};

struct memlog {
	/* what is wrapped */
	const nisv_mem_ops *inner;
	void *inner_ctx;
	/* ram_map: NULL or 1 forwards the inner answer; 0 declines (walks and
	 * fetches then go through read()); 2 answers with a range that does not
	 * hold ipa (which nisv must ignore) */
	const int *ram_map_mode;
	/* counts since memlog_clear() */
	unsigned reads, writes;    /* data read/write calls (not walks, not fetches) */
	unsigned walk_reads;       /* NISV_MEM_WALK reads                          */
	unsigned fetches;          /* NISV_MEM_FETCH reads                         */
	unsigned checks, cas, locks;
	unsigned ram_maps;
	unsigned read_flags, write_flags; /* OR of the flags of data reads/writes  */
	unsigned nlog;             /* data accesses, the first 64 in log[]         */
	struct memlog_access log[64];
};

/* The callbacks; ctx is a struct memlog *. */
extern const nisv_mem_ops memlog_ops;

/* Wrap inner (ctx inner_ctx), counts cleared. */
void memlog_init(struct memlog *m, const nisv_mem_ops *inner, void *inner_ctx);
/* Clear the counts and the log, keep what is wrapped. */
void memlog_clear(struct memlog *m);

#endif
