/*
 * The guest world the fuzzer and the property check drive nisv against:
 * one vCPU (nisv_state) behind counting, failure-injecting register
 * callbacks; guest-physical memory served by nisv_bus (one RAM region with
 * 4-level stage-1 tables, code and data; up to four device regions with a
 * backing store) behind a counting, failure-injecting wrapper; and the
 * checker of the promises nisv.h makes about what a failed or faulted
 * emulation may leave behind.
 *
 * A world is plain data plus pointers into itself: after copying one
 * (struct assignment), call world_fixup() on the copy.
 */
#ifndef NISV_FUZZ_WORLD_H
#define NISV_FUZZ_WORLD_H

#include <stddef.h>
#include <stdint.h>

#include "nisv.h"

/* Guest-physical layout. */
#define W_RAM_BASE 0x40000000ull
#define W_RAM_SIZE 0x8000u
#define W_L0_PA (W_RAM_BASE + 0x0000)
#define W_L1_PA (W_RAM_BASE + 0x1000)
#define W_L2_PA (W_RAM_BASE + 0x2000)
#define W_L3_PA (W_RAM_BASE + 0x3000)
#define W_CODE_PA (W_RAM_BASE + 0x4000)
#define W_DRAM_PA (W_RAM_BASE + 0x5000) /* two data pages: 0x5000, 0x6000 */
#define W_VEC_PA (W_RAM_BASE + 0x7000)  /* VBAR_EL1 points here (page-aligned) */
#define W_DEV_BASE 0x09000000ull        /* devices A, B, C: one page each */
#define W_DEV_SIZE 0x1000u
#define W_HOLE_PA 0x0a000000ull         /* device D when enabled, else a hole */

/* Virtual layout (TTBR0 and, through the same tables, TTBR1). */
#define W_CODE_VA 0x400000ull
#define W_DATA_VA 0x500000ull /* +0x0000 dev A, +0x1000 dev B, +0x2000 dev C, */
                              /* +0x3000/+0x4000 RAM, +0x5000 invalid,         */
                              /* +0x6000 hole, +0x7000 dev A without AF,       */
                              /* +0x8000 dev A read-only + DBM,               */
                              /* +0x9000 RAM read-only + DBM, no AF           */
#define W_BLOCK_VA 0x600000ull /* a 2 MiB block over the RAM base (Normal)    */

#define W_NREG 5 /* regions: 0 RAM, 1-4 devices A-D */
#define W_NDEV 4

/* Callback kinds that can be made to fail (world.fail_at[kind]). */
enum w_kind {
	K_GET,    /* reg_ops.get                                  */
	K_SET,    /* reg_ops.set                                  */
	K_GETV,   /* reg_ops.get_v                                */
	K_SETV,   /* reg_ops.set_v                                */
	K_READ,   /* mem_ops.read (any: fetch, walk, data)        */
	K_WRITE,  /* mem_ops.write                                */
	K_CHECK,  /* mem_ops.check: returns check_ret             */
	K_CAS,    /* mem_ops.cas64                                */
	K_DREAD,  /* a device region's read                       */
	K_DWRITE, /* a device region's write                      */
	K_NKIND
};

struct w_region_cfg {
	uint64_t base, size;
	uint32_t widths, policy;
	uint8_t enabled, no_read, no_write;
};

struct w_devctx {
	struct world *w;
	unsigned idx;
};

/* One logged successful data write (RAM or device), in call order. */
struct w_write {
	uint64_t ipa;
	uint32_t len;
	uint8_t device;
	uint8_t data[16];
};

#define W_LOG_MAX 160

struct world {
	/* ---- the guest ---- */
	nisv_state st;
	uint8_t ram[W_RAM_SIZE];
	uint8_t dev[W_NDEV][W_DEV_SIZE];
	struct w_region_cfg rcfg[W_NREG];
	uint32_t features;
	unsigned pa_bits;
	int inject;
	int no_check, no_lock, no_cas64;
	int ram_map; /* mem_ops.ram_map: 0 none, 1 the bus's, 2 declines, 3 a range without ipa */
	int direct_bus; /* the vCPU's memory is nisv_bus_mem_ops itself (no wrapper above) */

	/* ---- failure injection ---- */
	long fail_at[K_NKIND]; /* the call of that kind with this index fails; -1: none */
	long check_fail_at;    /* the check call with this index returns check_ret */
	int check_ret;

	/* ---- filled by world_fixup() ---- */
	nisv_region regions[W_NREG];
	struct w_devctx devctx[W_NDEV];
	nisv_bus bus;
	nisv_mem_ops mem_ops;
	nisv_vcpu vcpu;

