/*
 * Exclusives and ordered accesses.
 *
 *  - LDXR/LDAXR (B/H/W/X) and LDXP/LDAXP load and arm the local exclusive
 *    monitor for the address and size they accessed.
 *  - STXR/STLXR and STXP/STLXP store only when the monitor is armed for the
 *    same address and size; Ws gets 0 on success, 1 on failure (and then
 *    memory is not touched). Every store-exclusive disarms the monitor, and
 *    so does nisv_clear_exclusive() (e.g. on ERET).
 *  - LDAR/STLR, LDAPR, LDAPUR* / STLUR* (FEAT_LRCPC2), LDLAR/STLLR: plain
 *    loads and stores with ordering, which reach the memory callbacks as
 *    NISV_MEM_ACQUIRE / NISV_MEM_RELEASE.
 *
 * Alignment faults of these instructions are in cases_misc.c.
 *
 * Arm ARM: B2.9 "Synchronization and semaphores", C6.2 "LDXR", "STXR",
 * "LDXP", "STXP", "LDAR", "STLR", "LDAPR", "LDAPUR", "LDAPURSB", ...
 */
#include "unit.h"

#define EXCL NISV_MEM_EXCLUSIVE
#define ACQ NISV_MEM_ACQUIRE
#define REL NISV_MEM_RELEASE

