/*
 * SIMD&FP loads and stores.
 *
 *  - Scalar B/H/S/D/Q (LDR/STR/LDUR/LDP/LDNP Vt): a load writes the whole
 *    128-bit register, clearing the bits above the element.
 *  - LD1-LD4/ST1-ST4 (multiple structures): element i of structure j goes
 *    to/from register (Vt + j) mod 32, lane i; LD1/ST1 with several
 *    registers is a plain consecutive copy. An 8-byte arrangement clears the
 *    upper half of each register it loads.
 *  - LD1-LD4/ST1-ST4 (single structure): one lane of each register; the
 *    other lanes are kept.
 *  - LD1R-LD4R: one structure replicated to every lane; upper half cleared
 *    for an 8-byte arrangement.
 *  - Post-index by the transfer size (the "#imm" form, Rm = 31) or by Xm.
 *
 * V(n, hi, lo) is register Vn as two 64-bit halves, hi:lo, so lane 0 is the
 * least significant part of lo.
 *
 * Arm ARM: C7.2 "LDR (immediate, SIMD&FP)", "LD1 (multiple structures)",
 * "LD1 (single structure)", "LD1R", ...; pseudocode of
 * "Shared decode for all encodings" of LD1-LD4.
 */
#include "unit.h"

#define ONES 0xffffffffffffffffull

/* 64 bytes 00 01 02 ... 3f: the memory of most structure loads below */
#define BYTES_00_3F                                      \
	"00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f " \
	"10 11 12 13 14 15 16 17 18 19 1a 1b 1c 1d 1e 1f " \
	"20 21 22 23 24 25 26 27 28 29 2a 2b 2c 2d 2e 2f " \
	"30 31 32 33 34 35 36 37 38 39 3a 3b 3c 3d 3e 3f"

