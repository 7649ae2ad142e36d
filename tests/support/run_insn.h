/*
 * The register file of run_insn.S, the runner the CPU oracles use
 * (tests/differential/native.c, tests/tool/oracle.c; the SVE one,
 * tests/differential_sve/run_sve.S, with its own loader and store) to
 * execute instruction words for real, natively on arm64 or under
 * qemu-aarch64 -cpu max. Offsets are in bytes; struct run_regs asserts them.
 *
 * The words go at an address PC of an RWX page owned by the caller;
 * run_insn_place() puts the entry template at PC - RUN_ENTRY_BYTES and the
 * exit template right after the words. run_insn(in, entry) then runs them
 * from *in and the exit stores the result in the `out` given to
 * run_insn_place() (which may be `in`). A signal while the words run comes
 * with the test SP: handlers need SA_ONSTACK and a sigaltstack.
 */
#ifndef SUPPORT_RUN_INSN_H
#define SUPPORT_RUN_INSN_H

#define RUN_X 0              /* x0..x30                         */
#define RUN_SP 248           /* SP                              */
#define RUN_NZCV 256         /* NZCV in bits [31:28]            */
#define RUN_V 272            /* v0..v31, 16 bytes each          */
#define RUN_SIZE 784
#define RUN_ENTRY_BYTES 64   /* the entry: exactly 16 instructions */

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct run_regs {
	uint64_t x[31];
	uint64_t sp;
	uint64_t nzcv;
	uint64_t pad;
	uint64_t v[32][2]; /* [0] = bits 63:0, [1] = bits 127:64 */
};

_Static_assert(sizeof(struct run_regs) == RUN_SIZE, "run_regs size");
_Static_assert(offsetof(struct run_regs, sp) == RUN_SP, "sp");
_Static_assert(offsetof(struct run_regs, nzcv) == RUN_NZCV, "nzcv");
_Static_assert(offsetof(struct run_regs, v) == RUN_V, "v");

void run_insn(const struct run_regs *in, void *entry);
/* Where a fault handler resumes to return from run_insn (or run_sve) to
 * its caller, nothing stored. */
extern const char run_insn_back[];
extern const char run_insn_entry[], run_insn_entry_end[], run_insn_exit[], run_insn_exit_lit_out[],
	run_insn_exit_lit_back[], run_insn_exit_end[];

/* Bytes from the first word to the end of the exit, for n words. */
static inline size_t run_insn_span(unsigned n)
{
	return 4 * (size_t)n + (size_t)(run_insn_exit_end - run_insn_exit);
}

/* Put the runner around n words at `at` (4-aligned; RUN_ENTRY_BYTES before
 * it and run_insn_span(n) from it must be in the RWX page). Returns the
 * entry for run_insn(). Writing the words and making them visible to
 * execution (__builtin___clear_cache) are the caller's. */
static inline void *run_insn_place(uint8_t *at, unsigned n, struct run_regs *out)
{
	uint8_t *exit = at + 4 * (size_t)n;
	uint64_t outp = (uint64_t)(uintptr_t)out, backp = (uint64_t)(uintptr_t)run_insn_back;

	memcpy(at - RUN_ENTRY_BYTES, run_insn_entry, RUN_ENTRY_BYTES);
	memcpy(exit, run_insn_exit, (size_t)(run_insn_exit_end - run_insn_exit));
	memcpy(exit + (run_insn_exit_lit_out - run_insn_exit), &outp, sizeof outp);
	memcpy(exit + (run_insn_exit_lit_back - run_insn_exit), &backp, sizeof backp);
	return at - RUN_ENTRY_BYTES;
}

#else /* __ASSEMBLER__ */

/* Store X0-X29, X30 (parked in TPIDR_EL0), SP and NZCV at [x30], the
 * layout of struct run_regs; clobbers x0. */
	.macro run_store_gprs
	stp	x0, x1, [x30, #RUN_X + 0]
	stp	x2, x3, [x30, #RUN_X + 16]
	stp	x4, x5, [x30, #RUN_X + 32]
	stp	x6, x7, [x30, #RUN_X + 48]
	stp	x8, x9, [x30, #RUN_X + 64]
	stp	x10, x11, [x30, #RUN_X + 80]
	stp	x12, x13, [x30, #RUN_X + 96]
	stp	x14, x15, [x30, #RUN_X + 112]
	stp	x16, x17, [x30, #RUN_X + 128]
	stp	x18, x19, [x30, #RUN_X + 144]
	stp	x20, x21, [x30, #RUN_X + 160]
	stp	x22, x23, [x30, #RUN_X + 176]
	stp	x24, x25, [x30, #RUN_X + 192]
	stp	x26, x27, [x30, #RUN_X + 208]
	stp	x28, x29, [x30, #RUN_X + 224]
	mrs	x0, tpidr_el0
	str	x0, [x30, #RUN_X + 240]
	mov	x0, sp
	str	x0, [x30, #RUN_SP]
	mrs	x0, nzcv
	str	x0, [x30, #RUN_NZCV]
	.endm

#endif

#endif
