/*
 * The register file of run_sve.S: X0-X30, SP, NZCV and the SVE state
 * (Z0-Z31, P0-P15, FFR) at the largest vector length (2048 bits); only the
 * first VL/8 (Z) or VL/64 (P, FFR) bytes of each register are loaded and
 * stored. Offsets are in bytes; struct sve_regs asserts them.
 *
 * The instruction word goes at an address of an RWX page owned by the
 * caller (native_init): the X loader before it (the template of
 * tests/support/run_insn.S, which loads X0-X30 from X30), a short exit
 * after it that parks X30 in TPIDR_EL0 and branches to run_sve_save (in
 * .text), which stores every register into run_sve_out and returns to the
 * host. run_sve(in, entry) loads Z, FFR, P, NZCV and SP and branches to the
 * entry. A signal handler that catches a fault of the word resumes at
 * run_insn_back, which returns to the host without storing anything.
 */
#ifndef SVE_RUN_SVE_H
#define SVE_RUN_SVE_H

#include "../support/run_insn.h" /* X0-X30, SP, NZCV as struct run_regs */

#define RS_Z 272                 /* 32 x 256 bytes                     */
#define RS_P (RS_Z + 32 * 256)   /* 16 x 32 bytes                      */
#define RS_FFR (RS_P + 16 * 32)  /* 32 bytes                           */
#define RS_SIZE (RS_FFR + 32)
#define RS_ZSTRIDE 256
#define RS_PSTRIDE 32

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
};

_Static_assert(sizeof(struct sve_regs) == RS_SIZE, "sve_regs size");
_Static_assert(offsetof(struct sve_regs, sp) == RUN_SP, "sp");
_Static_assert(offsetof(struct sve_regs, nzcv) == RUN_NZCV, "nzcv");
_Static_assert(offsetof(struct sve_regs, z) == RS_Z, "z");
_Static_assert(offsetof(struct sve_regs, p) == RS_P, "p");
_Static_assert(offsetof(struct sve_regs, ffr) == RS_FFR, "ffr");

/* Run from *in: the state the word leaves is stored in *run_sve_out. */
void run_sve(const struct sve_regs *in, void *entry);
extern struct sve_regs *run_sve_out;
extern const char run_sve_save[];
extern const char run_sve_exit[], run_sve_exit_end[];
#endif

#endif