static const struct unit_case cases[] = {

/* ---- scalar loads: the rest of the register is cleared -------------------- */
{
	.prog = { I("ldr b0, [x1]", 0x3d400020) },
	.why = "LDR Bt writes bits 7:0 and clears bits 127:8",
	.regs = { X(1, RAM + 0x100) },
	.v = { V(0, ONES, ONES) },
	.mem = { MEM(RAM + 0x100, "5a") },
	.out_v = { V(0, 0, 0x5a) },
},
{
	.prog = { I("ldr h1, [x1, #2]", 0x7d400421) },
	.why = "LDR Ht, offset scaled by 2",
	.regs = { X(1, RAM + 0x100) },
	.v = { V(1, ONES, ONES) },
	.mem = { MEM(RAM + 0x102, "34 12") },
	.out_v = { V(1, 0, 0x1234) },
},
{
	.prog = { I("ldr s2, [x1, #4]", 0xbd400422) },
	.why = "LDR St",
	.regs = { X(1, RAM + 0x100) },
	.v = { V(2, ONES, ONES) },
	.mem = { MEM(RAM + 0x104, "78 56 34 12") },
	.out_v = { V(2, 0, 0x12345678) },
},
{
	.prog = { I("ldr d3, [x1, #8]", 0xfd400423) },
	.why = "LDR Dt clears the upper 64 bits",
	.regs = { X(1, RAM + 0x100) },
	.v = { V(3, ONES, ONES) },
	.mem = { MEM(RAM + 0x108, "08 07 06 05 04 03 02 01") },
	.out_v = { V(3, 0, 0x0102030405060708) },
},
{
	.prog = { I("ldr q4, [x1, #16]", 0x3dc00424) },
	.why = "LDR Qt: 16 bytes, little-endian, offset scaled by 16",
	.regs = { X(1, RAM + 0x100) },
	.mem = { MEM(RAM + 0x110, "00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f") },
	.out_v = { V(4, 0x0f0e0d0c0b0a0908, 0x0706050403020100) },
},
{
	.prog = { I("ldur q5, [x1, #-1]", 0x3cdff025) },
	.why = "LDUR Qt at an odd address in Normal memory",
	.normal = 1,
	.regs = { X(1, RAM + 0x112) },
	.mem = { MEM(RAM + 0x111, "00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f") },
	.out_v = { V(5, 0x0f0e0d0c0b0a0908, 0x0706050403020100) },
},
{
	.prog = { I("ldr q0, [x1, #16]!", 0x3cc10c20) },
	.why = "LDR Qt pre-index",
	.regs = { X(1, RAM + 0xf0) },
	.mem = { MEM(RAM + 0x100, "00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f") },
	.out_regs = { X(1, RAM + 0x100) },
	.out_v = { V(0, 0x0f0e0d0c0b0a0908, 0x0706050403020100) },
},
{
	.prog = { I("ldr d0, [x1, x2, lsl #3]", 0xfc627820) },
	.why = "LDR Dt, register offset scaled by 8",
	.regs = { X(1, RAM + 0x100), X(2, 2) },
	.mem = { MEM(RAM + 0x110, "01 00 00 00 00 00 00 80") },
	.out_v = { V(0, 0, 0x8000000000000001) },
},
{
	.prog = { I("ldr s0, [x1], #4", 0xbc404420) },
	.why = "LDR St post-index",
	.regs = { X(1, RAM + 0x100) },
	.v = { V(0, ONES, ONES) },
	.mem = { MEM(RAM + 0x100, "00 00 80 3f") },
	.out_regs = { X(1, RAM + 0x104) },
	.out_v = { V(0, 0, 0x3f800000) },
},

/* ---- scalar stores: only the element is stored --------------------------- */
{
	.prog = { I("str b0, [x1]", 0x3d000020) },
	.why = "STR Bt stores bits 7:0",
	.regs = { X(1, RAM + 0x100) },
	.v = { V(0, 0x0f0e0d0c0b0a0908, 0x0706050403020100) },
	.out_mem = { MEM(RAM + 0x100, "00") },
},
{
	.prog = { I("str h0, [x1]", 0x7d000020) },
	.why = "STR Ht",
	.regs = { X(1, RAM + 0x100) },
	.v = { V(0, 0x0f0e0d0c0b0a0908, 0x0706050403020100) },
	.out_mem = { MEM(RAM + 0x100, "00 01") },
},
{
	.prog = { I("str s0, [x1, #4]", 0xbd000420) },
	.why = "STR St",
	.regs = { X(1, RAM + 0x100) },
	.v = { V(0, 0x0f0e0d0c0b0a0908, 0x0706050403020100) },
	.out_mem = { MEM(RAM + 0x104, "00 01 02 03") },
},
{
	.prog = { I("str d0, [x1, #-8]!", 0xfc1f8c20) },
	.why = "STR Dt pre-index",
	.regs = { X(1, RAM + 0x108) },
	.v = { V(0, 0x0f0e0d0c0b0a0908, 0x0706050403020100) },
	.out_regs = { X(1, RAM + 0x100) },
	.out_mem = { MEM(RAM + 0x100, "00 01 02 03 04 05 06 07") },
},
{
	.prog = { I("str q0, [x1]", 0x3d800020) },
	.why = "STR Qt",
	.regs = { X(1, RAM + 0x100) },
	.v = { V(0, 0x0f0e0d0c0b0a0908, 0x0706050403020100) },
	.out_mem = { MEM(RAM + 0x100, "00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f") },
},
{
	.prog = { I("stur q0, [x1, #3]", 0x3c803020) },
	.why = "STUR Qt at an unaligned address in Normal memory",
	.normal = 1,
	.regs = { X(1, RAM + 0x100) },
	.v = { V(0, 0x0f0e0d0c0b0a0908, 0x0706050403020100) },
	.out_mem = { MEM(RAM + 0x103, "00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f") },
},
{
	.prog = { I("str q0, [sp, #-16]!", 0x3c9f0fe0) },
	.why = "STR Qt through SP_EL1 with writeback",
	.regs = { R(SP_EL1, RAM + 0x210) },
	.v = { V(0, 0x0f0e0d0c0b0a0908, 0x0706050403020100) },
	.out_regs = { R(SP_EL1, RAM + 0x200) },
	.out_mem = { MEM(RAM + 0x200, "00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f") },
},

/* ---- SIMD&FP pairs -------------------------------------------------------- */
{
	.prog = { I("ldp q0, q1, [x1]", 0xad400420) },
	.why = "LDP Qt: 32 bytes, Q0 from the lower address",
	.regs = { X(1, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, BYTES_00_3F) },
	.out_v = { V(0, 0x0f0e0d0c0b0a0908, 0x0706050403020100),
	           V(1, 0x1f1e1d1c1b1a1918, 0x1716151413121110) },
},
{
	.prog = { I("ldp s0, s1, [x1, #8]", 0x2d410420) },
	.why = "LDP St clears the rest of both registers",
	.regs = { X(1, RAM + 0x100) },
	.v = { V(0, ONES, ONES), V(1, ONES, ONES) },
	.mem = { MEM(RAM + 0x108, "01 00 00 00  02 00 00 00") },
	.out_v = { V(0, 0, 1), V(1, 0, 2) },
},
{
	.prog = { I("stp d0, d1, [x1], #16", 0x6c810420) },
	.why = "STP Dt post-index",
	.regs = { X(1, RAM + 0x100) },
	.v = { V(0, ONES, 0x0706050403020100), V(1, ONES, 0x0f0e0d0c0b0a0908) },
	.out_regs = { X(1, RAM + 0x110) },
	.out_mem = { MEM(RAM + 0x100, "00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f") },
},
{
	.prog = { I("ldnp q2, q3, [x1, #-32]", 0xac7f0c22) },
	.why = "LDNP Qt",
	.regs = { X(1, RAM + 0x120) },
	.mem = { MEM(RAM + 0x100, BYTES_00_3F) },
	.out_v = { V(2, 0x0f0e0d0c0b0a0908, 0x0706050403020100),
	           V(3, 0x1f1e1d1c1b1a1918, 0x1716151413121110) },
},

/* ---- multiple structures -------------------------------------------------- */
{
	.prog = { I("ld1 {v0.16b}, [x1]", 0x4c407020) },
	.why = "LD1 one register, 16 bytes",
	.regs = { X(1, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, BYTES_00_3F) },
	.out_v = { V(0, 0x0f0e0d0c0b0a0908, 0x0706050403020100) },
	.mem_flags = MEMF(0),
},
{
	.prog = { I("ld1 {v0.8b}, [x1]", 0x0c407020) },
	.why = "an 8-byte arrangement clears the upper half",
	.regs = { X(1, RAM + 0x100) },
	.v = { V(0, ONES, ONES) },
	.mem = { MEM(RAM + 0x100, BYTES_00_3F) },
	.out_v = { V(0, 0, 0x0706050403020100) },
},
{
	.prog = { I("ld1 {v0.16b}, [x1]", 0x4c407020) },
	.why = "byte elements are always aligned: an odd address is fine even in Device memory",
	.regs = { X(1, RAM + 0x101) },
	.mem = { MEM(RAM + 0x100, BYTES_00_3F) },
	.out_v = { V(0, 0x100f0e0d0c0b0a09, 0x0807060504030201) },
},
{
	.prog = { I("ld1 {v0.4s}, [x1]", 0x4c407820) },
	.why = "word elements at an address that is only 2-byte aligned: Device memory faults",
	.regs = { X(1, RAM + 0x102) },
	.mem = { MEM(RAM + 0x100, BYTES_00_3F) },
	.status = NISV_FAULT,
	.fault = NISV_FAULT_ALIGNMENT,
	.fault_va = RAM + 0x102,
	.wnr = WNR_READ,
	.no_access = 1,
},
{
	.prog = { I("ld1 {v0.4s, v1.4s}, [x1]", 0x4c40a820) },
	.why = "LD1 two registers: a consecutive copy, V0 then V1",
	.regs = { X(1, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, BYTES_00_3F) },
	.out_v = { V(0, 0x0f0e0d0c0b0a0908, 0x0706050403020100),
	           V(1, 0x1f1e1d1c1b1a1918, 0x1716151413121110) },
},
{
	.prog = { I("ld1 {v31.2d, v0.2d}, [x1]", 0x4c40ac3f) },
	.why = "the register list wraps from V31 to V0",
	.regs = { X(1, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, BYTES_00_3F) },
	.out_v = { V(31, 0x0f0e0d0c0b0a0908, 0x0706050403020100),
	           V(0, 0x1f1e1d1c1b1a1918, 0x1716151413121110) },
},
{
	.prog = { I("ld1 {v0.1d, v1.1d, v2.1d}, [x1]", 0x0c406c20) },
	.why = "LD1 three 1D registers: 8 bytes each, upper halves cleared",
	.regs = { X(1, RAM + 0x100) },
	.v = { V(0, ONES, ONES), V(1, ONES, ONES), V(2, ONES, ONES) },
	.mem = { MEM(RAM + 0x100, BYTES_00_3F) },
	.out_v = { V(0, 0, 0x0706050403020100), V(1, 0, 0x0f0e0d0c0b0a0908),
	           V(2, 0, 0x1716151413121110) },
},
{
	.prog = { I("ld2 {v0.8h, v1.8h}, [x1]", 0x4c408420) },
	.why = "LD2 de-interleaves: even halfwords to V0, odd ones to V1",
	.regs = { X(1, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, BYTES_00_3F) },
	.out_v = { V(0, 0x1d1c191815141110, 0x0d0c090805040100),
	           V(1, 0x1f1e1b1a17161312, 0x0f0e0b0a07060302) },
},
{
	.prog = { I("ld3 {v0.8b, v1.8b, v2.8b}, [x1]", 0x0c404020) },
	.why = "LD3 of bytes: byte 3i+j to lane i of V(j); 24 bytes; upper halves cleared",
	.regs = { X(1, RAM + 0x100) },
	.v = { V(0, ONES, ONES), V(1, ONES, ONES), V(2, ONES, ONES) },
	.mem = { MEM(RAM + 0x100, BYTES_00_3F) },
	.out_v = { V(0, 0, 0x15120f0c09060300), V(1, 0, 0x1613100d0a070401),
	           V(2, 0, 0x1714110e0b080502) },
},
{
	.prog = { I("ld4 {v31.16b, v0.16b, v1.16b, v2.16b}, [x1], #64", 0x4cdf003f) },
	.why = "LD4 wrapping V31 -> V0, post-index by the 64 bytes transferred",
	.regs = { X(1, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, BYTES_00_3F) },
	.out_regs = { X(1, RAM + 0x140) },
	.out_v = { V(31, 0x3c3834302c282420, 0x1c1814100c080400),
	           V(0, 0x3d3935312d292521, 0x1d1915110d090501),
	           V(1, 0x3e3a36322e2a2622, 0x1e1a16120e0a0602),
	           V(2, 0x3f3b37332f2b2723, 0x1f1b17130f0b0703) },
},
{
	.prog = { I("ld4 {v0.4s, v1.4s, v2.4s, v3.4s}, [x1]", 0x4c400820) },
	.why = "LD4 of words: word 4i+j to lane i of V(j)",
	.regs = { X(1, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, BYTES_00_3F) },
	.out_v = { V(0, 0x3332313023222120, 0x1312111003020100),
	           V(1, 0x3736353427262524, 0x1716151407060504),
	           V(2, 0x3b3a39382b2a2928, 0x1b1a19180b0a0908),
	           V(3, 0x3f3e3d3c2f2e2d2c, 0x1f1e1d1c0f0e0d0c) },
},
{
	.prog = { I("ld2 {v0.2s, v1.2s}, [x1], x2", 0x0cc28820) },
	.why = "LD2 post-indexed by a register (here negative)",
	.regs = { X(1, RAM + 0x100), X(2, 0xfffffffffffffff0) },
	.mem = { MEM(RAM + 0x100, BYTES_00_3F) },
	.out_regs = { X(1, RAM + 0xf0) },
	.out_v = { V(0, 0, 0x0b0a090803020100), V(1, 0, 0x0f0e0d0c07060504) },
},
{
	.prog = { I("st2 {v0.4s, v1.4s}, [x1]", 0x4c008820) },
	.why = "ST2 interleaves: lane i of V0, then lane i of V1",
	.regs = { X(1, RAM + 0x100) },
	.v = { V(0, 0xa3a3a3a3a2a2a2a2, 0xa1a1a1a1a0a0a0a0),
	       V(1, 0xb3b3b3b3b2b2b2b2, 0xb1b1b1b1b0b0b0b0) },
	.out_mem = { MEM(RAM + 0x100, "a0 a0 a0 a0 b0 b0 b0 b0 a1 a1 a1 a1 b1 b1 b1 b1 "
	                              "a2 a2 a2 a2 b2 b2 b2 b2 a3 a3 a3 a3 b3 b3 b3 b3") },
	.mem_flags = MEMF(0),
},
{
	.prog = { I("st4 {v0.8b, v1.8b, v2.8b, v3.8b}, [x1]", 0x0c000020) },
	.why = "ST4 of bytes: memory byte 4i+j is lane i of V(j); upper halves not stored",
	.regs = { X(1, RAM + 0x100) },
	.v = { V(0, ONES, 0x0706050403020100), V(1, ONES, 0x1716151413121110),
	       V(2, ONES, 0x2726252423222120), V(3, ONES, 0x3736353433323130) },
	.out_mem = { MEM(RAM + 0x100, "00 10 20 30 01 11 21 31 02 12 22 32 03 13 23 33 "
	                              "04 14 24 34 05 15 25 35 06 16 26 36 07 17 27 37") },
},
{
	.prog = { I("st1 {v0.2d, v1.2d, v2.2d, v3.2d}, [x1], x2", 0x4c822c20) },
	.why = "ST1 four registers, a consecutive copy, post-indexed by X2",
	.regs = { X(1, RAM + 0x100), X(2, 0x40) },
	.v = { V(0, 0x0f0e0d0c0b0a0908, 0x0706050403020100),
	       V(1, 0x1f1e1d1c1b1a1918, 0x1716151413121110),
	       V(2, 0x2f2e2d2c2b2a2928, 0x2726252423222120),
	       V(3, 0x3f3e3d3c3b3a3938, 0x3736353433323130) },
	.out_regs = { X(1, RAM + 0x140) },
	.out_mem = { MEM(RAM + 0x100, BYTES_00_3F) },
},
{
	.prog = { I("st3 {v0.4h, v1.4h, v2.4h}, [x1], #24", 0x0c9f4420) },
	.why = "ST3 of halfwords, post-index by the 24 bytes transferred",
	.regs = { X(1, RAM + 0x100) },
	.v = { V(0, ONES, 0xa003a002a001a000), V(1, ONES, 0xb003b002b001b000),
	       V(2, ONES, 0xc003c002c001c000) },
	.out_regs = { X(1, RAM + 0x118) },
	.out_mem = { MEM(RAM + 0x100, "00 a0 00 b0 00 c0 01 a0 01 b0 01 c0 "
	                              "02 a0 02 b0 02 c0 03 a0 03 b0 03 c0") },
},
{
	.prog = { I("st1 {v0.16b}, [x1], x1", 0x4c817020) },
	.why = "post-index by Xm == Xn: the offset is X1's value before the writeback",
	.regs = { X(1, RAM + 0x100) },
	.v = { V(0, 0x0f0e0d0c0b0a0908, 0x0706050403020100) },
	.out_regs = { X(1, 2 * (RAM + 0x100)) },
	.out_mem = { MEM(RAM + 0x100, "00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f") },
},

/* ---- single structure: one lane, the other lanes kept ---------------------- */
{
	.prog = { I("ld1 {v0.s}[3], [x1]", 0x4d409020) },
	.why = "LD1 to lane 3 of the S view: bits 127:96; lanes 0-2 kept",
	.regs = { X(1, RAM + 0x100) },
	.v = { V(0, 0x3333333322222222, 0x1111111100000000) },
	.mem = { MEM(RAM + 0x100, "dd cc bb aa") },
	.out_v = { V(0, 0xaabbccdd22222222, 0x1111111100000000) },
},
{
	.prog = { I("ld1 {v0.b}[15], [x1], #1", 0x4ddf1c20) },
	.why = "LD1 to the last byte lane, post-index by 1",
	.regs = { X(1, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "5a") },
	.out_regs = { X(1, RAM + 0x101) },
	.out_v = { V(0, 0x5a00000000000000, 0) },
},
{
	.prog = { I("ld2 {v0.h, v1.h}[5], [x1]", 0x4d604820) },
	.why = "LD2 lane 5: first halfword to V0, second to V1",
	.regs = { X(1, RAM + 0x100) },
	.v = { V(0, ONES, ONES), V(1, ONES, ONES) },
	.mem = { MEM(RAM + 0x100, "34 12 78 56") },
	.out_v = { V(0, 0xffffffff1234ffff, ONES), V(1, 0xffffffff5678ffff, ONES) },
},
{
	.prog = { I("ld4 {v30.d, v31.d, v0.d, v1.d}[1], [x1]", 0x4d60a43e) },
	.why = "LD4 lane 1 of D, wrapping V31 -> V0; lane 0 of each kept",
	.regs = { X(1, RAM + 0x100) },
	.v = { V(30, 0, 0x5555555555555555), V(31, 0, 0x5555555555555555),
	       V(0, 0, 0x5555555555555555), V(1, 0, 0x5555555555555555) },
	.mem = { MEM(RAM + 0x100, BYTES_00_3F) },
	.out_v = { V(30, 0x0706050403020100, 0x5555555555555555),
	           V(31, 0x0f0e0d0c0b0a0908, 0x5555555555555555),
	           V(0, 0x1716151413121110, 0x5555555555555555),
	           V(1, 0x1f1e1d1c1b1a1918, 0x5555555555555555) },
},
{
	.prog = { I("ld3 {v0.b, v1.b, v2.b}[0], [x1], #3", 0x0ddf2020) },
	.why = "LD3 lane 0 of B, post-index by 3",
	.regs = { X(1, RAM + 0x100) },
	.v = { V(0, ONES, ONES), V(1, ONES, ONES), V(2, ONES, ONES) },
	.mem = { MEM(RAM + 0x100, "0a 0b 0c") },
	.out_regs = { X(1, RAM + 0x103) },
	.out_v = { V(0, ONES, 0xffffffffffffff0a), V(1, ONES, 0xffffffffffffff0b),
	           V(2, ONES, 0xffffffffffffff0c) },
},
{
	.prog = { I("st1 {v0.d}[1], [x1]", 0x4d008420) },
	.why = "ST1 of lane 1 of D: the upper half",
	.regs = { X(1, RAM + 0x100) },
	.v = { V(0, 0x1122334455667788, 0x99aabbccddeeff00) },
	.out_mem = { MEM(RAM + 0x100, "88 77 66 55 44 33 22 11") },
},
{
	.prog = { I("st3 {v0.s, v1.s, v2.s}[2], [x1], x2", 0x4d82a020) },
	.why = "ST3 lane 2 of S, post-indexed by X2",
	.regs = { X(1, RAM + 0x100), X(2, 12) },
	.v = { V(0, 0xffffffffa0a0a0a0, 0), V(1, 0xffffffffb0b0b0b0, 0),
	       V(2, 0xffffffffc0c0c0c0, 0) },
	.out_regs = { X(1, RAM + 0x10c) },
	.out_mem = { MEM(RAM + 0x100, "a0 a0 a0 a0 b0 b0 b0 b0 c0 c0 c0 c0") },
},
{
	.prog = { I("st2 {v0.b, v1.b}[9], [x1]", 0x4d200420) },
	.why = "ST2 lane 9 of B (bits 79:72)",
	.regs = { X(1, RAM + 0x100) },
	.v = { V(0, 0x000000000000ab00, 0), V(1, 0x000000000000cd00, 0) },
	.out_mem = { MEM(RAM + 0x100, "ab cd") },
},

/* ---- load and replicate ---------------------------------------------------- */
{
	.prog = { I("ld1r {v0.4s}, [x1]", 0x4d40c820) },
	.why = "LD1R: one word to all four lanes",
	.regs = { X(1, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "78 56 34 12") },
	.out_v = { V(0, 0x1234567812345678, 0x1234567812345678) },
},
{
	.prog = { I("ld1r {v0.8b}, [x1]", 0x0d40c020) },
	.why = "LD1R 8B: eight copies, upper half cleared",
	.regs = { X(1, RAM + 0x100) },
	.v = { V(0, ONES, ONES) },
	.mem = { MEM(RAM + 0x100, "5a") },
	.out_v = { V(0, 0, 0x5a5a5a5a5a5a5a5a) },
},
{
	.prog = { I("ld2r {v0.8h, v1.8h}, [x1], #4", 0x4dffc420) },
	.why = "LD2R: first halfword to every lane of V0, second to V1; post-index by 4",
	.regs = { X(1, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "34 12 78 56") },
	.out_regs = { X(1, RAM + 0x104) },
	.out_v = { V(0, 0x1234123412341234, 0x1234123412341234),
	           V(1, 0x5678567856785678, 0x5678567856785678) },
},
{
	.prog = { I("ld3r {v0.2d, v1.2d, v2.2d}, [x1]", 0x4d40ec20) },
	.why = "LD3R of doublewords",
	.regs = { X(1, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, BYTES_00_3F) },
	.out_v = { V(0, 0x0706050403020100, 0x0706050403020100),
	           V(1, 0x0f0e0d0c0b0a0908, 0x0f0e0d0c0b0a0908),
	           V(2, 0x1716151413121110, 0x1716151413121110) },
},
{
	.prog = { I("ld4r {v0.2s, v1.2s, v2.2s, v3.2s}, [x1], x2", 0x0de2e820) },
	.why = "LD4R 2S, post-indexed by X2",
	.regs = { X(1, RAM + 0x100), X(2, 16) },
	.v = { V(0, ONES, ONES), V(1, ONES, ONES), V(2, ONES, ONES), V(3, ONES, ONES) },
	.mem = { MEM(RAM + 0x100, BYTES_00_3F) },
	.out_regs = { X(1, RAM + 0x110) },
	.out_v = { V(0, 0, 0x0302010003020100), V(1, 0, 0x0706050407060504),
	           V(2, 0, 0x0b0a09080b0a0908), V(3, 0, 0x0f0e0d0c0f0e0d0c) },
},
{
	.prog = { I("ld1r {v0.1d}, [x1]", 0x0d40cc20) },
	.why = "LD1R 1D: a single lane, upper half cleared",
	.regs = { X(1, RAM + 0x100) },
	.v = { V(0, ONES, ONES) },
	.mem = { MEM(RAM + 0x100, BYTES_00_3F) },
	.out_v = { V(0, 0, 0x0706050403020100) },
},
};

const struct case_table cases_simd = CASE_TABLE("simd", cases);
