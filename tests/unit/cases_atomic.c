/*
 * Atomic memory operations (FEAT_LSE).
 *
 *  - LD<op> Rs, Rt, [Xn]: memory = old <op> Rs, Rt = old (zero-extended for
 *    the B/H/W sizes). <op> is ADD, CLR (old AND NOT Rs), EOR, SET (OR),
 *    SMAX/SMIN (signed, at the access size), UMAX/UMIN. Only the low bits
 *    of Rs that fit the access size take part.
 *  - ST<op> Rs, [Xn] is LD<op> with Rt = XZR: memory changes, no register.
 *  - SWP Rs, Rt, [Xn]: memory = Rs, Rt = old.
 *  - CAS Rs, Rt, [Xn]: if old == Rs, memory = Rt; either way Rs = old.
 *  - CASP Rs, Rs+1, Rt, Rt+1, [Xn]: the same on a pair (Rs, Rt even).
 * Every access is made between lock() and unlock() with NISV_MEM_ATOMIC
 * (checked by the runner), plus ACQUIRE/RELEASE for the A/L forms.
 *
 * Arm ARM: C6.2 "LDADD", "LDSMAX", ..., "SWP", "CAS", "CASP"; J1.3.3
 * "MemAtomicOp".
 */
#include "unit.h"

#define AT NISV_MEM_ATOMIC
#define ACQ NISV_MEM_ACQUIRE
#define REL NISV_MEM_RELEASE

