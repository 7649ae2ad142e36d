/*
 * The register file of run_sve.S: X0-X30, SP, NZCV and the SVE state
 * (Z0-Z31, P0-P15, FFR) at the largest vector length (2048 bits); only the
 * first VL/8 (Z) or VL/64 (P, FFR) bytes of each register are loaded and
 * stored. SME: the PSTATE.SM and PSTATE.ZA to enter before the word (SVCR),
 * and ZA, SVL/8 rows of SVL/8 bytes each 256 bytes apart, through a
 * pointer. Offsets are in bytes; struct sve_regs asserts them.
 *
 * The instruction word goes at an address of an RWX page owned by the
 * caller (native_init): the X loader before it (the template of
 * tests/support/run_insn.S, which loads X0-X30 from X30), a short exit
 * after it that parks X30 in TPIDR_EL0 and branches to run_sve_save (in
 * .text), which stores every register into run_sve_out and returns to the
 * host. run_sve(in, entry) enters streaming mode and enables ZA as in->svcr
 * says, loads ZA, Z, FFR (not in streaming mode), P, NZCV and SP and
 * branches to the entry; run_sve_save stores them and leaves streaming mode
 * and ZA off before it returns. A signal handler that catches a fault of the
 * word resumes at run_sve_back (SMSTOP, for an SME case: Linux restores
 * PSTATE.SM and ZA at sigreturn) or run_insn_back, which return to the host
 * without storing anything.
 */
#ifndef SVE_RUN_SVE_H
#define SVE_RUN_SVE_H

#include "../support/run_insn.h" /* X0-X30, SP, NZCV as struct run_regs */

#define RS_Z 272                 /* 32 x 256 bytes                     */
#define RS_P (RS_Z + 32 * 256)   /* 16 x 32 bytes                      */
#define RS_FFR (RS_P + 16 * 32)  /* 32 bytes                           */
#define RS_SVCR (RS_FFR + 32)    /* SVCR to enter (RS_SVCR_*)           */
#define RS_ZA_ROWS (RS_SVCR + 8) /* SVL / 8 (native_run sets it)        */
#define RS_ZA (RS_ZA_ROWS + 8)   /* pointer to the ZA rows              */
#define RS_SIZE (RS_ZA + 8)
#define RS_ZSTRIDE 256
#define RS_PSTRIDE 32
#define RS_ZASTRIDE 256
#define RS_SVCR_SM 1u            /* SVCR.SM: streaming SVE mode         */
#define RS_SVCR_ZA 2u            /* SVCR.ZA: ZA enabled                 */

#define RUN_SVE_EXIT_BYTES 24    /* the exit: 4 instructions, a literal */
#define RUN_SVE_EXIT_LIT 16      /* where the literal is                */

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

struct sve_regs {
	uint64_t x[31];
	uint64_t sp;
	uint64_t nzcv;     /* NZCV in bits [31:28] */
	uint64_t pad;
	uint8_t z[32][256];
	uint8_t p[16][32];
	uint8_t ffr[32];
	uint64_t svcr;      /* RS_SVCR_SM | RS_SVCR_ZA; 0: plain SVE  */
	uint64_t za_rows;   /* SVL / 8 (native_run sets it)        */
	uint8_t (*za)[256]; /* with RS_SVCR_ZA: ZA row r at za[r]  */
};

_Static_assert(sizeof(struct sve_regs) == RS_SIZE, "sve_regs size");
_Static_assert(offsetof(struct sve_regs, sp) == RUN_SP, "sp");
_Static_assert(offsetof(struct sve_regs, nzcv) == RUN_NZCV, "nzcv");
_Static_assert(offsetof(struct sve_regs, z) == RS_Z, "z");
_Static_assert(offsetof(struct sve_regs, p) == RS_P, "p");
_Static_assert(offsetof(struct sve_regs, ffr) == RS_FFR, "ffr");
_Static_assert(offsetof(struct sve_regs, svcr) == RS_SVCR, "svcr");
_Static_assert(offsetof(struct sve_regs, za) == RS_ZA, "za");

/* Run from *in: the state the word leaves is stored in *run_sve_out. */
void run_sve(const struct sve_regs *in, void *entry);
extern struct sve_regs *run_sve_out;
extern const char run_sve_save[], run_sve_back[];
extern const char run_sve_exit[], run_sve_exit_end[];
#endif

#endif
