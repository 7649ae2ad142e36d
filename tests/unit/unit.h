/*
 * The readable unit tests of nisv: one table of cases per instruction class
 * (cases_*.c), run by unit.c.
 *
 * A case is one to three instructions, each written as the assembly text and
 * the 32-bit word beside it (check_asm_text.py assembles every text with
 * binutils and checks the word), an initial vCPU state and guest RAM, and the
 * expected outcome:
 *
 *   - the status (NISV_OK unless a case says otherwise) and, for NISV_FAULT,
 *     the fault kind and the faulting virtual address;
 *   - every register that changes, with its new value;
 *   - every memory byte that changes, with its new value.
 *
 * The runner checks that nothing else changed: it compares the whole
 * register state (X0-X30, both stack pointers, the system registers, V0-V31)
 * and the whole RAM against the initial state plus the expected changes, and
 * checks that PC advanced by 4 for every instruction that completed (and not
 * at all for one that did not).
 *
 * Unless a case says otherwise, the vCPU starts as
 *
 *   PC        = RAM + 0x800
 *   PSTATE    = 0x3c5 (EL1h: EL1 using SP_EL1, interrupts masked)
 *   SCTLR_EL1 = 0     (MMU off, little-endian, no alignment checking)
 *   DCZID_EL0 = 4     (DC ZVA zeroes 64-byte blocks)
 *   everything else 0 (X0-X30, SP_EL0, SP_EL1, TCR_EL1, V0-V31, ...)
 *
 * and the guest has RAM_SIZE bytes of RAM at guest-physical address RAM, all
 * bytes 0xee except the ones a case sets. Memory outside RAM does not exist:
 * the memory callback fails there.
 *
 * With the MMU off (SCTLR_EL1.M = 0) every data access is to Device-nGnRnE
 * memory (Arm ARM D8.2.10, "The effects of disabling an address translation
 * stage"), where an unaligned access or a DC ZVA is an Alignment fault. A
 * case that needs Normal memory sets .normal: the harness then turns the
 * MMU on with RAM identity-mapped as Normal memory, by one level-1 block
 * descriptor in a translation table at TABLES:
 *
 *   SCTLR_EL1 |= M,  TCR_EL1 |= NORMAL_TCR,  TTBR0_EL1 = TABLES,
 *   MAIR_EL1 = NORMAL_MAIR,  table entry 2 = NORMAL_BLOCK
 *
 * (also in the expected state: these registers do not change).
 */
#ifndef NISV_UNIT_H
#define NISV_UNIT_H

#include <stddef.h>
#include <stdint.h>

#include "nisv.h"

#define RAM 0x80000000ull
#define RAM_SIZE 4096u
#define RAM_FILL 0xee
#define PC0 (RAM + 0x800)

/* The translation table of .normal cases, outside RAM. */
#define TABLES 0x40000000ull
#define TABLES_SIZE 4096u
/* T0SZ = 25 (39-bit VAs: the walk starts at level 1), 4K granule, IPS = 48 bits */
#define NORMAL_TCR (25ull | 5ull << 32)
/* Attr0 = 0xff: Normal, Inner/Outer Write-Back */
#define NORMAL_MAIR 0xffull
/* 1 GiB block at 0x80000000: AF, Inner Shareable, AP = EL0/EL1 read-write, Attr0 */
#define NORMAL_BLOCK (0x80000000ull | 1ull << 10 | 3ull << 8 | 1ull << 6 | 1ull)

/* PSTATE (SPSR format): M[3:0] selects the exception level and stack pointer. */
#define PSTATE_EL0 0x000ull  /* EL0t: SP_EL0                        */
#define PSTATE_EL1T 0x3c4ull /* EL1t: EL1 using SP_EL0               */
#define PSTATE_EL1H 0x3c5ull /* EL1h: EL1 using SP_EL1 (the default) */
#define PSTATE_EL2H 0x3c9ull /* EL2h: not a guest nisv emulates      */
#define PSTATE_AARCH32 0x1d3ull /* AArch32 Supervisor mode (M[4] = 1) */