static const struct unit_case cases[] = {

/* ---- load-exclusive / store-exclusive ------------------------------------- */
{
	.prog = { I("ldxr x0, [x1]", 0xc85f7c20) },
	.why = "LDXR loads like LDR (and arms the monitor)",
	.regs = { X(1, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "88 77 66 55 44 33 22 11") },
	.out_regs = { X(0, 0x1122334455667788) },
	.mem_flags = MEMF(EXCL),
},
{
	.prog = { I("ldxr x0, [x1]", 0xc85f7c20), I("stxr w2, x3, [x1]", 0xc8027c23) },
	.why = "LDXR then STXR to the same address: the store happens, W2 = 0",
	.regs = { X(1, RAM + 0x100), X(2, 0xffffffffffffffff), X(3, 0x0123456789abcdef) },
	.mem = { MEM(RAM + 0x100, "88 77 66 55 44 33 22 11") },
	.out_regs = { X(0, 0x1122334455667788), X(2, 0) },
	.out_mem = { MEM(RAM + 0x100, "ef cd ab 89 67 45 23 01") },
	.mem_flags = MEMF(EXCL),
},
{
	.prog = { I("stxr w2, x3, [x1]", 0xc8027c23) },
	.why = "STXR with the monitor not armed: no store, W2 = 1 (X2's upper half cleared)",
	.regs = { X(1, RAM + 0x100), X(2, 0xffffffffffffffff), X(3, 0x0123456789abcdef) },
	.out_regs = { X(2, 1) },
	.no_access = 1,
},
{
	.prog = { I("ldxr x0, [x1]", 0xc85f7c20), I("stxr w2, x3, [x4]", 0xc8027c83) },
	.why = "the monitor is armed for X1, the store-exclusive is to another reservation "
	       "granule (2 KiB away, beyond the largest ERG): it fails",
	.regs = { X(1, RAM + 0x100), X(3, 0x0123456789abcdef), X(4, RAM + 0x900) },
	.mem = { MEM(RAM + 0x100, "01 00 00 00 00 00 00 00") },
	.out_regs = { X(0, 1), X(2, 1) },
},
{
	.prog = { I("ldxr x0, [x1]", 0xc85f7c20), I("stxr w2, x3, [x1]", 0xc8027c23) },
	.why = "nisv_clear_exclusive() between them (an ERET, say): the store-exclusive fails",
	.clear_monitor = 1,
	.regs = { X(1, RAM + 0x100), X(3, 0x0123456789abcdef) },
	.mem = { MEM(RAM + 0x100, "01 00 00 00 00 00 00 00") },
	.out_regs = { X(0, 1), X(2, 1) },
},
{
	.prog = { I("ldxr x0, [x1]", 0xc85f7c20), I("stxr w2, x3, [x1]", 0xc8027c23),
	          I("stxr w2, x4, [x1]", 0xc8027c24) },
	.why = "a store-exclusive disarms the monitor: the second one fails",
	.regs = { X(1, RAM + 0x100), X(3, 0x3333333333333333), X(4, 0x4444444444444444) },
	.mem = { MEM(RAM + 0x100, "01 00 00 00 00 00 00 00") },
	.out_regs = { X(0, 1), X(2, 1) },
	.out_mem = { MEM(RAM + 0x100, "33 33 33 33 33 33 33 33") },
},
{
	.prog = { I("ldaxr w0, [x1]", 0x885ffc20), I("stlxr w2, w3, [x1]", 0x8802fc23) },
	.why = "the acquire/release forms, W size: the store is the low 32 bits of X3",
	.regs = { X(1, RAM + 0x100), X(3, 0xffffffffcafef00d) },
	.mem = { MEM(RAM + 0x100, "ef be ad de") },
	.out_regs = { X(0, 0xdeadbeef), X(2, 0) },
	.out_mem = { MEM(RAM + 0x100, "0d f0 fe ca") },
	.mem_flags = MEMF(EXCL | REL),
},
{
	.prog = { I("ldaxr w0, [x1]", 0x885ffc20) },
	.why = "LDAXR reaches memory as exclusive + acquire",
	.regs = { X(1, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "ef be ad de") },
	.out_regs = { X(0, 0xdeadbeef) },
	.mem_flags = MEMF(EXCL | ACQ),
},
{
	.prog = { I("ldxrb w0, [x1]", 0x085f7c20), I("stxrb w2, w3, [x1]", 0x08027c23) },
	.why = "byte exclusives",
	.regs = { X(0, 0xffffffffffffffff), X(1, RAM + 0x103), X(3, 0x1ab) },
	.mem = { MEM(RAM + 0x103, "80") },
	.out_regs = { X(0, 0x80), X(2, 0) },
	.out_mem = { MEM(RAM + 0x103, "ab") },
},
{
	.prog = { I("ldaxrh w0, [x1]", 0x485ffc20), I("stlxrh w2, w3, [x1]", 0x4802fc23) },
	.why = "halfword exclusives",
	.regs = { X(1, RAM + 0x102), X(3, 0x5678) },
	.mem = { MEM(RAM + 0x102, "34 12") },
	.out_regs = { X(0, 0x1234), X(2, 0) },
	.out_mem = { MEM(RAM + 0x102, "78 56") },
},
{
	.prog = { I("ldxp x0, x1, [x2]", 0xc87f0440), I("stxp w3, x4, x5, [x2]", 0xc8231444) },
	.why = "LDXP/STXP: a 16-byte exclusive pair, Xt at the lower address",
	.regs = { X(2, RAM + 0x100), X(3, 0xffffffffffffffff), X(4, 0x4444444444444444),
	          X(5, 0x5555555555555555) },
	.mem = { MEM(RAM + 0x100, "01 00 00 00 00 00 00 00  02 00 00 00 00 00 00 00") },
	.out_regs = { X(0, 1), X(1, 2), X(3, 0) },
	.out_mem = { MEM(RAM + 0x100, "44 44 44 44 44 44 44 44  55 55 55 55 55 55 55 55") },
	.mem_flags = MEMF(EXCL),
},
{
	.prog = { I("stxp w3, x4, x5, [x2]", 0xc8231444) },
	.why = "STXP without a monitor: fails, no access",
	.regs = { X(2, RAM + 0x100), X(4, 0x4444444444444444), X(5, 0x5555555555555555) },
	.out_regs = { X(3, 1) },
	.no_access = 1,
},
{
	.prog = { I("ldxp w0, w1, [x2]", 0x887f0440) },
	.why = "LDXP W: two words, zero-extended",
	.regs = { X(0, 0xffffffffffffffff), X(1, 0xffffffffffffffff), X(2, RAM + 0x108) },
	.mem = { MEM(RAM + 0x108, "44 33 22 11  88 77 66 55") },
	.out_regs = { X(0, 0x11223344), X(1, 0x55667788) },
},
{
	.prog = { I("ldaxp x0, x1, [sp]", 0xc87f87e0) },
	.why = "LDAXP through SP_EL1",
	.regs = { R(SP_EL1, RAM + 0x200) },
	.mem = { MEM(RAM + 0x200, "01 00 00 00 00 00 00 00  02 00 00 00 00 00 00 00") },
	.out_regs = { X(0, 1), X(1, 2) },
	.mem_flags = MEMF(EXCL | ACQ),
},
{
	.prog = { I("ldxp x0, x0, [x2]", 0xc87f0040) },
	.why = "LDXP with Rt == Rt2 is CONSTRAINED UNPREDICTABLE; Rt2's value (the second) wins",
	.regs = { X(2, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "01 00 00 00 00 00 00 00  02 00 00 00 00 00 00 00") },
	.out_regs = { X(0, 2) },
},
{
	.prog = { I("ldxr x0, [x1]", 0xc85f7c20), I("stxr w2, xzr, [x1]", 0xc8027c3f) },
	.why = "the store-exclusive data register can be XZR",
	.regs = { X(1, RAM + 0x100), X(2, 7) },
	.mem = { MEM(RAM + 0x100, "01 00 00 00 00 00 00 00") },
	.out_regs = { X(0, 1), X(2, 0) },
	.out_mem = { FILL(RAM + 0x100, 8, 0x00) },
},

/* ---- load-acquire / store-release ------------------------------------------ */
{
	.prog = { I("ldar x0, [x1]", 0xc8dffc20) },
	.why = "LDAR: an acquire load",
	.regs = { X(1, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "88 77 66 55 44 33 22 11") },
	.out_regs = { X(0, 0x1122334455667788) },
	.mem_flags = MEMF(ACQ),
},
{
	.prog = { I("ldarb w0, [x1]", 0x08dffc20) },
	.why = "LDARB zero-extends",
	.regs = { X(0, 0xffffffffffffffff), X(1, RAM + 0x101) },
	.mem = { MEM(RAM + 0x101, "f0") },
	.out_regs = { X(0, 0xf0) },
},
{
	.prog = { I("ldarh w0, [x1]", 0x48dffc20) },
	.why = "LDARH",
	.regs = { X(1, RAM + 0x102) },
	.mem = { MEM(RAM + 0x102, "34 92") },
	.out_regs = { X(0, 0x9234) },
},
{
	.prog = { I("stlr x0, [x1]", 0xc89ffc20) },
	.why = "STLR: a release store",
	.regs = { X(0, 0x1122334455667788), X(1, RAM + 0x100) },
	.out_mem = { MEM(RAM + 0x100, "88 77 66 55 44 33 22 11") },
	.mem_flags = MEMF(REL),
},
{
	.prog = { I("stlrb w0, [x1]", 0x089ffc20) },
	.why = "STLRB",
	.regs = { X(0, 0x1234), X(1, RAM + 0x101) },
	.out_mem = { MEM(RAM + 0x101, "34") },
},
{
	.prog = { I("stlr w0, [sp]", 0x889fffe0) },
	.why = "STLR through SP_EL0 at EL0",
	.regs = { R(PSTATE, PSTATE_EL0), X(0, 0x11223344), R(SP_EL0, RAM + 0x200),
	          R(SP_EL1, RAM + 0x300) },
	.out_mem = { MEM(RAM + 0x200, "44 33 22 11") },
},
{
	.prog = { I("ldlar x0, [x1]", 0xc8df7c20) },
	.why = "LDLAR (LORegion acquire) behaves as LDAR",
	.regs = { X(1, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "01 00 00 00 00 00 00 00") },
	.out_regs = { X(0, 1) },
	.mem_flags = MEMF(ACQ),
},
{
	.prog = { I("stllr w0, [x1]", 0x889f7c20) },
	.why = "STLLR (LORegion release) behaves as STLR",
	.regs = { X(0, 0x11223344), X(1, RAM + 0x100) },
	.out_mem = { MEM(RAM + 0x100, "44 33 22 11") },
	.mem_flags = MEMF(REL),
},

/* ---- RCpc: LDAPR, LDAPUR*, STLUR* ------------------------------------------ */
{
	.prog = { I("ldapr x0, [x1]", 0xf8bfc020) },
	.why = "LDAPR: an RCpc acquire load",
	.regs = { X(1, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "88 77 66 55 44 33 22 11") },
	.out_regs = { X(0, 0x1122334455667788) },
	.mem_flags = MEMF(ACQ),
},
{
	.prog = { I("ldaprb w0, [x1]", 0x38bfc020) },
	.why = "LDAPRB zero-extends",
	.regs = { X(0, 0xffffffffffffffff), X(1, RAM + 0x101) },
	.mem = { MEM(RAM + 0x101, "80") },
	.out_regs = { X(0, 0x80) },
},
{
	.prog = { I("ldaprh w0, [x1]", 0x78bfc020) },
	.why = "LDAPRH",
	.regs = { X(1, RAM + 0x102) },
	.mem = { MEM(RAM + 0x102, "00 80") },
	.out_regs = { X(0, 0x8000) },
},
{
	.prog = { I("ldapur x0, [x1, #-8]", 0xd95f8020) },
	.why = "LDAPUR: RCpc load with an unscaled signed offset",
	.regs = { X(1, RAM + 0x108) },
	.mem = { MEM(RAM + 0x100, "88 77 66 55 44 33 22 11") },
	.out_regs = { X(0, 0x1122334455667788) },
	.mem_flags = MEMF(ACQ),
},
{
	.prog = { I("ldapurb w0, [x1, #3]", 0x19403020) },
	.why = "LDAPURB",
	.regs = { X(0, 0xffffffffffffffff), X(1, RAM + 0x100) },
	.mem = { MEM(RAM + 0x103, "c3") },
	.out_regs = { X(0, 0xc3) },
},
{
	.prog = { I("ldapursb x0, [x1]", 0x19800020) },
	.why = "LDAPURSB Xt: sign-extended to 64 bits",
	.regs = { X(1, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "ff") },
	.out_regs = { X(0, 0xffffffffffffffff) },
},
{
	.prog = { I("ldapursb w0, [x1]", 0x19c00020) },
	.why = "LDAPURSB Wt: sign-extended to 32 bits, upper half zero",
	.regs = { X(0, 0xffffffffffffffff), X(1, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "80") },
	.out_regs = { X(0, 0x00000000ffffff80) },
},
{
	.prog = { I("ldapursh x0, [x1, #2]", 0x59802020) },
	.why = "LDAPURSH Xt",
	.regs = { X(1, RAM + 0x100) },
	.mem = { MEM(RAM + 0x102, "34 92") },
	.out_regs = { X(0, 0xffffffffffff9234) },
},
{
	.prog = { I("ldapursh w0, [x1]", 0x59c00020) },
	.why = "LDAPURSH Wt",
	.regs = { X(0, 0xffffffffffffffff), X(1, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "34 92") },
	.out_regs = { X(0, 0x00000000ffff9234) },
},
{
	.prog = { I("ldapursw x0, [x1, #-4]", 0x999fc020) },
	.why = "LDAPURSW",
	.regs = { X(1, RAM + 0x104) },
	.mem = { MEM(RAM + 0x100, "00 00 00 80") },
	.out_regs = { X(0, 0xffffffff80000000) },
},
{
	.prog = { I("stlur w0, [x1, #-4]", 0x991fc020) },
	.why = "STLUR: release store with an unscaled offset",
	.regs = { X(0, 0xffffffff11223344), X(1, RAM + 0x104) },
	.out_mem = { MEM(RAM + 0x100, "44 33 22 11") },
	.mem_flags = MEMF(REL),
},
{
	.prog = { I("stlurb w0, [x1, #255]", 0x190ff020) },
	.why = "STLURB, the largest offset",
	.regs = { X(0, 0x5a), X(1, RAM + 0x100) },
	.out_mem = { MEM(RAM + 0x1ff, "5a") },
},
{
	.prog = { I("stlurh w0, [x1, #-256]", 0x59100020) },
	.why = "STLURH, the smallest offset",
	.regs = { X(0, 0xbeef), X(1, RAM + 0x200) },
	.out_mem = { MEM(RAM + 0x100, "ef be") },
},
};

const struct case_table cases_excl = CASE_TABLE("excl", cases);
