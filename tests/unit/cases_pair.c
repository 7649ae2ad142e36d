/*
 * Register pairs: LDP/STP (W and X), LDPSW, LDNP/STNP, STGP. The first
 * register (Rt) goes to or from the lower address, Rt2 to or from the next
 * element; imm7 is scaled by the element size (by 16 for STGP).
 *
 * Arm ARM: C6.2 "LDP", "STP", "LDPSW", "LDNP", "STNP", "STGP".
 * SIMD&FP pairs (LDP Qt, ...) are in cases_simd.c.
 */
#include "unit.h"

static const struct unit_case cases[] = {
{
	.prog = { I("ldp x1, x2, [x3]", 0xa9400861) },
	.why = "X1 from the lower address, X2 from the next 8 bytes",
	.regs = { X(3, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "01 02 03 04 05 06 07 08  11 12 13 14 15 16 17 18") },
	.out_regs = { X(1, 0x0807060504030201), X(2, 0x1817161514131211) },
	.mem_flags = MEMF(0),
},
{
	.prog = { I("ldp x1, x2, [x3, #16]!", 0xa9c10861) },
	.why = "pre-index: imm7 = 2 scaled by 8, X3 written back",
	.regs = { X(3, RAM + 0xf0) },
	.mem = { MEM(RAM + 0x100, "01 02 03 04 05 06 07 08  11 12 13 14 15 16 17 18") },
	.out_regs = { X(1, 0x0807060504030201), X(2, 0x1817161514131211), X(3, RAM + 0x100) },
},
{
	.prog = { I("ldp x1, x2, [x3], #-16", 0xa8ff0861) },
	.why = "post-index by a negative offset",
	.regs = { X(3, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "01 02 03 04 05 06 07 08  11 12 13 14 15 16 17 18") },
	.out_regs = { X(1, 0x0807060504030201), X(2, 0x1817161514131211), X(3, RAM + 0xf0) },
},
{
	.prog = { I("ldp w1, w2, [x3, #8]", 0x29410861) },
	.why = "W pair: 4-byte elements, imm7 scaled by 4, both results zero-extended",
	.regs = { X(1, 0xffffffffffffffff), X(2, 0xffffffffffffffff), X(3, RAM + 0x100) },
	.mem = { MEM(RAM + 0x108, "44 33 22 11  88 77 66 55") },
	.out_regs = { X(1, 0x11223344), X(2, 0x55667788) },
},
{
	.prog = { I("ldp w1, w2, [x3]", 0x29400861) },
	.why = "a W pair at a 4-byte (not 8-byte) aligned address: each element is aligned, "
	       "so even Device memory (MMU off) accepts it",
	.regs = { X(3, RAM + 0x104) },
	.mem = { MEM(RAM + 0x104, "01 00 00 00  02 00 00 00") },
	.out_regs = { X(1, 1), X(2, 2) },
},
{
	.prog = { I("ldp w1, w2, [x3]", 0x29400861) },
	.why = "an unaligned W pair in Normal memory",
	.normal = 1,
	.regs = { X(3, RAM + 0x102) },
	.mem = { MEM(RAM + 0x102, "01 00 00 00  02 00 00 00") },
	.out_regs = { X(1, 1), X(2, 2) },
},
{
	.prog = { I("ldpsw x1, x2, [x3]", 0x69400861) },
	.why = "LDPSW sign-extends each word to 64 bits",
	.regs = { X(3, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "fe ff ff ff  05 00 00 00") },
	.out_regs = { X(1, 0xfffffffffffffffe), X(2, 5) },
},
{
	.prog = { I("ldpsw x1, x2, [x3], #8", 0x68c10861) },
	.why = "LDPSW post-index: imm7 scaled by 4",
	.regs = { X(1, 0xffffffffffffffff), X(3, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "ff ff ff 7f  00 00 00 80") },
	.out_regs = { X(1, 0x7fffffff), X(2, 0xffffffff80000000), X(3, RAM + 0x108) },
},
{
	.prog = { I("stp x1, x2, [x3, #-16]!", 0xa9bf0861) },
	.why = "STP pre-index: X1 at the lower address",
	.regs = { X(1, 0x0807060504030201), X(2, 0x1817161514131211), X(3, RAM + 0x110) },
	.out_regs = { X(3, RAM + 0x100) },
	.out_mem = { MEM(RAM + 0x100, "01 02 03 04 05 06 07 08  11 12 13 14 15 16 17 18") },
	.mem_flags = MEMF(0),
},
{
	.prog = { I("stp w1, w2, [x3]", 0x29000861) },
	.why = "STP W stores the low 32 bits of each register",
	.regs = { X(1, 0xffffffff11223344), X(2, 0xffffffff55667788), X(3, RAM + 0x100) },
	.out_mem = { MEM(RAM + 0x100, "44 33 22 11  88 77 66 55") },
},
{
	.prog = { I("ldnp x1, x2, [x3, #32]", 0xa8420861) },
	.why = "LDNP: a non-temporal hint, the same data as LDP",
	.regs = { X(3, RAM + 0x100) },
	.mem = { MEM(RAM + 0x120, "01 00 00 00 00 00 00 00  02 00 00 00 00 00 00 00") },
	.out_regs = { X(1, 1), X(2, 2) },
},
{
	.prog = { I("stnp w1, w2, [x3, #-8]", 0x283f0861) },
	.why = "STNP W",
	.regs = { X(1, 0xaabbccdd), X(2, 0x11223344), X(3, RAM + 0x108) },
	.out_mem = { MEM(RAM + 0x100, "dd cc bb aa  44 33 22 11") },
},
{
	.prog = { I("stgp x1, x2, [x3, #32]", 0x69010861) },
	.why = "STGP: imm7 counts 16-byte tag granules (#32 is imm7 = 2); the data part is an STP",
	.regs = { X(1, 0x0807060504030201), X(2, 0x1817161514131211), X(3, RAM + 0x100) },
	.out_mem = { MEM(RAM + 0x120, "01 02 03 04 05 06 07 08  11 12 13 14 15 16 17 18") },
},
{
	.prog = { I("stgp x1, x2, [x3], #-16", 0x68bf8861) },
	.why = "STGP post-index by one granule",
	.regs = { X(1, 1), X(2, 2), X(3, RAM + 0x100) },
	.out_regs = { X(3, RAM + 0xf0) },
	.out_mem = { MEM(RAM + 0x100, "01 00 00 00 00 00 00 00  02 00 00 00 00 00 00 00") },
},
{
	.prog = { I("stgp x1, x2, [x3]", 0x69000861) },
	.why = "STGP needs a 16-byte (tag granule) aligned address, even in Normal memory",
	.normal = 1,
	.regs = { X(1, 1), X(2, 2), X(3, RAM + 0x108) },
	.status = NISV_FAULT,
	.fault = NISV_FAULT_ALIGNMENT,
	.fault_va = RAM + 0x108,
	.wnr = WNR_WRITE,
	.no_access = 1,
},
{
	.prog = { I("ldp x1, x1, [x3]", 0xa9400461) },
	.why = "Rt == Rt2 is CONSTRAINED UNPREDICTABLE; Rt's value (the first element) wins",
	.regs = { X(3, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "01 00 00 00 00 00 00 00  02 00 00 00 00 00 00 00") },
	.out_regs = { X(1, 1) },
},
{
	.prog = { I("stp xzr, xzr, [sp, #-16]!", 0xa9bf7fff) },
	.why = "XZR pair stored through SP_EL1 (EL1h) with writeback",
	.regs = { R(SP_EL1, RAM + 0x210) },
	.out_regs = { R(SP_EL1, RAM + 0x200) },
	.out_mem = { FILL(RAM + 0x200, 16, 0x00) },
},
{
	.prog = { I("ldp x29, x30, [sp], #16", 0xa8c17bfd) },
	.why = "a function epilogue at EL1t: SP is SP_EL0",
	.regs = { R(PSTATE, PSTATE_EL1T), R(SP_EL0, RAM + 0x200), R(SP_EL1, RAM + 0x400) },
	.mem = { MEM(RAM + 0x200, "f0 0f 00 80 00 00 00 00  34 12 00 80 00 00 00 00") },
	.out_regs = { X(29, RAM + 0xff0), X(30, RAM + 0x1234), R(SP_EL0, RAM + 0x210) },
},
{
	.prog = { I("ldp x1, x2, [x3, #-512]", 0xa9600861) },
	.why = "the smallest X-pair offset, -64 * 8",
	.regs = { X(3, RAM + 0x300) },
	.mem = { MEM(RAM + 0x100, "01 00 00 00 00 00 00 00  02 00 00 00 00 00 00 00") },
	.out_regs = { X(1, 1), X(2, 2) },
},
{
	.prog = { I("ldp x1, x2, [x3, #504]", 0xa95f8861) },
	.why = "the largest X-pair offset, 63 * 8",
	.regs = { X(3, RAM + 0x8) },
	.mem = { MEM(RAM + 0x200, "01 00 00 00 00 00 00 00  02 00 00 00 00 00 00 00") },
	.out_regs = { X(1, 1), X(2, 2) },
},
{
	.prog = { I("ldp x1, x2, [x3]", 0xa9400861) },
	.why = "the second element lies past the end of RAM: the read fails, X1 is not written",
	.regs = { X(3, RAM + RAM_SIZE - 8) },
	.mem = { MEM(RAM + RAM_SIZE - 8, "01 00 00 00 00 00 00 00") },
	.status = NISV_CALLBACK_ERROR,
},
};

const struct case_table cases_pair = CASE_TABLE("pair", cases);
