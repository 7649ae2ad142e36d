/*
 * Single-register loads and stores: LDR/STR and their B/H/SB/SH/SW forms, in
 * every addressing mode (unsigned offset, unscaled, pre/post-index, register
 * offset with extend and shift, unprivileged), sign extension, W-register
 * zero-extension, Rt = 31 as XZR/WZR, Rn = 31 as the stack pointer that
 * PSTATE selects.
 *
 * Arm ARM (DDI 0487): C6.2 "LDR (immediate)", "LDR (register)", "LDRSB", ...
 * and C1.3.3 "Register names" (Rt = 31 is the zero register, Rn = 31 is SP).
 */
#include "unit.h"

static const struct unit_case cases[] = {

/* ---- unsigned offset: imm12 scaled by the access size -------------------- */
{
	.prog = { I("ldr x0, [x1]", 0xf9400020) },
	.why = "64-bit load: the 8 bytes at X1 read as a little-endian number",
	.regs = { X(1, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "88 77 66 55 44 33 22 11") },
	.out_regs = { X(0, 0x1122334455667788) },
	.mem_flags = MEMF(0),
},
{
	.prog = { I("ldr x0, [x1, #8]", 0xf9400420) },
	.why = "#8 is encoded as imm12 = 1, scaled by the 8-byte size",
	.regs = { X(1, RAM + 0x100) },
	.mem = { MEM(RAM + 0x108, "01 00 00 00 00 00 00 80") },
	.out_regs = { X(0, 0x8000000000000001) },
},
{
	.prog = { I("ldr x2, [x1, #32760]", 0xf97ffc22) },
	.why = "the largest unsigned offset, 4095 * 8",
	.regs = { X(1, RAM + 0x100 - 32760) },
	.mem = { MEM(RAM + 0x100, "08 07 06 05 04 03 02 01") },
	.out_regs = { X(2, 0x0102030405060708) },
},
{
	.prog = { I("ldr w0, [x1, #4]", 0xb9400420) },
	.why = "a W-register load writes X0 with the upper 32 bits zero",
	.regs = { X(0, 0xffffffffffffffff), X(1, RAM + 0x100) },
	.mem = { MEM(RAM + 0x104, "44 33 22 11") },
	.out_regs = { X(0, 0x0000000011223344) },
},
{
	.prog = { I("ldrh w0, [x1, #2]", 0x79400420) },
	.why = "halfword load, zero-extended",
	.regs = { X(0, 0xffffffffffffffff), X(1, RAM + 0x100) },
	.mem = { MEM(RAM + 0x102, "cd ab") },
	.out_regs = { X(0, 0xabcd) },
},
{
	.prog = { I("ldrb w0, [x1, #4095]", 0x397ffc20) },
	.why = "byte load from the last byte of RAM (largest byte offset)",
	.regs = { X(0, 0xffffffffffffffff), X(1, RAM) },
	.mem = { MEM(RAM + 0xfff, "5a") },
	.out_regs = { X(0, 0x5a) },
},

/* ---- sign extension ------------------------------------------------------ */
{
	.prog = { I("ldrsb x0, [x1]", 0x39800020) },
	.why = "LDRSB Xt: bit 7 copied into bits 63:8",
	.regs = { X(1, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "80") },
	.out_regs = { X(0, 0xffffffffffffff80) },
},
{
	.prog = { I("ldrsb w0, [x1]", 0x39c00020) },
	.why = "LDRSB Wt: sign-extended to 32 bits, then the W write clears 63:32",
	.regs = { X(0, 0xffffffffffffffff), X(1, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "80") },
	.out_regs = { X(0, 0x00000000ffffff80) },
},
{
	.prog = { I("ldrsb x0, [x1]", 0x39800020) },
	.why = "a positive byte sign-extends with zeros",
	.regs = { X(0, 0xffffffffffffffff), X(1, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "7f") },
	.out_regs = { X(0, 0x7f) },
},
{
	.prog = { I("ldrsh x0, [x1]", 0x79800020) },
	.why = "LDRSH Xt",
	.regs = { X(1, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "34 92") },
	.out_regs = { X(0, 0xffffffffffff9234) },
},
{
	.prog = { I("ldrsh w0, [x1, #6]", 0x79c00c20) },
	.why = "LDRSH Wt: 32-bit result, zero above",
	.regs = { X(0, 0xffffffffffffffff), X(1, RAM + 0x100) },
	.mem = { MEM(RAM + 0x106, "34 92") },
	.out_regs = { X(0, 0x00000000ffff9234) },
},
{
	.prog = { I("ldrsw x0, [x1]", 0xb9800020) },
	.why = "LDRSW: word 0x80000000 is negative",
	.regs = { X(1, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "00 00 00 80") },
	.out_regs = { X(0, 0xffffffff80000000) },
},
{
	.prog = { I("ldrsw x0, [x1, #4]", 0xb9800420) },
	.why = "LDRSW: word 0x7fffffff is positive",
	.regs = { X(0, 0xffffffffffffffff), X(1, RAM + 0x100) },
	.mem = { MEM(RAM + 0x104, "ff ff ff 7f") },
	.out_regs = { X(0, 0x000000007fffffff) },
},

/* ---- unscaled offset (LDUR/STUR): imm9, any alignment --------------------- */
{
	.prog = { I("ldur x0, [x1, #-3]", 0xf85fd020) },
	.why = "unscaled negative offset to an unaligned address in Normal memory: allowed",
	.normal = 1,
	.regs = { X(1, RAM + 0x104) },
	.mem = { MEM(RAM + 0x101, "01 02 03 04 05 06 07 08") },
	.out_regs = { X(0, 0x0807060504030201) },
},
{
	.prog = { I("ldur x0, [x1, #-3]", 0xf85fd020) },
	.why = "the same with the MMU off: Device memory, so an unaligned access is an Alignment fault",
	.regs = { X(1, RAM + 0x104) },
	.mem = { MEM(RAM + 0x101, "01 02 03 04 05 06 07 08") },
	.status = NISV_FAULT,
	.fault = NISV_FAULT_ALIGNMENT,
	.fault_va = RAM + 0x101,
	.wnr = WNR_READ,
	.no_access = 1,
},
{
	.prog = { I("ldursh w0, [x1, #255]", 0x78cff020) },
	.why = "the largest unscaled offset, +255",
	.regs = { X(1, RAM + 0x101) },
	.mem = { MEM(RAM + 0x200, "00 80") },
	.out_regs = { X(0, 0xffff8000) },
},
{
	.prog = { I("stur w0, [x1, #-256]", 0xb8100020) },
	.why = "the smallest unscaled offset, -256",
	.regs = { X(0, 0x11223344), X(1, RAM + 0x200) },
	.out_mem = { MEM(RAM + 0x100, "44 33 22 11") },
},

/* ---- pre- and post-index: the base register is written back --------------- */
{
	.prog = { I("ldr x0, [x1, #-16]!", 0xf85f0c20) },
	.why = "pre-index: access at X1 - 16, then X1 = X1 - 16",
	.regs = { X(1, RAM + 0x110) },
	.mem = { MEM(RAM + 0x100, "11 22 33 44 55 66 77 88") },
	.out_regs = { X(0, 0x8877665544332211), X(1, RAM + 0x100) },
},
{
	.prog = { I("ldr x0, [x1], #16", 0xf8410420) },
	.why = "post-index: access at X1, then X1 = X1 + 16",
	.regs = { X(1, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "11 22 33 44 55 66 77 88") },
	.out_regs = { X(0, 0x8877665544332211), X(1, RAM + 0x110) },
},
{
	.prog = { I("ldrb w0, [x1], #-256", 0x38500420) },
	.why = "post-index by the smallest imm9",
	.regs = { X(1, RAM + 0x200) },
	.mem = { MEM(RAM + 0x200, "a5") },
	.out_regs = { X(0, 0xa5), X(1, RAM + 0x100) },
},
{
	.prog = { I("strh w0, [x1, #2]!", 0x78002c20) },
	.why = "pre-index store",
	.regs = { X(0, 0x12345678), X(1, RAM + 0x100) },
	.out_regs = { X(1, RAM + 0x102) },
	.out_mem = { MEM(RAM + 0x102, "78 56") },
},
{
	.prog = { I("ldr x1, [x1], #8", 0xf8408421) },
	.why = "Rn == Rt with writeback is CONSTRAINED UNPREDICTABLE; the writeback value wins",
	.regs = { X(1, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "11 11 11 11 11 11 11 11") },
	.out_regs = { X(1, RAM + 0x108) },
},
{
	.prog = { I("str x1, [x1, #8]!", 0xf8008c21) },
	.why = "store with writeback and Rn == Rt stores the original register value",
	.regs = { X(1, RAM + 0x100) },
	.out_regs = { X(1, RAM + 0x108) },
	.out_mem = { MEM(RAM + 0x108, "00 01 00 80 00 00 00 00") },
},

/* ---- register offset: Rm extended (UXTW/SXTW/LSL/SXTX), optionally scaled --- */
{
	.prog = { I("ldr x0, [x1, x2]", 0xf8626820) },
	.why = "register offset, LSL #0",
	.regs = { X(1, RAM + 0x100), X(2, 0x20) },
	.mem = { MEM(RAM + 0x120, "01 02 03 04 05 06 07 08") },
	.out_regs = { X(0, 0x0807060504030201) },
},
{
	.prog = { I("ldr x0, [x1, x2, lsl #3]", 0xf8627820) },
	.why = "register offset scaled by the access size: X2 * 8",
	.regs = { X(1, RAM + 0x100), X(2, 4) },
	.mem = { MEM(RAM + 0x120, "01 02 03 04 05 06 07 08") },
	.out_regs = { X(0, 0x0807060504030201) },
},
{
	.prog = { I("ldr w0, [x1, w2, uxtw #2]", 0xb8625820) },
	.why = "UXTW uses only W2 (bits 63:32 of X2 ignored), then scales by 4",
	.regs = { X(1, RAM + 0x100), X(2, 0xffffffff00000008) },
	.mem = { MEM(RAM + 0x120, "ef be ad de") },
	.out_regs = { X(0, 0xdeadbeef) },
},
{
	.prog = { I("ldr x0, [x1, w2, sxtw]", 0xf862c820) },
	.why = "SXTW: W2 = -8 gives a negative offset",
	.regs = { X(1, RAM + 0x100), X(2, 0x00000000fffffff8) },
	.mem = { MEM(RAM + 0xf8, "01 02 03 04 05 06 07 08") },
	.out_regs = { X(0, 0x0807060504030201) },
},
{
	.prog = { I("ldrh w0, [x1, x2, sxtx #1]", 0x7862f820) },
	.why = "SXTX #1: X2 = -2 scaled by the halfword size",
	.regs = { X(1, RAM + 0x100), X(2, 0xfffffffffffffffe) },
	.mem = { MEM(RAM + 0xfc, "34 12") },
	.out_regs = { X(0, 0x1234) },
},
{
	.prog = { I("ldr x0, [x1, xzr]", 0xf87f6820) },
	.why = "Rm = 31 is XZR (an offset of 0), never SP",
	.regs = { X(1, RAM + 0x100), R(SP_EL1, 0x40) },
	.mem = { MEM(RAM + 0x100, "01 02 03 04 05 06 07 08") },
	.out_regs = { X(0, 0x0807060504030201) },
},
{
	.prog = { I("strb w0, [x1, w2, uxtw]", 0x38224820) },
	.why = "byte store, UXTW offset",
	.regs = { X(0, 0x1ff), X(1, RAM + 0x100), X(2, 0x100000010) },
	.out_mem = { MEM(RAM + 0x110, "ff") },
},

/* ---- stores write exactly the access size --------------------------------- */
{
	.prog = { I("str x0, [x1]", 0xf9000020) },
	.why = "64-bit store, little-endian",
	.regs = { X(0, 0x1122334455667788), X(1, RAM + 0x100) },
	.out_mem = { MEM(RAM + 0x100, "88 77 66 55 44 33 22 11") },
	.mem_flags = MEMF(0),
},
{
	.prog = { I("str w0, [x1, #4]", 0xb9000420) },
	.why = "a W store writes the low 32 bits only",
	.regs = { X(0, 0xdeadbeef11223344), X(1, RAM + 0x100) },
	.out_mem = { MEM(RAM + 0x104, "44 33 22 11") },
},
{
	.prog = { I("strb w0, [x1]", 0x39000020) },
	.why = "a byte store writes one byte",
	.regs = { X(0, 0x1ff), X(1, RAM + 0x100) },
	.out_mem = { MEM(RAM + 0x100, "ff") },
},

/* ---- Rt = 31: the zero register ------------------------------------------- */
{
	.prog = { I("str xzr, [x1]", 0xf900003f) },
	.why = "Rt = 31 in a store is XZR: eight zero bytes",
	.regs = { X(1, RAM + 0x100) },
	.out_mem = { FILL(RAM + 0x100, 8, 0x00) },
},
{
	.prog = { I("strh wzr, [x1, #2]", 0x7900043f) },
	.why = "WZR",
	.regs = { X(1, RAM + 0x100) },
	.out_mem = { MEM(RAM + 0x102, "00 00") },
},
{
	.prog = { I("ldr xzr, [x1]", 0xf940003f) },
	.why = "a load to XZR reads memory and discards the value: only PC changes",
	.regs = { X(1, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "11 22 33 44 55 66 77 88") },
},

/* ---- Rn = 31: the stack pointer PSTATE selects ---------------------------- */
{
	.prog = { I("str x0, [sp, #8]", 0xf90007e0) },
	.why = "EL1h (PSTATE.SP = 1): SP is SP_EL1",
	.regs = { X(0, 0x0123456789abcdef), R(SP_EL0, RAM + 0x300), R(SP_EL1, RAM + 0x200) },
	.out_mem = { MEM(RAM + 0x208, "ef cd ab 89 67 45 23 01") },
},
{
	.prog = { I("str x0, [sp, #8]", 0xf90007e0) },
	.why = "EL1t (PSTATE.SP = 0): SP is SP_EL0",
	.regs = { R(PSTATE, PSTATE_EL1T), X(0, 0x0123456789abcdef), R(SP_EL0, RAM + 0x300),
	          R(SP_EL1, RAM + 0x200) },
	.out_mem = { MEM(RAM + 0x308, "ef cd ab 89 67 45 23 01") },
},
{
	.prog = { I("ldr x0, [sp], #16", 0xf84107e0) },
	.why = "post-index on SP at EL1h writes SP_EL1 back, SP_EL0 untouched",
	.regs = { R(SP_EL0, RAM + 0x300), R(SP_EL1, RAM + 0x200) },
	.mem = { MEM(RAM + 0x200, "01 00 00 00 00 00 00 00") },
	.out_regs = { X(0, 1), R(SP_EL1, RAM + 0x210) },
},
{
	.prog = { I("str x0, [sp, #-16]!", 0xf81f0fe0) },
	.why = "at EL0 SP is always SP_EL0 (here with PSTATE.SP bit clear, EL0t)",
	.regs = { R(PSTATE, PSTATE_EL0), X(0, 2), R(SP_EL0, RAM + 0x300), R(SP_EL1, RAM + 0x200) },
	.out_regs = { R(SP_EL0, RAM + 0x2f0) },
	.out_mem = { MEM(RAM + 0x2f0, "02 00 00 00 00 00 00 00") },
},
{
	.prog = { I("ldr x0, [sp, #8]", 0xf94007e0) },
	.why = "SCTLR_EL1.SA = 1 at EL1: SP (not the address) must be 16-byte aligned",
	.regs = { R(SCTLR_EL1, SCTLR_SA), R(SP_EL1, RAM + 0x208) },
	.mem = { MEM(RAM + 0x210, "01 02 03 04 05 06 07 08") },
	.status = NISV_FAULT,
	.fault = NISV_FAULT_SP_ALIGNMENT,
	.no_access = 1,
},
{
	.prog = { I("ldr x0, [sp, #8]", 0xf94007e0) },
	.why = "SCTLR_EL1.SA = 1 and SP aligned: the offset may be anything",
	.regs = { R(SCTLR_EL1, SCTLR_SA), R(SP_EL1, RAM + 0x200) },
	.mem = { MEM(RAM + 0x208, "01 02 03 04 05 06 07 08") },
	.out_regs = { X(0, 0x0807060504030201) },
},
{
	.prog = { I("ldr x0, [sp]", 0xf94003e0) },
	.why = "SCTLR_EL1.SA0 = 1 checks SP at EL0",
	.regs = { R(PSTATE, PSTATE_EL0), R(SCTLR_EL1, SCTLR_SA0), R(SP_EL0, RAM + 0x208) },
	.status = NISV_FAULT,
	.fault = NISV_FAULT_SP_ALIGNMENT,
	.no_access = 1,
},
{
	.prog = { I("ldr x0, [sp]", 0xf94003e0) },
	.why = "SCTLR_EL1.SA (the EL1 bit) does not check SP at EL0",
	.regs = { R(PSTATE, PSTATE_EL0), R(SCTLR_EL1, SCTLR_SA), R(SP_EL0, RAM + 0x208) },
	.mem = { MEM(RAM + 0x208, "01 02 03 04 05 06 07 08") },
	.out_regs = { X(0, 0x0807060504030201) },
},

/* ---- unprivileged (LDTR/STTR): with the MMU off, an ordinary access --------- */
{
	.prog = { I("ldtr x0, [x1, #8]", 0xf8408820) },
	.why = "LDTR",
	.regs = { X(1, RAM + 0x100) },
	.mem = { MEM(RAM + 0x108, "01 02 03 04 05 06 07 08") },
	.out_regs = { X(0, 0x0807060504030201) },
},
{
	.prog = { I("ldtrsb x0, [x1, #-1]", 0x389ff820) },
	.why = "LDTRSB sign-extends like LDRSB",
	.regs = { X(1, RAM + 0x101) },
	.mem = { MEM(RAM + 0x100, "fe") },
	.out_regs = { X(0, 0xfffffffffffffffe) },
},
{
	.prog = { I("sttrh w0, [x1, #-2]", 0x781fe820) },
	.why = "STTRH",
	.regs = { X(0, 0xbeef), X(1, RAM + 0x102) },
	.out_mem = { MEM(RAM + 0x100, "ef be") },
},

/* ---- memory that is not there ------------------------------------------- */
{
	.prog = { I("ldr x0, [x1]", 0xf9400020) },
	.why = "a load just past the end of RAM: the read callback fails, nothing changes",
	.regs = { X(1, RAM + RAM_SIZE) },
	.status = NISV_CALLBACK_ERROR,
},
{
	.prog = { I("str x0, [x1]", 0xf9000020) },
	.why = "a store below RAM: the write callback fails, nothing changes",
	.regs = { X(0, 0x1122334455667788), X(1, RAM - 8) },
	.status = NISV_CALLBACK_ERROR,
},
};

const struct case_table cases_single = CASE_TABLE("single", cases);
