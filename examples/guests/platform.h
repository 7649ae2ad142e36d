/*
 * The example platform: the guest-physical memory map the example VMM
 * (examples/vmm) provides and the bare-metal guests (examples/guests) use.
 * Every device sits in its own 64 KiB-aligned page, so a guest can map
 * each with its own attributes and permissions whatever its granule.
 *
 *   0x09000000  UART (4 KiB)     PL011-like: DR at +0x000 (write a byte),
 *                                FR at +0x018 (reads 0: never busy), and a
 *                                TX burst window at +0x800..+0xfff: every
 *                                byte written there is output in address
 *                                order, NUL bytes skipped (any width, like a
 *                                write-combining BAR).
 *   0x0a000000  test registers   see TEST_* below; 1/2/4/8-byte accesses
 *   0x0a010000  test window      4 KiB of device-backed storage, any width up
 *                                to 16 bytes; atomics allowed, exclusives not
 *   0x0a020000  exclusive window 4 KiB like the test window, exclusives
 *                                allowed too (to show why they cannot work)
 *   0x0b000000  hole             nothing: every access is an external abort
 *   0x40000000  RAM (64 MiB)     the image is loaded at its start and entered
 *                                there on every vCPU with x0 = vCPU index,
 *                                x1 = number of vCPUs, MMU off, EL1h, DAIF set
 */
#ifndef NISV_EXAMPLE_PLATFORM_H
#define NISV_EXAMPLE_PLATFORM_H

#define PLAT_UART_BASE 0x09000000ull
#define PLAT_UART_SIZE 0x1000ull
#define UART_DR 0x000
#define UART_FR 0x018
#define UART_WINDOW 0x800
#define UART_WINDOW_SIZE 0x800

#define PLAT_TEST_BASE 0x0a000000ull
#define PLAT_TEST_SIZE 0x1000ull
#define TEST_DONE 0x00    /* W: verdict, 0 = pass; ends the VM            */
#define TEST_ID 0x08      /* R: TEST_ID_VALUE                             */
#define TEST_NCPUS 0x10   /* R: number of vCPUs                           */
#define TEST_LOG 0x18     /* W: a checkpoint number, logged by the VMM    */
#define TEST_COUNTER 0x20 /* R: returns a counter, then increments it     */
#define TEST_PASSED 0x28  /* W: checks passed (all vCPUs), before DONE    */
#define TEST_FAILED 0x30  /* W: checks failed (all vCPUs), before DONE    */
#define TEST_ORACLE 0x38  /* W: IPA of a struct oracle_batch: the VMM walks
                             each VA with nisv and compares with the CPU's
                             PAR_EL1; R: mismatches so far                 */
#define TEST_WIN_FILL 0x40 /* W: seed: fill the test window with
                              win_pattern(seed, offset)                    */
#define TEST_WIN_SUM 0x48 /* W: offset | length << 16 of a window range;
                             R: win_hash() of that range                   */
#define TEST_SCRATCH 0x100 /* RW: 32 64-bit registers, 0x100..0x1ff       */
#define TEST_SCRATCH_COUNT 32
#define TEST_ID_VALUE 0x747365747673696eull /* "nisvtest" in memory order */

#define PLAT_WIN_BASE 0x0a010000ull
#define PLAT_WIN_SIZE 0x1000ull
#define PLAT_EXCL_BASE 0x0a020000ull
#define PLAT_EXCL_SIZE 0x1000ull

#define PLAT_HOLE 0x0b000000ull

#define PLAT_RAM_BASE 0x40000000ull
#define PLAT_RAM_SIZE 0x04000000ull

#ifndef __ASSEMBLER__
/* The window's fill pattern and hash, shared by the VMM and the guests. */
static inline unsigned char win_pattern(unsigned long long seed, unsigned off)
{
	unsigned long long x = (seed + off) * 0x9e3779b97f4a7c15ull;
	return (unsigned char)(x >> 56 ^ x >> 29 ^ off);
}

static inline unsigned long long win_hash(const volatile unsigned char *p, unsigned len)
{
	unsigned long long h = 0xcbf29ce484222325ull; /* FNV-1a */
	for (unsigned i = 0; i < len; i++)
		h = (h ^ p[i]) * 0x100000001b3ull;
	return h;
}

/*
 * Oracle 4 (guest MMU vs nisv's walker): the guest translates VAs with AT
 * and passes the results in RAM; the VMM translates each VA with nisv using
 * the vCPU's current SCTLR/TCR/TTBRn/MAIR and compares.
 */
#define ORACLE_AT_S1E1R 0
#define ORACLE_AT_S1E1W 1
#define ORACLE_AT_S1E0R 2
#define ORACLE_AT_S1E0W 3
struct oracle_entry {
	unsigned long long va, par;
	unsigned long long op; /* ORACLE_AT_* */
};
struct oracle_batch {
	unsigned long long count;   /* entries */
	unsigned long long entries; /* IPA of struct oracle_entry[count] */
	unsigned long long checked, mismatches; /* written back by the VMM */
	unsigned long long af_faults, perm_faults, xlat_faults, size_faults, ok;
	unsigned long long edge; /* set by the guest: tables with constructs the
	                            CPU model is known to get wrong; counted apart */
};
#endif

#endif
