/*
 * The test vCPU shared by unit.c and hostile.c: register callbacks over a
 * nisv_state that count calls and can be made to fail, and guest RAM whose
 * memory callbacks log, check and can be made to fail.
 */
#ifndef NISV_UNIT_HARNESS_H
#define NISV_UNIT_HARNESS_H

#include <stdint.h>

#include "nisv.h"
#include "unit.h"

struct test_regs {
	nisv_state st;
	/* calls made during the current emulation */
	unsigned get[NISV_REG_COUNT], set[NISV_REG_COUNT];
	unsigned get_v[32], set_v[32];
	unsigned gets, sets; /* all get/get_v and set/set_v calls             */
	long fail_get;       /* the get/get_v call with this index fails (-1: none) */
	long fail_set;       /* the set/set_v call with this index fails (-1: none) */
	int failed;          /* a register callback returned failure          */
	int set_failed;      /* ... and it was a set/set_v                    */
	int bad_index;       /* a callback was called with an index out of range */
};

struct test_mem {
	uint8_t ram[RAM_SIZE];       /* guest RAM at RAM                        */
	uint8_t tables[TABLES_SIZE]; /* translation tables at TABLES            */
	/* data accesses: calls whose address is not in the table region */
	unsigned reads, writes;   /* successful calls                          */
	unsigned calls;           /* all read/write calls                      */
	unsigned walk_calls;      /* calls to the table region                 */
	long fail_call;           /* the call with this index fails (-1: none) */
	int failed;               /* a memory callback returned failure        */
	int failed_write;         /* ... and it was a write                    */
	int locked;               /* inside lock()/unlock()                     */
	int lock_errors;          /* lock nesting or unlock without lock        */
	int piece_errors;         /* a piece not naturally aligned or > 16 bytes */
	int atomic_unlocked;      /* an NISV_MEM_ATOMIC access outside the lock  */
	uint32_t flags_seen_and, flags_seen_or; /* over all calls              */
};

extern const nisv_reg_ops test_reg_ops;
extern const nisv_mem_ops test_mem_ops;

/* Make RAM Normal memory: MMU on, RAM identity-mapped (see unit.h). */
void test_normal_memory(nisv_state *st, struct test_mem *m);

/* Reset the per-emulation counters (not the state, not the RAM). */
void test_regs_begin(struct test_regs *r);
void test_mem_begin(struct test_mem *m);

#endif