	/* ---- what happened during the last call (world_begin() clears) ---- */
	unsigned calls[K_NKIND];
	unsigned get_count[NISV_REG_COUNT], set_count[NISV_REG_COUNT];
	unsigned getv_count[32], setv_count[32];
	unsigned injected;       /* failures injected (mask of 1 << kind) */
	unsigned natural;        /* callbacks that failed by themselves (mask) */
	unsigned failed_flags;   /* mem flags of failed read/write calls (OR) */
	unsigned sets_done;      /* successful set/set_v calls */
	unsigned data_writes;    /* successful data writes (mem_ops.write, not walk) */
	unsigned desc_writes;    /* successful descriptor updates (cas64, walk writes) */
	unsigned dev_writes;     /* successful device write callbacks */
	int get_after_set;       /* a register read after a register write */
	int bad_index;           /* register index out of range */
	int piece_error;         /* a memory piece not naturally aligned / too wide */
	int dev_error;           /* a device piece outside its region or width */
	int lock_error;          /* lock nesting, unlock without lock */
	int locked;
	int atomic_unlocked;     /* an NISV_MEM_ATOMIC data access outside the lock */
	unsigned nlog;
	struct w_write log[W_LOG_MAX];
	uint64_t cas_addr[4];
	unsigned ncas;

	/* the probe (world_set_recording): the first and last byte of each
	 * page the checked access covers, in order */
	int recording;
	unsigned nrec;
	uint64_t rec_ipa[8];
	int rec_write;
};

/* The default world: MMU on, 4K granule, T0SZ = T1SZ = 16 (4-level walk),
 * EL1h, registers pointing into device A, no failures. */
void world_default(struct world *w);
/* Point the world's callbacks at itself (after a copy). Builds the vCPU. */
void world_fixup(struct world *w);
/* Clear the per-call counters and the log. */
void world_begin(struct world *w);

/* Descriptor slot (0..2047: L0, L1, L2, L3 tables, 512 each) in RAM. */
uint64_t world_desc(const struct world *w, unsigned slot);
void world_set_desc(struct world *w, unsigned slot, uint64_t desc);
/* Write the instruction word at the RAM behind PC (when PC is in the code page). */
void world_put_word(struct world *w, uint32_t word);

/*
 * The promises of nisv.h for a call that returned `st`, given the world
 * before (`b`) and after (`a`) the call. Returns NULL when they hold, else a
 * description of the first broken one. `trap` is 1 for nisv_handle_abort.
 */
const char *world_check(const struct world *b, const struct world *a, nisv_status st,
                        const nisv_result *res, int trap);

/*
 * Known findings (reported, not yet fixed in src/), tolerated by
 * world_check() while their bit is set in world_tolerate (all by default;
 * the property check clears them unless NISV_TOLERATE_KNOWN=1):
 *  W_KNOWN_REGET: with NISV_FAULTS_INJECT, taking the exception reads
 *    PSTATE/SCTLR/PC again (nisv.h: at most one get per register per call).
 *  W_KNOWN_AF_RETRY: a hardware AF/dirty update of a block descriptor
 *    shared by both pages of a page-crossing access is applied, then the
 *    second update fails its compare: NISV_RETRY with the descriptor written.
 *  W_KNOWN_FETCH_ALIGN: nisv_handle_abort with a PC that is not 4-byte
 *    aligned fetches 4 bytes at an unaligned IPA (pieces are promised
 *    naturally aligned; no data abort can come from such a PC).
 *  W_KNOWN_AF_BEFORE_REGS: the hardware AF/dirty descriptor update (a
 *    memory write) happens before the last register reads (PC, and the
 *    registers a load merges into), so a register read failing then leaves
 *    the descriptor updated (nisv.h: every register is read before the
 *    first memory access).
 */
enum {
	W_KNOWN_REGET = 1u << 0,
	W_KNOWN_AF_RETRY = 1u << 1,
	W_KNOWN_FETCH_ALIGN = 1u << 2,
	W_KNOWN_AF_BEFORE_REGS = 1u << 3,
	W_KNOWN_ALL = 15u,
};
extern unsigned world_tolerate;
/* Print what broke a promise, in detail (stderr). */
extern int world_verbose;

/* Registers, RAM and device stores equal? NULL, or what differs. */
const char *world_same(const struct world *x, const struct world *y);
/* world_same, but for the access flag the trap's instruction fetch may set
 * in a descriptor (with TCR_EL1.HA a fetch sets AF; nisv_emulate does not
 * fetch): x is what nisv_emulate left, y what the trap left. */
const char *world_same_but_fetch_af(const struct world *x, const struct world *y);

#endif