/* SCTLR_EL1 bits, Arm ARM D19.2 "SCTLR_EL1". */
#define SCTLR_M (1ull << 0)    /* stage 1 MMU enable                    */
#define SCTLR_A (1ull << 1)    /* alignment checking                    */
#define SCTLR_SA (1ull << 3)   /* SP alignment check at EL1             */
#define SCTLR_SA0 (1ull << 4)  /* SP alignment check at EL0             */
#define SCTLR_NAA (1ull << 6)  /* non-aligned access (FEAT_LSE2)        */
#define SCTLR_E0E (1ull << 24) /* EL0 data is big-endian                */
#define SCTLR_EE (1ull << 25)  /* EL1 data is big-endian                */
#define SCTLR_UCI (1ull << 26) /* EL0 may use DC CVAU/CVAC/CVAP/CIVAC     */

/* TCR_EL1 fields. */
#define TCR_T0SZ(n) ((uint64_t)(n))   /* VA size of TTBR0 = 64 - T0SZ bits */
#define TCR_T1SZ(n) ((uint64_t)(n) << 16)
#define TCR_TBI0 (1ull << 37)         /* top byte ignored, lower VA range  */
#define TCR_TBI1 (1ull << 38)

enum { MAX_PROG = 3, MAX_REGS = 8, MAX_VREGS = 8, MAX_MEM = 4 };

/* One instruction: assembly text and its word, side by side. */
struct insn {
	const char *text;
	uint32_t word;
};
#define I(text, word) { text, word }

/* A general or system register (nisv_reg) and its value. */
struct reg_val {
	uint8_t used;
	uint8_t reg;
	uint64_t val;
};
#define X(n, v) { 1, (n), (uint64_t)(v) }          /* X0..X30             */
#define R(name, v) { 1, NISV_##name, (uint64_t)(v) } /* R(SP_EL1, ...), ... */

/* A SIMD&FP register, written as the Arm ARM writes bit vectors: hi:lo. */
struct v_val {
	uint8_t used;
	uint8_t n;
	uint64_t hi, lo;
};
#define V(n, hi, lo) { 1, (n), (uint64_t)(hi), (uint64_t)(lo) }

/*
 * Guest memory bytes at an address: MEM(addr, "11 22 33") gives the bytes in
 * address order (so a little-endian 0x332211), FILL(addr, len, byte) repeats
 * one byte.
 */
struct mem_val {
	uint64_t addr;
	const char *hex;
	uint16_t fill_len;
	uint8_t fill;
};
#define MEM(addr, hex) { (addr), (hex), 0, 0 }
#define FILL(addr, len, byte) { (addr), NULL, (len), (byte) }

/* Expected direction of a faulting access (res.write), when it is checked. */
enum { WNR_ANY = 0, WNR_READ, WNR_WRITE };

/* Expected flags of every memory callback, when they are checked. */
#define MEMF(flags) ((flags) | 0x80000000u)

struct unit_case {
	/* Executed in order on one vCPU; the last one is the case under test,
	 * the earlier ones (if any) must complete with NISV_OK. */
	struct insn prog[MAX_PROG];
	const char *why; /* the rule the case shows */

	/* ---- initial state (see the defaults above) ---- */
	struct reg_val regs[MAX_REGS];
	struct v_val v[MAX_VREGS];
	struct mem_val mem[MAX_MEM];
	uint8_t normal;        /* RAM is Normal memory (MMU on, see above)     */
	uint32_t features;     /* nisv_vcpu_set_features()                     */
	uint8_t clear_monitor; /* nisv_clear_exclusive() before the last insn  */

	/* ---- expected outcome ---- */
	nisv_status status;    /* NISV_OK when not given                       */
	uint8_t fault;         /* nisv_fault_kind in nisv_result.fault         */
	uint64_t fault_va;     /* nisv_result.va (the FAR), for NISV_FAULT when
	                          not 0                                        */
	uint8_t wnr;           /* WNR_*: nisv_result.write, for NISV_FAULT     */
	struct reg_val out_regs[MAX_REGS]; /* registers that change (not PC) */
	struct v_val out_v[MAX_VREGS];
	struct mem_val out_mem[MAX_MEM];   /* memory that changes            */
	uint8_t no_access;     /* no data access (table walks aside)           */
	uint32_t mem_flags;    /* MEMF(...): flags every data access gets      */
};

struct case_table {
	const char *name;
	const struct unit_case *cases;
	size_t count;
};

#define CASE_TABLE(name, array) { name, array, sizeof(array) / sizeof(array[0]) }

extern const struct case_table cases_single;
extern const struct case_table cases_pair;
extern const struct case_table cases_simd;
extern const struct case_table cases_excl;
extern const struct case_table cases_atomic;
extern const struct case_table cases_misc;

#endif