static const struct unit_case cases[] = {

/* ---- LD<op>, 64-bit --------------------------------------------------------- */
{
	.prog = { I("ldadd x0, x1, [x2]", 0xf8200041) },
	.why = "LDADD: memory 5 + X0 3 = 8, X1 = old value 5",
	.regs = { X(0, 3), X(2, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "05 00 00 00 00 00 00 00") },
	.out_regs = { X(1, 5) },
	.out_mem = { MEM(RAM + 0x100, "08 00 00 00 00 00 00 00") },
	.mem_flags = MEMF(AT),
},
{
	.prog = { I("ldclr x0, x1, [x2]", 0xf8201041) },
	.why = "LDCLR: memory AND NOT X0",
	.regs = { X(0, 0x0ff00ff00ff00ff0), X(2, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "00 ff 00 ff 00 ff 00 ff") },
	.out_regs = { X(1, 0xff00ff00ff00ff00) },
	.out_mem = { MEM(RAM + 0x100, "00 f0 00 f0 00 f0 00 f0") },
},
{
	.prog = { I("ldeor x0, x1, [x2]", 0xf8202041) },
	.why = "LDEOR: memory XOR X0",
	.regs = { X(0, 0xffff0000ffff0000), X(2, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "ff 00 ff 00 ff 00 ff 00") },
	.out_regs = { X(1, 0x00ff00ff00ff00ff) },
	.out_mem = { MEM(RAM + 0x100, "ff 00 00 ff ff 00 00 ff") },
},
{
	.prog = { I("ldset x0, x1, [x2]", 0xf8203041) },
	.why = "LDSET: memory OR X0",
	.regs = { X(0, 0x8000000000000001), X(2, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "10 00 00 00 00 00 00 00") },
	.out_regs = { X(1, 0x10) },
	.out_mem = { MEM(RAM + 0x100, "11 00 00 00 00 00 00 80") },
},
{
	.prog = { I("ldsmax x0, x1, [x2]", 0xf8204041) },
	.why = "LDSMAX: signed, max(-5, 3) = 3",
	.regs = { X(0, 3), X(2, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "fb ff ff ff ff ff ff ff") },
	.out_regs = { X(1, 0xfffffffffffffffb) },
	.out_mem = { MEM(RAM + 0x100, "03 00 00 00 00 00 00 00") },
},
{
	.prog = { I("ldsmin x0, x1, [x2]", 0xf8205041) },
	.why = "LDSMIN: signed, min(3, -5) = -5",
	.regs = { X(0, 0xfffffffffffffffb), X(2, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "03 00 00 00 00 00 00 00") },
	.out_regs = { X(1, 3) },
	.out_mem = { MEM(RAM + 0x100, "fb ff ff ff ff ff ff ff") },
},
{
	.prog = { I("ldumax x0, x1, [x2]", 0xf8206041) },
	.why = "LDUMAX: unsigned, 0xff..fb is the larger: memory keeps its value",
	.regs = { X(0, 3), X(2, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "fb ff ff ff ff ff ff ff") },
	.out_regs = { X(1, 0xfffffffffffffffb) },
},
{
	.prog = { I("ldumin x0, x1, [x2]", 0xf8207041) },
	.why = "LDUMIN: unsigned, min(0xff..fb, 3) = 3",
	.regs = { X(0, 3), X(2, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "fb ff ff ff ff ff ff ff") },
	.out_regs = { X(1, 0xfffffffffffffffb) },
	.out_mem = { MEM(RAM + 0x100, "03 00 00 00 00 00 00 00") },
},

/* ---- LD<op> at W, H and B sizes --------------------------------------------- */
{
	.prog = { I("ldadd w0, w1, [x2]", 0xb8200041) },
	.why = "LDADD W wraps at 32 bits; W1 = old value, zero-extended",
	.regs = { X(0, 2), X(1, 0xffffffffffffffff), X(2, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "ff ff ff ff") },
	.out_regs = { X(1, 0xffffffff) },
	.out_mem = { MEM(RAM + 0x100, "01 00 00 00") },
},
{
	.prog = { I("ldaddb w0, w1, [x2]", 0x38200041) },
	.why = "LDADDB: only the low byte of W0 takes part; 0xff + 1 wraps to 0",
	.regs = { X(0, 0xffffff01), X(2, RAM + 0x101) },
	.mem = { MEM(RAM + 0x101, "ff") },
	.out_regs = { X(1, 0xff) },
	.out_mem = { MEM(RAM + 0x101, "00") },
},
{
	.prog = { I("ldaddh w0, w1, [x2]", 0x78200041) },
	.why = "LDADDH",
	.regs = { X(0, 0x10001), X(2, RAM + 0x102) },
	.mem = { MEM(RAM + 0x102, "ff 7f") },
	.out_regs = { X(1, 0x7fff) },
	.out_mem = { MEM(RAM + 0x102, "00 80") },
},
{
	.prog = { I("ldsmax w0, w1, [x2]", 0xb8204041) },
	.why = "LDSMAX W compares W0 (bits 63:32 of X0 ignored): max(0x80000000, 1) = 1",
	.regs = { X(0, 0xffffffff00000001), X(2, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "00 00 00 80") },
	.out_regs = { X(1, 0x80000000) },
	.out_mem = { MEM(RAM + 0x100, "01 00 00 00") },
},
{
	.prog = { I("ldsmin w0, w1, [x2]", 0xb8205041) },
	.why = "LDSMIN W: min(1, -1) = -1",
	.regs = { X(0, 0xffffffff), X(2, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "01 00 00 00") },
	.out_regs = { X(1, 1) },
	.out_mem = { MEM(RAM + 0x100, "ff ff ff ff") },
},
{
	.prog = { I("ldsmaxb w0, w1, [x2]", 0x38204041) },
	.why = "LDSMAXB compares bytes as signed: max(0x80 = -128, 1) = 1; W1 = 0x80 zero-extended",
	.regs = { X(0, 1), X(2, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "80") },
	.out_regs = { X(1, 0x80) },
	.out_mem = { MEM(RAM + 0x100, "01") },
},
{
	.prog = { I("ldsminb w0, w1, [x2]", 0x38205041) },
	.why = "LDSMINB: min(0x7f, 0x80 = -128) = 0x80",
	.regs = { X(0, 0x80), X(2, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "7f") },
	.out_regs = { X(1, 0x7f) },
	.out_mem = { MEM(RAM + 0x100, "80") },
},
{
	.prog = { I("ldumaxb w0, w1, [x2]", 0x38206041) },
	.why = "LDUMAXB compares bytes as unsigned: max(0x80, 0x7f) = 0x80",
	.regs = { X(0, 0x7f), X(2, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "80") },
	.out_regs = { X(1, 0x80) },
},
{
	.prog = { I("lduminb w0, w1, [x2]", 0x38207041) },
	.why = "LDUMINB: min(0x80, 0x7f) = 0x7f",
	.regs = { X(0, 0x7f), X(2, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "80") },
	.out_regs = { X(1, 0x80) },
	.out_mem = { MEM(RAM + 0x100, "7f") },
},
{
	.prog = { I("ldsmaxh w0, w1, [x2]", 0x78204041) },
	.why = "LDSMAXH: max(0x8000 = -32768, 0x7fff) = 0x7fff",
	.regs = { X(0, 0x7fff), X(2, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "00 80") },
	.out_regs = { X(1, 0x8000) },
	.out_mem = { MEM(RAM + 0x100, "ff 7f") },
},
{
	.prog = { I("ldsminh w0, w1, [x2]", 0x78205041) },
	.why = "LDSMINH: min(1, 0xffff = -1) = 0xffff",
	.regs = { X(0, 0xffff), X(2, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "01 00") },
	.out_regs = { X(1, 1) },
	.out_mem = { MEM(RAM + 0x100, "ff ff") },
},
{
	.prog = { I("ldumaxh w0, w1, [x2]", 0x78206041) },
	.why = "LDUMAXH: max(1, 0xffff) = 0xffff",
	.regs = { X(0, 0xffff), X(2, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "01 00") },
	.out_regs = { X(1, 1) },
	.out_mem = { MEM(RAM + 0x100, "ff ff") },
},
{
	.prog = { I("lduminh w0, w1, [x2]", 0x78207041) },
	.why = "LDUMINH: min(0x8000, 0x7fff) = 0x7fff",
	.regs = { X(0, 0x7fff), X(2, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "00 80") },
	.out_regs = { X(1, 0x8000) },
	.out_mem = { MEM(RAM + 0x100, "ff 7f") },
},

/* ---- ordering forms ----------------------------------------------------------- */
{
	.prog = { I("ldaddal x0, x1, [x2]", 0xf8e00041) },
	.why = "LDADDAL: acquire and release",
	.regs = { X(0, 1), X(2, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "01 00 00 00 00 00 00 00") },
	.out_regs = { X(1, 1) },
	.out_mem = { MEM(RAM + 0x100, "02 00 00 00 00 00 00 00") },
	.mem_flags = MEMF(AT | ACQ | REL),
},
{
	.prog = { I("ldeora x0, x1, [x2]", 0xf8a02041) },
	.why = "LDEORA: acquire",
	.regs = { X(0, 1), X(2, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "03 00 00 00 00 00 00 00") },
	.out_regs = { X(1, 3) },
	.out_mem = { MEM(RAM + 0x100, "02 00 00 00 00 00 00 00") },
	.mem_flags = MEMF(AT | ACQ),
},
{
	.prog = { I("ldclrl w0, w1, [x2]", 0xb8601041) },
	.why = "LDCLRL: release",
	.regs = { X(0, 1), X(2, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "03 00 00 00") },
	.out_regs = { X(1, 3) },
	.out_mem = { MEM(RAM + 0x100, "02 00 00 00") },
	.mem_flags = MEMF(AT | REL),
},

/* ---- ST<op>: LD<op> with Rt = XZR, no register result ------------------------ */
{
	.prog = { I("stadd x0, [x1]", 0xf820003f) },
	.why = "STADD: memory += X0, no register changes",
	.regs = { X(0, 0x100), X(1, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "ff 00 00 00 00 00 00 00") },
	.out_mem = { MEM(RAM + 0x100, "ff 01 00 00 00 00 00 00") },
	.mem_flags = MEMF(AT),
},
{
	.prog = { I("stclrb w0, [x1]", 0x3820103f) },
	.why = "STCLRB",
	.regs = { X(0, 0x0f), X(1, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "ff") },
	.out_mem = { MEM(RAM + 0x100, "f0") },
},
{
	.prog = { I("steorh w0, [x1]", 0x7820203f) },
	.why = "STEORH",
	.regs = { X(0, 0xffff), X(1, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "0f f0") },
	.out_mem = { MEM(RAM + 0x100, "f0 0f") },
},
{
	.prog = { I("stsmax w0, [x1]", 0xb820403f) },
	.why = "STSMAX W: max(-2, -1) = -1",
	.regs = { X(0, 0xffffffff), X(1, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "fe ff ff ff") },
	.out_mem = { MEM(RAM + 0x100, "ff ff ff ff") },
},
{
	.prog = { I("stumin x0, [x1]", 0xf820703f) },
	.why = "STUMIN",
	.regs = { X(0, 2), X(1, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "00 00 00 00 00 00 00 80") },
	.out_mem = { MEM(RAM + 0x100, "02 00 00 00 00 00 00 00") },
},
{
	.prog = { I("stsetl x0, [x1]", 0xf860303f) },
	.why = "STSETL: release",
	.regs = { X(0, 0xf0), X(1, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "0f 00 00 00 00 00 00 00") },
	.out_mem = { MEM(RAM + 0x100, "ff 00 00 00 00 00 00 00") },
	.mem_flags = MEMF(AT | REL),
},
{
	.prog = { I("ldadda x0, xzr, [x1]", 0xf8a0003f) },
	.why = "LDADDA with Rt = XZR (not an ST<op> alias, it acquires): the result is discarded",
	.regs = { X(0, 1), X(1, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "01 00 00 00 00 00 00 00") },
	.out_mem = { MEM(RAM + 0x100, "02 00 00 00 00 00 00 00") },
	.mem_flags = MEMF(AT | ACQ),
},

/* ---- SWP ------------------------------------------------------------------------ */
{
	.prog = { I("swp x0, x1, [x2]", 0xf8208041) },
	.why = "SWP: memory = X0, X1 = old",
	.regs = { X(0, 0x1111111111111111), X(2, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "22 22 22 22 22 22 22 22") },
	.out_regs = { X(1, 0x2222222222222222) },
	.out_mem = { MEM(RAM + 0x100, "11 11 11 11 11 11 11 11") },
	.mem_flags = MEMF(AT),
},
{
	.prog = { I("swpb w0, w1, [x2]", 0x38208041) },
	.why = "SWPB: W1 = old byte, zero-extended",
	.regs = { X(0, 0x1234), X(1, 0xffffffffffffffff), X(2, RAM + 0x101) },
	.mem = { MEM(RAM + 0x101, "ff") },
	.out_regs = { X(1, 0xff) },
	.out_mem = { MEM(RAM + 0x101, "34") },
},
{
	.prog = { I("swph w0, w1, [x2]", 0x78208041) },
	.why = "SWPH",
	.regs = { X(0, 0xbeef), X(2, RAM + 0x102) },
	.mem = { MEM(RAM + 0x102, "34 12") },
	.out_regs = { X(1, 0x1234) },
	.out_mem = { MEM(RAM + 0x102, "ef be") },
},
{
	.prog = { I("swpal w0, w1, [x2]", 0xb8e08041) },
	.why = "SWPAL: acquire and release",
	.regs = { X(0, 7), X(2, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "09 00 00 00") },
	.out_regs = { X(1, 9) },
	.out_mem = { MEM(RAM + 0x100, "07 00 00 00") },
	.mem_flags = MEMF(AT | ACQ | REL),
},
{
	.prog = { I("swp x0, x0, [x2]", 0xf8208040) },
	.why = "SWP with Rs == Rt: memory gets the original X0, X0 gets the old memory value",
	.regs = { X(0, 0x1111111111111111), X(2, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "22 22 22 22 22 22 22 22") },
	.out_regs = { X(0, 0x2222222222222222) },
	.out_mem = { MEM(RAM + 0x100, "11 11 11 11 11 11 11 11") },
},
{
	.prog = { I("swp x0, xzr, [x1]", 0xf820803f) },
	.why = "SWP to XZR: memory = X0, the old value is discarded",
	.regs = { X(0, 0x1111111111111111), X(1, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "22 22 22 22 22 22 22 22") },
	.out_mem = { MEM(RAM + 0x100, "11 11 11 11 11 11 11 11") },
},
{
	.prog = { I("ldadd x0, x0, [x1]", 0xf8200020) },
	.why = "LDADD with Rs == Rt: memory = old + X0, then X0 = old",
	.regs = { X(0, 2), X(1, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "05 00 00 00 00 00 00 00") },
	.out_regs = { X(0, 5) },
	.out_mem = { MEM(RAM + 0x100, "07 00 00 00 00 00 00 00") },
},

/* ---- CAS ---------------------------------------------------------------------- */
{
	.prog = { I("cas x0, x1, [x2]", 0xc8a07c41) },
	.why = "CAS success: memory == X0, so memory = X1; X0 = old (unchanged)",
	.regs = { X(0, 0x1111111111111111), X(1, 0x2222222222222222), X(2, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "11 11 11 11 11 11 11 11") },
	.out_mem = { MEM(RAM + 0x100, "22 22 22 22 22 22 22 22") },
	.mem_flags = MEMF(AT),
},
{
	.prog = { I("cas x0, x1, [x2]", 0xc8a07c41) },
	.why = "CAS failure: memory unchanged, X0 = the value found",
	.regs = { X(0, 0x1111111111111111), X(1, 0x2222222222222222), X(2, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "11 11 11 11 11 11 11 10") },
	.out_regs = { X(0, 0x1011111111111111) },
},
{
	.prog = { I("casb w0, w1, [x2]", 0x08a07c41) },
	.why = "CASB compares the low byte of W0; W0 = old byte, zero-extended, even on success",
	.regs = { X(0, 0xabcdef12), X(1, 0x34), X(2, RAM + 0x103) },
	.mem = { MEM(RAM + 0x103, "12") },
	.out_regs = { X(0, 0x12) },
	.out_mem = { MEM(RAM + 0x103, "34") },
},
{
	.prog = { I("casb w0, w1, [x2]", 0x08a07c41) },
	.why = "CASB failure",
	.regs = { X(0, 0x12), X(1, 0x34), X(2, RAM + 0x103) },
	.mem = { MEM(RAM + 0x103, "80") },
	.out_regs = { X(0, 0x80) },
},
{
	.prog = { I("cash w0, w1, [x2]", 0x48a07c41) },
	.why = "CASH success",
	.regs = { X(0, 0x1234), X(1, 0xbeef), X(2, RAM + 0x102) },
	.mem = { MEM(RAM + 0x102, "34 12") },
	.out_mem = { MEM(RAM + 0x102, "ef be") },
},
{
	.prog = { I("casl w0, w1, [x2]", 0x88a0fc41) },
	.why = "CASL W: compares W0 only; on success X0 = old value, zero-extended",
	.regs = { X(0, 0xdeadbeef00000005), X(1, 6), X(2, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "05 00 00 00") },
	.out_regs = { X(0, 5) },
	.out_mem = { MEM(RAM + 0x100, "06 00 00 00") },
	.mem_flags = MEMF(AT | REL),
},
{
	.prog = { I("casa w0, w1, [x2]", 0x88e07c41) },
	.why = "CASA W failure: acquire",
	.regs = { X(0, 5), X(1, 6), X(2, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "07 00 00 00") },
	.out_regs = { X(0, 7) },
	.mem_flags = MEMF(AT | ACQ),
},
{
	.prog = { I("casal x0, x1, [x2]", 0xc8e0fc41) },
	.why = "CASAL X success",
	.regs = { X(0, 5), X(1, 6), X(2, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "05 00 00 00 00 00 00 00") },
	.out_mem = { MEM(RAM + 0x100, "06 00 00 00 00 00 00 00") },
	.mem_flags = MEMF(AT | ACQ | REL),
},

/* ---- CASP ----------------------------------------------------------------------- */
{
	.prog = { I("casp x0, x1, x2, x3, [x4]", 0x48207c82) },
	.why = "CASP success: both halves match (X0 at the lower address), memory = X2, X3",
	.regs = { X(0, 0x1010101010101010), X(1, 0x1111111111111111),
	          X(2, 0x2020202020202020), X(3, 0x2121212121212121), X(4, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "10 10 10 10 10 10 10 10  11 11 11 11 11 11 11 11") },
	.out_mem = { MEM(RAM + 0x100, "20 20 20 20 20 20 20 20  21 21 21 21 21 21 21 21") },
	.mem_flags = MEMF(AT),
},
{
	.prog = { I("casp x0, x1, x2, x3, [x4]", 0x48207c82) },
	.why = "CASP failure (second half differs): memory unchanged, X0, X1 = the values found",
	.regs = { X(0, 0x1010101010101010), X(1, 0x1111111111111111),
	          X(2, 0x2020202020202020), X(3, 0x2121212121212121), X(4, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "10 10 10 10 10 10 10 10  11 11 11 11 11 11 11 01") },
	.out_regs = { X(1, 0x0111111111111111) },
},
{
	.prog = { I("casp w0, w1, w2, w3, [x4]", 0x08207c82) },
	.why = "CASP W: two words; X0, X1 get the old words zero-extended",
	.regs = { X(0, 0xffffffff00000001), X(1, 0xffffffff00000002), X(2, 3), X(3, 4),
	          X(4, RAM + 0x108) },
	.mem = { MEM(RAM + 0x108, "01 00 00 00  02 00 00 00") },
	.out_regs = { X(0, 1), X(1, 2) },
	.out_mem = { MEM(RAM + 0x108, "03 00 00 00  04 00 00 00") },
},
{
	.prog = { I("caspal w4, w5, w6, w7, [x8]", 0x0864fd06) },
	.why = "CASPAL W failure",
	.regs = { X(4, 1), X(5, 2), X(6, 3), X(7, 4), X(8, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "09 00 00 00  02 00 00 00") },
	.out_regs = { X(4, 9) },
	.mem_flags = MEMF(AT | ACQ | REL),
},
{
	.prog = { I("casp x30, xzr, x0, x1, [x2]", 0x483e7c40) },
	.why = "CASP with Rs = 30: the pair is X30, XZR (compared as 0, written nowhere)",
	.regs = { X(30, 0x3030303030303030), X(0, 0x0a), X(1, 0x0b), X(2, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "30 30 30 30 30 30 30 30  00 00 00 00 00 00 00 00") },
	.out_mem = { MEM(RAM + 0x100, "0a 00 00 00 00 00 00 00  0b 00 00 00 00 00 00 00") },
},
{
	.prog = { I("casp x30, xzr, x0, x1, [x2]", 0x483e7c40) },
	.why = "the same, failing on the XZR half: X30 = the first value found",
	.regs = { X(30, 0x3030303030303030), X(0, 0x0a), X(1, 0x0b), X(2, RAM + 0x100) },
	.mem = { MEM(RAM + 0x100, "30 30 30 30 30 30 30 30  01 00 00 00 00 00 00 00") },
	.out_regs = { X(30, 0x3030303030303030) },
},
{
	.prog = { I(".inst 0x48217c82", 0x48217c82) },
	.why = "CASP with an odd Rs (x1) is unallocated: not a memory instruction nisv emulates",
	.regs = { X(4, RAM + 0x100) },
	.status = NISV_UNSUPPORTED,
	.fault = NISV_FAULT_UNDEFINED,
	.no_access = 1,
},
};

const struct case_table cases_atomic = CASE_TABLE("atomic", cases);
