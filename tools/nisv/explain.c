/*
 * nisv explain: every field of an ESR_ELx value, for every exception class
 * of the current Arm ARM (DDI 0487, "ESR_EL1"/"ESR_EL2": the EC table and
 * the "ISS encoding for ..." / "ISS2 encoding for ..." sections), and, with
 * --insn, what a data abort on that instruction means for nisv.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "tool.h"

#define MAX_FIELDS 48

struct fieldout {
	char name[16];
	unsigned hi, lo;
	uint64_t value;
	char meaning[320];
	int warn; /* a RES0 field that is not zero */
};

struct ex {
	uint64_t esr;
	struct fieldout f[MAX_FIELDS];
	unsigned nf;
	uint64_t covered; /* ESR bits described so far */
};

static uint64_t get(const struct ex *x, unsigned hi, unsigned lo)
{
	unsigned w = hi - lo + 1;
	return (x->esr >> lo) & (w >= 64 ? ~0ull : (1ull << w) - 1);
}

static void F(struct ex *x, const char *name, unsigned hi, unsigned lo, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
static void F(struct ex *x, const char *name, unsigned hi, unsigned lo, const char *fmt, ...)
{
	struct fieldout *f;
	va_list ap;

	if (x->nf == MAX_FIELDS)
		return;
	f = &x->f[x->nf++];
	snprintf(f->name, sizeof(f->name), "%s", name);
	f->hi = hi;
	f->lo = lo;
	f->value = get(x, hi, lo);
	f->warn = 0;
	va_start(ap, fmt);
	vsnprintf(f->meaning, sizeof(f->meaning), fmt, ap);
	va_end(ap);
	for (unsigned b = lo; b <= hi; b++)
		x->covered |= 1ull << b;
}

/* A one-bit field with a meaning for 0 and for 1. */
static void B(struct ex *x, const char *name, unsigned bit, const char *if0, const char *if1)
{
	F(x, name, bit, bit, "%s", get(x, bit, bit) ? if1 : if0);
}

/* Every bit of [hi:lo] not described yet: RES0 (warn when set). */
static void res0_gaps(struct ex *x, unsigned hi, unsigned lo)
{
	for (int b = (int)hi; b >= (int)lo;) {
		if (x->covered >> b & 1) {
			b--;
			continue;
		}
		int top = b;
		while (b >= (int)lo && !(x->covered >> b & 1))
			b--;
		F(x, "RES0", (unsigned)top, (unsigned)(b + 1), "Reserved, RES0");
		x->f[x->nf - 1].warn = x->f[x->nf - 1].value != 0;
	}
}

static const char *reg_x(unsigned r)
{
	static char buf[8][8];
	static unsigned k;
	char *p = buf[k++ % 8];
	snprintf(p, 8, r == 31 ? "x31/xzr" : "x%u", r);
	return p;
}

/* ---- fault status codes -------------------------------------------------------- */

static const char *fsc_text(unsigned fsc, char *buf, size_t n)
{
	static const char *const lvl_kinds[4] = { "Address size fault", "Translation fault", "Access flag fault",
		                                  "Permission fault" };
	if (fsc < 0x10) {
		snprintf(buf, n, "%s, level %u", lvl_kinds[fsc >> 2], fsc & 3);
		return buf;
	}
	if (fsc >= 0x14 && fsc <= 0x17) {
		snprintf(buf, n, "Synchronous External abort on translation table walk or hardware update of translation "
		                 "table, level %u", fsc & 3);
		return buf;
	}
	if (fsc >= 0x1c && fsc <= 0x1f) {
		snprintf(buf, n, "Synchronous parity or ECC error on memory access on translation table walk or hardware "
		                 "update of translation table, level %u", fsc & 3);
		return buf;
	}
	if (fsc >= 0x24 && fsc <= 0x27) {
		snprintf(buf, n, "Granule Protection Fault on translation table walk or hardware update of translation "
		                 "table, level %u (FEAT_RME)", fsc & 3);
		return buf;
	}
	switch (fsc) {
	case 0x10:
		return "Synchronous External abort, not on translation table walk or hardware update of translation table";
	case 0x11:
		return "Synchronous Tag Check Fault (FEAT_MTE2)";
	case 0x12:
		return "Synchronous External abort on translation table walk or hardware update, level -2 (FEAT_D128)";
	case 0x13:
		return "Synchronous External abort on translation table walk or hardware update of translation table, "
		       "level -1 (FEAT_LPA2)";
	case 0x18:
		return "Synchronous parity or ECC error on memory access, not on translation table walk";
	case 0x1b:
		return "Synchronous parity or ECC error on translation table walk or hardware update, level -1";
	case 0x21:
		return "Alignment fault";
	case 0x22:
		return "Debug exception";
	case 0x23:
		return "Granule Protection Fault on translation table walk or hardware update, level -1 (FEAT_RME)";
	case 0x28:
		return "Granule Protection Fault, not on translation table walk or hardware update (FEAT_RME)";
	case 0x29:
		return "Address size fault, level -1 (FEAT_LPA2)";
	case 0x2a:
		return "Translation fault, level -2 (FEAT_D128)";
	case 0x2b:
		return "Translation fault, level -1 (FEAT_LPA2)";
	case 0x2c:
		return "Address size fault, level -2 (FEAT_D128)";
	case 0x30:
		return "TLB conflict abort";
	case 0x31:
		return "Unsupported atomic hardware update fault (FEAT_HAFDBS)";
	case 0x34:
		return "IMPLEMENTATION DEFINED fault (Lockdown)";
	case 0x35:
		return "IMPLEMENTATION DEFINED fault (Unsupported Exclusive or Atomic access)";
	default:
		return "reserved value";
	}
}

static int fsc_is_external(unsigned fsc)
{
	return fsc == 0x10 || fsc == 0x12 || fsc == 0x13 || (fsc >= 0x14 && fsc <= 0x17);
}

static void set_field(struct ex *x)
{
	static const char *const set[4] = { "Recoverable state (UER)", "reserved", "Uncontainable (UC)",
		                            "Restartable state (UEO)" };
	F(x, "SET", 12, 11, "Synchronous Error Type (FEAT_RAS): %s", set[get(x, 12, 11)]);
}

static void fnv_field(struct ex *x)
{
	B(x, "FnV", 10, "FAR is valid", "FAR is not valid: it holds an UNKNOWN value");
}

static void ea_field(struct ex *x)
{
	F(x, "EA", 9, 9, "External abort type: IMPLEMENTATION DEFINED classification of an External abort (%s)",
	  get(x, 9, 9) ? "1" : "0");
}

/* ---- the ISS encodings, one function per layout ------------------------------- */

static void iss_cond(struct ex *x)
{
	B(x, "CV", 24, "condition field not valid (the COND field holds 0b1110 or is UNKNOWN)",
	  "condition field valid (trap from AArch32)");
	F(x, "COND", 23, 20, "condition code of the trapped AArch32 instruction: 0x%llx",
	  (unsigned long long)get(x, 23, 20));
}

static void iss_wf(struct ex *x)
{
	static const char *const ti[4] = { "WFI", "WFE", "WFIT", "WFET" };
	iss_cond(x);
	F(x, "RN", 9, 5, "register holding the timeout of WFIT/WFET: %s", reg_x((unsigned)get(x, 9, 5)));
	B(x, "RV", 2, "RN is not valid", "RN is valid (FEAT_WFxT)");
	F(x, "TI", 1, 0, "trapped instruction: %s", ti[get(x, 1, 0)]);
}

static void iss_mcr(struct ex *x)
{
	iss_cond(x);
	F(x, "Opc2", 19, 17, "opc2 of the instruction: %llu", (unsigned long long)get(x, 19, 17));
	F(x, "Opc1", 16, 14, "opc1 of the instruction: %llu", (unsigned long long)get(x, 16, 14));
	F(x, "CRn", 13, 10, "CRn of the instruction: c%llu", (unsigned long long)get(x, 13, 10));
	F(x, "Rt", 9, 5, "transfer register (AArch64 view): %s", reg_x((unsigned)get(x, 9, 5)));
	F(x, "CRm", 4, 1, "CRm of the instruction: c%llu", (unsigned long long)get(x, 4, 1));
	B(x, "Direction", 0, "write to the System register (MCR/VMSR)", "read from the System register (MRC/VMRS)");
}

static void iss_mcrr(struct ex *x)
{
	iss_cond(x);
	F(x, "Opc1", 19, 16, "opc1 of the instruction: %llu", (unsigned long long)get(x, 19, 16));
	F(x, "Rt2", 14, 10, "second transfer register: %s", reg_x((unsigned)get(x, 14, 10)));
	F(x, "Rt", 9, 5, "first transfer register: %s", reg_x((unsigned)get(x, 9, 5)));
	F(x, "CRm", 4, 1, "CRm of the instruction: c%llu", (unsigned long long)get(x, 4, 1));
	B(x, "Direction", 0, "write to the System register (MCRR)", "read from the System register (MRRC)");
}

static void iss_ldc(struct ex *x)
{
	static const char *const am[8] = { "immediate unindexed", "immediate post-indexed", "immediate offset",
		                           "immediate pre-indexed", "reserved", "reserved", "reserved", "reserved" };
	iss_cond(x);
	F(x, "imm8", 19, 12, "immediate offset: %llu (words)", (unsigned long long)get(x, 19, 12));
	F(x, "Rn", 9, 5, "base register: %s", reg_x((unsigned)get(x, 9, 5)));
	B(x, "Offset", 4, "offset subtracted from the base", "offset added to the base");
	F(x, "AM", 3, 1, "addressing mode: %s", am[get(x, 3, 1)]);
	B(x, "Direction", 0, "write to memory (STC)", "read from memory (LDC)");
}

static void iss_fp_access(struct ex *x)
{
	iss_cond(x);
}

static void iss_ld64b(struct ex *x)
{
	static const char *const v[3] = { "ST64BV trapped", "ST64BV0 trapped", "LD64B or ST64B trapped" };
	uint64_t iss = get(x, 24, 0);
	F(x, "ISS", 24, 0, "%s", iss < 3 ? v[iss] : "reserved value");
}

static void iss_bti(struct ex *x)
{
	F(x, "BTYPE", 1, 0, "PSTATE.BTYPE that caused the Branch Target Exception: 0b%llu%llu",
	  (unsigned long long)get(x, 1, 1), (unsigned long long)get(x, 0, 0));
}

static void iss_imm16(struct ex *x, const char *what)
{
	F(x, "imm16", 15, 0, "immediate of the %s instruction: 0x%04llx", what, (unsigned long long)get(x, 15, 0));
}

static void iss_smc32(struct ex *x)
{
	iss_cond(x);
	B(x, "CCKNOWNPASS", 19, "the condition code check is not known to have passed",
	  "the instruction passed its condition code check");
}

static void sysreg_name(struct ex *x, unsigned op0, char *buf, size_t n)
{
	unsigned op2 = (unsigned)get(x, 19, 17), op1 = (unsigned)get(x, 16, 14), crn = (unsigned)get(x, 13, 10);
	unsigned crm = (unsigned)get(x, 4, 1);
	snprintf(buf, n, "S%u_%u_C%u_C%u_%u", op0, op1, crn, crm, op2);
	if (op0 == 1 && crn == 7) {
		static const struct {
			unsigned op1, crm, op2;
			const char *name;
		} dc[] = {
			{ 3, 4, 1, "DC ZVA" },    { 3, 4, 3, "DC GVA" },   { 3, 4, 4, "DC GZVA" },  { 0, 6, 1, "DC IVAC" },
			{ 0, 6, 2, "DC ISW" },    { 3, 10, 1, "DC CVAC" }, { 3, 11, 1, "DC CVAU" }, { 3, 12, 1, "DC CVAP" },
			{ 3, 13, 1, "DC CVADP" }, { 3, 14, 1, "DC CIVAC" }, { 3, 5, 1, "IC IVAU" }, { 0, 5, 0, "IC IALLU" },
			{ 0, 1, 0, "IC IALLUIS" }, { 0, 10, 2, "DC CSW" }, { 0, 14, 2, "DC CISW" },
		};
		for (size_t i = 0; i < sizeof(dc) / sizeof(dc[0]); i++)
			if (dc[i].op1 == op1 && dc[i].crm == crm && dc[i].op2 == op2)
				snprintf(buf, n, "%s (S%u_%u_C%u_C%u_%u)", dc[i].name, op0, op1, crn, crm, op2);
	}
}

static void iss_msr(struct ex *x)
{
	char name[48];
	unsigned op0 = (unsigned)get(x, 21, 20);
	sysreg_name(x, op0, name, sizeof(name));
	F(x, "Op0", 21, 20, "op0: %u (%s)", op0, op0 == 1 ? "SYS/SYSL instruction" : op0 == 0 ? "MSR (immediate) space" : "System register");
	F(x, "Op2", 19, 17, "op2: %llu", (unsigned long long)get(x, 19, 17));
	F(x, "Op1", 16, 14, "op1: %llu", (unsigned long long)get(x, 16, 14));
	F(x, "CRn", 13, 10, "CRn: C%llu", (unsigned long long)get(x, 13, 10));
	F(x, "Rt", 9, 5, "transfer register: %s", reg_x((unsigned)get(x, 9, 5)));
	F(x, "CRm", 4, 1, "CRm: C%llu  -> %s", (unsigned long long)get(x, 4, 1), name);
	B(x, "Direction", 0, "write (MSR, SYS)", "read (MRS, SYSL)");
}

static void iss_msrr(struct ex *x)
{
	char name[48];
	unsigned op0 = (unsigned)get(x, 21, 20);
	sysreg_name(x, op0, name, sizeof(name));
	F(x, "Op0", 21, 20, "op0: %u", op0);
	F(x, "Op2", 19, 17, "op2: %llu", (unsigned long long)get(x, 19, 17));
	F(x, "Op1", 16, 14, "op1: %llu", (unsigned long long)get(x, 16, 14));
	F(x, "CRn", 13, 10, "CRn: C%llu", (unsigned long long)get(x, 13, 10));
	F(x, "Rt", 9, 6, "first register of the pair: x%llu (Rt<4:1>; Rt+1 is the other)",
	  (unsigned long long)get(x, 9, 6) * 2);
	F(x, "CRm", 4, 1, "CRm: C%llu  -> %s", (unsigned long long)get(x, 4, 1), name);
	B(x, "Direction", 0, "write (MSRR, SYSP)", "read (MRRS)");
}

static void iss_eret(struct ex *x)
{
	B(x, "ERET", 1, "ERET", "ERETAA or ERETAB");
	B(x, "ERETA", 0, "key A (ERETAA) if ERET is 1", "key B (ERETAB) if ERET is 1");
}

static void iss_tstart(struct ex *x)
{
	F(x, "Rd", 9, 5, "destination register of TSTART: %s", reg_x((unsigned)get(x, 9, 5)));
}

static void iss_fpac(struct ex *x)
{
	B(x, "DnI", 1, "instruction key (IA/IB) failed", "data key (DA/DB) failed");
	B(x, "BnA", 0, "key A", "key B");
}

static void iss_sme(struct ex *x)
{
	static const char *const smtc[8] = {
		"access to SME functionality trapped by CPACR_EL1.SMEN, CPTR_EL2.SMEN/TSM or CPTR_EL3.ESM",
		"Advanced SIMD, SVE or SVE2 instruction trapped: illegal while PSTATE.SM is 1 (Streaming mode)",
		"SME instruction trapped because PSTATE.SM is 0",
		"SME instruction trapped because PSTATE.ZA is 0",
		"access to ZT0 trapped by SMCR_ELx.EZT0 (SME2)",
		"reserved", "reserved", "reserved",
	};
	F(x, "SMTC", 2, 0, "SME trap code: %s", smtc[get(x, 2, 0)]);
}

static void iss_gpc(struct ex *x)
{
	char buf[160];
	B(x, "S2PTW", 21, "not on a stage 2 translation table walk", "on a stage 2 translation table walk");
	B(x, "InD", 20, "data access", "instruction fetch");
	F(x, "GPCSC", 19, 14, "Granule Protection Check status code: 0x%02llx", (unsigned long long)get(x, 19, 14));
	B(x, "VNCR", 13, "not a VNCR_EL2 access", "access generated through VNCR_EL2 (FEAT_NV2)");
	B(x, "CM", 8, "not cache maintenance", "cache maintenance or address translation instruction");
	B(x, "S1PTW", 7, "not on a stage 1 translation table walk", "on a stage 1 translation table walk");
	B(x, "WnR", 6, "read", "write");
	F(x, "xFSC", 5, 0, "%s", fsc_text((unsigned)get(x, 5, 0), buf, sizeof(buf)));
}

static void iss_abort(struct ex *x, int data)
{
	char buf[200];
	unsigned fsc = (unsigned)get(x, 5, 0);
	int ext = fsc_is_external(fsc);

	if (data) {
		B(x, "ISV", 24, "no valid instruction syndrome: ISS[23:14] do not describe the access "
		                "(a pair, writeback, SIMD&FP, exclusive, atomic, structure or cache maintenance "
		                "instruction, or a stage 1 fault)",
		  "valid instruction syndrome: ISS[23:14] describe the access (one general-purpose register, no "
		  "writeback)");
		if (get(x, 24, 24)) {
			static const char *const sas[4] = { "byte", "halfword", "word", "doubleword" };
			unsigned srt = (unsigned)get(x, 20, 16);
			F(x, "SAS", 23, 22, "Syndrome Access Size: %s (%u bytes)", sas[get(x, 23, 22)], 1u << get(x, 23, 22));
			B(x, "SSE", 21, "no sign extension", "the loaded value is sign-extended");
			F(x, "SRT", 20, 16, "Syndrome Register Transfer: %s%s", srt == 31 ? "register 31 (XZR/WZR)" : "",
			  srt == 31 ? "" : reg_x(srt));
			B(x, "SF", 15, "32-bit register (W)", "64-bit register (X)");
			B(x, "AR", 14, "no acquire/release semantics", "acquire/release semantics (LDAR/STLR family)");
		} else {
			B(x, "TopLevel", 21, "not a fault on a top-level descriptor",
			  "fault on a top-level descriptor with 128-bit descriptors (FEAT_THE)");
			if (ext)
				F(x, "WU", 17, 16, "Write Update (FEAT_RASv2): %s",
				  get(x, 17, 16) == 0 ? "not a store, or the location might have been updated"
				  : get(x, 17, 16) == 2 ? "a store that did not update the location"
				  : get(x, 17, 16) == 3 ? "a store that updated the location" : "reserved");
			B(x, "FnP", 15, "FAR holds the faulting address (if FnV is 0)",
			  "FAR not Precise: any address within the naturally-aligned granule (SVE/SME)");
			if (ext)
				B(x, "PFV", 14, "PFAR_ELx is UNKNOWN", "PFAR_ELx holds the faulting physical address (FEAT_PFAR)");
		}
		B(x, "VNCR", 13, "not a VNCR_EL2-based access", "generated by a VNCR_EL2-based access (FEAT_NV2)");
		if (fsc == 0x10)
			set_field(x);
		else if (fsc == 0x35)
			F(x, "LST", 12, 11, "Load/Store Type (FEAT_LS64): %s",
			  (const char *const[]){ "not specified", "ST64BV", "LD64B or ST64B", "ST64BV0" }[get(x, 12, 11)]);
		if (fsc == 0x10)
			fnv_field(x);
		ea_field(x);
		B(x, "CM", 8, "not a cache maintenance instruction",
		  "cache maintenance or address translation instruction (DC/IC/AT)");
		B(x, "S1PTW", 7, "not on a stage 1 translation table walk",
		  "stage 2 fault on a stage 1 translation table walk (the guest's page tables are not in RAM)");
		B(x, "WnR", 6, "read from memory", "write to memory (also for cache maintenance and RMW)");
		F(x, "DFSC", 5, 0, "Data Fault Status Code: %s", fsc_text(fsc, buf, sizeof(buf)));
	} else {
		B(x, "TopLevel", 21, "not a fault on a top-level descriptor",
		  "fault on a top-level descriptor with 128-bit descriptors (FEAT_THE)");
		if (ext)
			B(x, "PFV", 14, "PFAR_ELx is UNKNOWN", "PFAR_ELx holds the faulting physical address (FEAT_PFAR)");
		if (fsc == 0x10) {
			set_field(x);
			fnv_field(x);
		}
		ea_field(x);
		B(x, "S1PTW", 7, "not on a stage 1 translation table walk", "stage 2 fault on a stage 1 translation table walk");
		F(x, "IFSC", 5, 0, "Instruction Fault Status Code: %s", fsc_text(fsc, buf, sizeof(buf)));
	}
}

static void iss_mops(struct ex *x)
{
	B(x, "MemInst", 24, "CPY* (memory copy)", "SET* (memory set)");
	B(x, "isSETG", 23, "not SETG*", "SETG* (also sets allocation tags)");
	F(x, "Options", 22, 19, "the options field of the instruction: 0b%llu%llu%llu%llu", (unsigned long long)get(x, 22, 22),
	  (unsigned long long)get(x, 21, 21), (unsigned long long)get(x, 20, 20), (unsigned long long)get(x, 19, 19));
	B(x, "FromEpilogue", 18, "taken on the main instruction (CPYM*/SETM*)", "taken on the epilogue (CPYE*/SETE*)");
	B(x, "WrongOption", 17, "the algorithm option is right; the register values are not (size/alignment)",
	  "the registers are in the format of the other algorithm option (e.g. migrated between CPUs)");
	B(x, "OptionA", 16, "the registers are in Option B format", "the registers are in Option A format");
	F(x, "destreg", 14, 10, "destination address register: %s", reg_x((unsigned)get(x, 14, 10)));
	F(x, "srcreg", 9, 5, "%s register: %s", get(x, 24, 24) ? "source data (SET*: the value)" : "source address",
	  reg_x((unsigned)get(x, 9, 5)));
	F(x, "sizereg", 4, 0, "size register: %s", reg_x((unsigned)get(x, 4, 0)));
}

static void iss_fp_exc(struct ex *x, int aarch32)
{
	B(x, "TFV", 23, "the IDF/IXF/UFF/OFF/DZF/IOF bits are UNKNOWN",
	  "the bits below say which floating-point exceptions occurred");
	if (aarch32)
		F(x, "VECITR", 10, 8, "number of remaining vector iterations (AArch32 vector ops): %llu",
		  (unsigned long long)get(x, 10, 8));
	B(x, "IDF", 7, "-", "Input Denormal exception");
	B(x, "IXF", 4, "-", "Inexact exception");
	B(x, "UFF", 3, "-", "Underflow exception");
	B(x, "OFF", 2, "-", "Overflow exception");
	B(x, "DZF", 1, "-", "Divide by Zero exception");
	B(x, "IOF", 0, "-", "Invalid Operation exception");
}

static void iss_gcs(struct ex *x)
{
	static const char *const it[16] = { "RET", "GCSPOPM", "RETAA", "RETAB", "GCSSS1", "GCSSS2", "reserved",
		                            "reserved", "GCSPOPCX", "GCSPOPX", "reserved", "reserved", "reserved",
		                            "reserved", "reserved", "reserved" };
	unsigned type = (unsigned)get(x, 23, 20);
	F(x, "ExType", 23, 20, "GCS exception type: %s",
	  type == 0 ? "GCS data check exception" : type == 1 ? "EXLOCK exception"
	  : type == 2 ? "trapped GCSSTR or GCSSTTR" : "reserved");
	if (type == 2)
		F(x, "Raddr", 14, 10, "address register of the GCSSTR/GCSSTTR: %s", reg_x((unsigned)get(x, 14, 10)));
	if (type != 1)
		F(x, "Rn", 9, 5, "register operand of the instruction: %s", reg_x((unsigned)get(x, 9, 5)));
	if (type == 0) {
		unsigned v = (unsigned)get(x, 4, 0);
		F(x, "IT", 4, 0, "instruction type of the data check: %s", v < 16 ? it[v] : "reserved");
	}
}

static void iss_serror(struct ex *x)
{
	static const char *const aet[8] = { "Uncontainable (UC)", "Unrecoverable state (UEU)", "Restartable state (UEO)",
		                            "Recoverable state (UER)", "reserved", "reserved", "Corrected (CE)",
		                            "reserved" };
	unsigned dfsc = (unsigned)get(x, 5, 0);
	B(x, "IDS", 24, "the ISS has the architected format", "IMPLEMENTATION DEFINED syndrome");
	if (get(x, 24, 24)) {
		F(x, "ISS", 23, 0, "IMPLEMENTATION DEFINED: 0x%06llx", (unsigned long long)get(x, 23, 0));
		return;
	}
	if (dfsc == 0x11) {
		B(x, "ELS", 18, "asynchronous: ELR_ELx does not identify the trigger",
		  "the exception was triggered by the instruction at ELR_ELx (FEAT_RASv2)");
		F(x, "WU", 17, 16, "Write Update: %s",
		  get(x, 17, 16) == 0 ? "not a store, or the location might have been updated"
		  : get(x, 17, 16) == 2 ? "a store that did not update the location"
		  : get(x, 17, 16) == 3 ? "a store that updated the location" : "reserved");
		B(x, "VFV", 15, "FAR_ELx is not valid", "FAR_ELx holds a virtual address associated with the error");
		B(x, "PFV", 14, "PFAR_ELx is UNKNOWN", "PFAR_ELx holds the physical address (FEAT_PFAR)");
		B(x, "IESB", 13, "not synchronized by an implicit error synchronization event",
		  "synchronized by the implicit error synchronization event and taken immediately");
		F(x, "AET", 12, 10, "Asynchronous Error Type: %s", aet[get(x, 12, 10)]);
		ea_field(x);
		B(x, "WnRV", 7, "WnR is not valid", "WnR is valid");
		B(x, "WnR", 6, "read", "write");
	}
	F(x, "DFSC", 5, 0, "%s", dfsc == 0 ? "Uncategorized error" : dfsc == 0x11 ? "Asynchronous SError exception"
	                                                                          : "reserved value");
}

static void iss_debug_fsc(struct ex *x, const char *name)
{
	char buf[160];
	F(x, name, 5, 0, "%s", fsc_text((unsigned)get(x, 5, 0), buf, sizeof(buf)));
}

static void iss_softstep(struct ex *x)
{
	B(x, "ISV", 24, "EX is not valid", "EX is valid");
	if (get(x, 24, 24))
		B(x, "EX", 6, "the stepped instruction was not a Load-Exclusive",
		  "a Load-Exclusive instruction was stepped");
	iss_debug_fsc(x, "IFSC");
}

static void iss_watchpoint(struct ex *x)
{
	F(x, "WPT", 23, 18, "number of the watchpoint that was triggered (if WPTV): %llu",
	  (unsigned long long)get(x, 23, 18));
	B(x, "WPTV", 17, "WPT is not valid", "WPT is valid (FEAT_Debugv8p9)");
	B(x, "WPF", 16, "FAR holds an address within the watchpoint", "FAR might be outside the watchpoint (imprecise)");
	B(x, "FnP", 15, "FAR holds the watchpointed address", "FAR not Precise");
	B(x, "VNCR", 13, "not a VNCR_EL2-based access", "generated by a VNCR_EL2-based access (FEAT_NV2)");
	B(x, "FnV", 10, "FAR is valid", "FAR is not valid");
	B(x, "CM", 8, "not a cache maintenance instruction", "cache maintenance instruction");
	B(x, "WnR", 6, "a read triggered the watchpoint", "a write triggered the watchpoint");
	iss_debug_fsc(x, "DFSC");
}

static void iss_comment(struct ex *x, const char *what)
{
	F(x, "Comment", 15, 0, "the immediate of the %s instruction: 0x%04llx", what, (unsigned long long)get(x, 15, 0));
}

static void iss_pmu(struct ex *x)
{
	B(x, "SYNC", 0, "asynchronous PMU exception", "synchronous PMU exception (FEAT_SEBEP)");
}

/* ---- the EC table ---------------------------------------------------------------- */

struct ec_info {
	uint8_t ec;
	const char *name;
	const char *iss_name;
};

static const struct ec_info ecs[] = {
	{ 0x00, "Unknown reason (UNDEFINED instruction, or a trap with no other class)", "unknown reason" },
	{ 0x01, "Trapped WF* instruction execution (WFI, WFE, WFIT, WFET)", "WF* instruction" },
	{ 0x03, "Trapped MCR or MRC access with coproc == 0b1111 (AArch32)", "MCR or MRC access" },
	{ 0x04, "Trapped MCRR or MRRC access with coproc == 0b1111 (AArch32)", "MCRR or MRRC access" },
	{ 0x05, "Trapped MCR or MRC access with coproc == 0b1110 (AArch32)", "MCR or MRC access" },
	{ 0x06, "Trapped LDC or STC access (AArch32)", "LDC or STC instruction" },
	{ 0x07, "Access to SME, SVE, Advanced SIMD or floating-point trapped (CPACR_EL1.FPEN, CPTR_ELx)",
	  "SVE/SIMD/FP access" },
	{ 0x08, "Trapped VMRS access from ID group traps (AArch32, to EL2)", "MCR or MRC access" },
	{ 0x09, "Trapped Pointer Authentication instruction (HCR_EL2.API, SCR_EL3.API)", "RES0" },
	{ 0x0a, "Trapped execution of an LD64B or ST64B* instruction (FEAT_LS64)", "LD64B or ST64B* instruction" },
	{ 0x0c, "Trapped MRRC access with coproc == 0b1110 (AArch32)", "MCRR or MRRC access" },
	{ 0x0d, "Branch Target Exception (FEAT_BTI)", "Branch Target Identification" },
	{ 0x0e, "Illegal Execution state", "RES0" },
	{ 0x11, "SVC instruction execution in AArch32 state", "HVC or SVC" },
	{ 0x12, "HVC instruction execution in AArch32 state (to EL2)", "HVC or SVC" },
	{ 0x13, "SMC instruction execution in AArch32 state", "SMC (AArch32)" },
	{ 0x14, "Trapped MSRR, MRRS or 128-bit System instruction (FEAT_SYSREG128/SYSINSTR128)",
	  "MSRR, MRRS or 128-bit System instruction" },
	{ 0x15, "SVC instruction execution in AArch64 state", "HVC or SVC" },
	{ 0x16, "HVC instruction execution in AArch64 state", "HVC or SVC" },
	{ 0x17, "SMC instruction execution in AArch64 state", "SMC (AArch64)" },
	{ 0x18, "Trapped MSR, MRS or System instruction execution in AArch64 state", "MSR, MRS or System instruction" },
	{ 0x19, "Access to SVE functionality trapped (CPACR_EL1.ZEN, CPTR_EL2.ZEN/TZ, CPTR_EL3.EZ)", "RES0" },
	{ 0x1a, "Trapped ERET, ERETAA or ERETAB (FEAT_NV, to EL2)", "ERET, ERETAA or ERETAB" },
	{ 0x1b, "Trapped TSTART (FEAT_TME)", "TSTART" },
	{ 0x1c, "PAC Fail: pointer authentication failure (FEAT_FPAC)", "PAC Fail" },
	{ 0x1d, "Access to SME functionality trapped (FEAT_SME)", "SME functionality" },
	{ 0x1e, "Granule Protection Check exception (FEAT_RME, to EL3)", "Granule Protection Check" },
	{ 0x1f, "IMPLEMENTATION DEFINED exception to EL3", "IMPLEMENTATION DEFINED" },
	{ 0x20, "Instruction Abort from a lower Exception level", "Instruction Abort" },
	{ 0x21, "Instruction Abort taken without a change in Exception level", "Instruction Abort" },
	{ 0x22, "PC alignment fault", "RES0" },
	{ 0x24, "Data Abort from a lower Exception level", "Data Abort" },
	{ 0x25, "Data Abort taken without a change in Exception level", "Data Abort" },
	{ 0x26, "SP alignment fault", "RES0" },
	{ 0x27, "Memory Operation Exception: CPY*/SET* (FEAT_MOPS)", "Memory Copy and Memory Set" },
	{ 0x28, "Trapped floating-point exception taken from AArch32 state", "trapped floating-point exception" },
	{ 0x2c, "Trapped floating-point exception taken from AArch64 state", "trapped floating-point exception" },
	{ 0x2d, "GCS exception (FEAT_GCS)", "GCS exception" },
	{ 0x2f, "SError exception", "SError" },
	{ 0x30, "Breakpoint exception from a lower Exception level", "Breakpoint or Vector Catch" },
	{ 0x31, "Breakpoint exception taken without a change in Exception level", "Breakpoint or Vector Catch" },
	{ 0x32, "Software Step exception from a lower Exception level", "Software Step" },
	{ 0x33, "Software Step exception taken without a change in Exception level", "Software Step" },
	{ 0x34, "Watchpoint exception from a lower Exception level", "Watchpoint" },
	{ 0x35, "Watchpoint exception taken without a change in Exception level", "Watchpoint" },
	{ 0x38, "BKPT instruction execution in AArch32 state", "Breakpoint instruction" },
	{ 0x3a, "Vector Catch exception (AArch32, to EL2)", "Breakpoint or Vector Catch" },
	{ 0x3c, "BRK instruction execution in AArch64 state", "Breakpoint instruction" },
	{ 0x3d, "PMU exception (FEAT_EBEP)", "PMU exception" },
};

static const struct ec_info *ec_lookup(unsigned ec)
{
	for (size_t i = 0; i < sizeof(ecs) / sizeof(ecs[0]); i++)
		if (ecs[i].ec == ec)
			return &ecs[i];
	return NULL;
}

static void decode_iss(struct ex *x, unsigned ec)
{
	switch (ec) {
	case 0x01: iss_wf(x); break;
	case 0x03: case 0x05: case 0x08: iss_mcr(x); break;
	case 0x04: case 0x0c: iss_mcrr(x); break;
	case 0x06: iss_ldc(x); break;
	case 0x07: iss_fp_access(x); break;
	case 0x0a: iss_ld64b(x); break;
	case 0x0d: iss_bti(x); break;
	case 0x11: case 0x15: iss_imm16(x, "SVC"); break;
	case 0x12: case 0x16: iss_imm16(x, "HVC"); break;
	case 0x13: iss_smc32(x); break;
	case 0x14: iss_msrr(x); break;
	case 0x17: iss_imm16(x, "SMC"); break;
	case 0x18: iss_msr(x); break;
	case 0x1a: iss_eret(x); break;
	case 0x1b: iss_tstart(x); break;
	case 0x1c: iss_fpac(x); break;
	case 0x1d: iss_sme(x); break;
	case 0x1e: iss_gpc(x); break;
	case 0x1f: F(x, "ISS", 24, 0, "IMPLEMENTATION DEFINED: 0x%07llx", (unsigned long long)get(x, 24, 0)); break;
	case 0x20: case 0x21: iss_abort(x, 0); break;
	case 0x24: case 0x25: iss_abort(x, 1); break;
	case 0x27: iss_mops(x); break;
	case 0x28: iss_fp_exc(x, 1); break;
	case 0x2c: iss_fp_exc(x, 0); break;
	case 0x2d: iss_gcs(x); break;
	case 0x2f: iss_serror(x); break;
	case 0x30: case 0x31: case 0x3a: iss_debug_fsc(x, "IFSC"); break;
	case 0x32: case 0x33: iss_softstep(x); break;
	case 0x34: case 0x35: iss_watchpoint(x); break;
	case 0x38: iss_comment(x, "BKPT"); break;
	case 0x3c: iss_comment(x, "BRK"); break;
	case 0x3d: iss_pmu(x); break;
	default: break; /* RES0 ISS, or an unallocated EC */
	}
	res0_gaps(x, 24, 0);
}

static void decode_iss2(struct ex *x, unsigned ec)
{
	if (ec == 0x24 || ec == 0x25) {
		B(x, "HDBSSF", 43, "not caused by the HDBSS", "caused by the Hardware Dirty state tracking Structure (FEAT_HDBSS)");
		B(x, "TnD", 42, "not due to an Allocation Tag write",
		  "stage 1 Permission fault on a write of an Allocation Tag to Canonically Tagged memory");
		B(x, "TagAccess", 41, "not due to NoTagAccess", "stage 2 Permission fault due to the NoTagAccess attribute");
		B(x, "GCS", 40, "not a Guarded Control Stack access", "Guarded Control Stack data access (FEAT_GCS)");
		B(x, "AssuredOnly", 39, "not due to AssuredOnly", "stage 2 fault due to AssuredOnly (FEAT_THE)");
		B(x, "Overlay", 38, "not due to Overlay Permissions", "Permission fault due to Overlay Permissions (FEAT_S1POE/S2POE)");
		B(x, "DirtyBit", 37, "not due to dirty state", "Permission fault due to dirty state with Indirect Permissions");
		F(x, "Xs", 36, 32, "register Xs of an ST64BV/ST64BV0 that faulted (FEAT_LS64_V/ACCDATA): %s",
		  reg_x((unsigned)get(x, 36, 32)));
	} else if (ec == 0x20 || ec == 0x21) {
		B(x, "AssuredOnly", 39, "not due to AssuredOnly", "stage 2 fault due to AssuredOnly (FEAT_THE)");
		B(x, "Overlay", 38, "not due to Overlay Permissions", "Permission fault due to Overlay Permissions");
	} else if (ec == 0x34 || ec == 0x35) {
		B(x, "GCS", 40, "not a Guarded Control Stack access", "the watchpoint hit a Guarded Control Stack data access");
	}
	res0_gaps(x, 55, 32);
}

/* ---- --insn: the instruction behind a data abort ------------------------------- */

/* Would the hardware report ISV=1 for a stage 2 abort on this instruction? */
static int hw_isv(const nisv_insn *d, const char **why)
{
	if (d->op == NISV_OP_NONE)
		return *why = "not a memory instruction", 0;
	if (d->op == NISV_OP_LOAD_EXCL || d->op == NISV_OP_STORE_EXCL)
		return *why = "exclusives are reported with ISV=0", 0;
	if (d->op == NISV_OP_ATOMIC || d->op == NISV_OP_CAS || d->op == NISV_OP_CASP)
		return *why = "atomics and compare-and-swap are reported with ISV=0", 0;
	if (d->op >= NISV_OP_LD_MULTI && d->op <= NISV_OP_LD_REPL)
		return *why = "SIMD structure loads/stores are reported with ISV=0", 0;
	if (d->op >= NISV_OP_DC_ZVA)
		return *why = "DC instructions are reported with ISV=0 (cache maintenance sets CM)", 0;
	if (d->op == NISV_OP_PREFETCH)
		return *why = "a prefetch never faults", 0;
	if (d->nregs == 2)
		return *why = "pairs (LDP/STP/LDNP/STNP/LDPSW/STGP) are reported with ISV=0", 0;
	if (d->rclass == NISV_RC_V)
		return *why = "SIMD&FP register loads/stores are reported with ISV=0", 0;
	if (d->addr == NISV_AM_PRE || d->addr == NISV_AM_POST)
		return *why = "writeback forms are reported with ISV=0", 0;
	return *why = "a load/store of a single general-purpose register without writeback", 1;
}

struct check {
	const char *name;
	int ok;
	char text[160];
};

static unsigned syndrome_checks(uint64_t esr, const nisv_insn *d, int isv_expected, struct check *c)
{
	unsigned n = 0, isv = (esr >> 24) & 1, wnr = (esr >> 6) & 1, cm = (esr >> 8) & 1;
	int writes = !strcmp(access_kind(d), "write") || !strcmp(access_kind(d), "zero");
	int rmw = !strcmp(access_kind(d), "read-modify-write");
	int maint = d->op == NISV_OP_DC_MAINT;

	c[n] = (struct check){ "ISV", (int)isv == isv_expected, "" };
	snprintf(c[n].text, sizeof(c[n].text), "ESR has ISV=%u, the hardware gives ISV=%d for this instruction", isv,
	         isv_expected);
	n++;
	c[n] = (struct check){ "CM", (int)cm == maint, "" };
	snprintf(c[n].text, sizeof(c[n].text), "ESR has CM=%u; the instruction %s cache maintenance", cm,
	         maint ? "is" : "is not");
	n++;
	c[n] = (struct check){ "WnR", rmw || (int)wnr == (writes || maint), "" };
	snprintf(c[n].text, sizeof(c[n].text), "ESR has WnR=%u; the instruction %s", wnr,
	         rmw ? "reads and writes (either value)" : writes || maint ? "writes (WnR=1)" : "reads (WnR=0)");
	n++;
	if (isv && isv_expected) {
		unsigned sas = (esr >> 22) & 3, sse = (esr >> 21) & 1, srt = (esr >> 16) & 31, sf = (esr >> 15) & 1,
		         ar = (esr >> 14) & 1;
		int want_sse = (d->flags & NISV_F_SIGNED) != 0, want_sf = d->rclass == NISV_RC_X;
		int want_ar = (d->flags & (NISV_F_ACQUIRE | NISV_F_RELEASE)) != 0;
		c[n] = (struct check){ "SAS", sas == d->esize_log2, "" };
		snprintf(c[n].text, sizeof(c[n].text), "SAS=%u (%u bytes); the access is %u bytes", sas, 1u << sas,
		         1u << d->esize_log2);
		n++;
		c[n] = (struct check){ "SSE", (int)sse == want_sse, "" };
		snprintf(c[n].text, sizeof(c[n].text), "SSE=%u; the instruction %s", sse,
		         want_sse ? "sign-extends" : "does not sign-extend");
		n++;
		c[n] = (struct check){ "SRT", srt == d->rt, "" };
		snprintf(c[n].text, sizeof(c[n].text), "SRT=%u; the transfer register is %u", srt, d->rt);
		n++;
		c[n] = (struct check){ "SF", (int)sf == want_sf, "" };
		snprintf(c[n].text, sizeof(c[n].text), "SF=%u; the register is %s", sf, want_sf ? "X (64-bit)" : "W (32-bit)");
		n++;
		c[n] = (struct check){ "AR", (int)ar == want_ar, "" };
		snprintf(c[n].text, sizeof(c[n].text), "AR=%u; the instruction %s acquire/release semantics", ar,
		         want_ar ? "has" : "has no");
		n++;
	}
	return n;
}

/* What src/trap.c does with this abort. */
static void nisv_action(uint64_t esr, const nisv_insn *d, int have_insn, char *out, size_t n)
{
	unsigned ec = (esr >> 26) & 0x3f;
	char text[128];

	if (ec != 0x24 && ec != 0x25) {
		snprintf(out, n, "not a data abort: nisv_handle_abort returns NISV_INVALID_ARGUMENT (only EC 0x24/0x25, "
		                 "or an ISS-only value with NISV_ABORT_ISS_ONLY)");
		return;
	}
	if (esr & (1u << 7)) {
		snprintf(out, n, "S1PTW=1: the guest's own page tables are not in RAM; nisv walks FAR (when given) to find "
		                 "the level and takes a synchronous External abort on translation table walk (DFSC "
		                 "0x14+level; without FAR: DFSC 0x10); a walk that now succeeds gives NISV_RETRY; "
		                 "nothing is fetched");
		return;
	}
	if (esr & (1u << 8)) {
		snprintf(out, n, "CM=1: cache maintenance on the trapped page; nisv completes it (PC += 4, NISV_OK) "
		                 "without touching any device");
		return;
	}
	if (esr & (1u << 24)) {
		static const char *const sas[4] = { "byte", "halfword", "word", "doubleword" };
		snprintf(out, n, "ISV=1: the syndrome path: %s of a %s %s%u at the IPA (%s%s), no fetch, no walk; "
		                 "then PC += 4",
		         esr & (1u << 6) ? "store" : "load", sas[(esr >> 22) & 3], esr & (1u << 15) ? "x" : "w",
		         (unsigned)(esr >> 16) & 31, esr & (1u << 21) ? "sign-extended, " : "",
		         esr & (1u << 14) ? "acquire/release" : "no ordering");
		return;
	}
	if (!have_insn) {
		snprintf(out, n, "ISV=0: nisv fetches the word at PC through stage 1, decodes it and emulates it; an "
		                 "access that does not cover the reported IPA/FAR gives NISV_RETRY (stale fault)");
		return;
	}
	format_insn(d, 0, text, sizeof(text));
	if (d->op == NISV_OP_NONE)
		snprintf(out, n, "ISV=0: nisv fetches the word at PC, which it does not emulate: a word in the "
		                 "load/store or SVE encoding space gets a synchronous External abort (DFSC 0x10), any "
		                 "other word an UNDEFINED exception (EC 0x00)");
	else if (d->op == NISV_OP_PREFETCH)
		snprintf(out, n, "ISV=0: nisv fetches '%s'; a prefetch never faults, so the trap is stale: NISV_RETRY",
		         text);
	else
		snprintf(out, n, "ISV=0: nisv fetches the word at PC, decodes '%s' and emulates it (stage 1 walk, "
		                 "checks, then the %s access through the memory callbacks; registers written, "
		                 "PC += 4); if the access does not cover the reported IPA (and FAR): NISV_RETRY",
		         text, access_kind(d));
}

/* "Data Abort taken without a change in Exception level: Alignment fault" */
const char *esr_summary(uint64_t esr, char *buf, size_t n)
{
	unsigned ec = (unsigned)(esr >> 26) & 0x3f;
	const struct ec_info *e = ec_lookup(ec);
	char fsc[200];

	if (ec == 0x20 || ec == 0x21 || ec == 0x24 || ec == 0x25)
		snprintf(buf, n, "%s: %s", e->name, fsc_text((unsigned)esr & 0x3f, fsc, sizeof(fsc)));
	else
		snprintf(buf, n, "%s", e ? e->name : "unallocated EC value");
	return buf;
}

/* ---- output ------------------------------------------------------------------- */

static int cmp_field(const void *a, const void *b)
{
	const struct fieldout *x = a, *y = b;
	return (int)y->hi - (int)x->hi;
}

static void bits_text(const struct fieldout *f, char *buf, size_t n)
{
	if (f->hi == f->lo)
		snprintf(buf, n, "[%u]", f->hi);
	else
		snprintf(buf, n, "[%u:%u]", f->hi, f->lo);
}

static void print_fields(struct ex *x, unsigned from, unsigned to, int json, const char *key)
{
	char b[16];

	if (json)
		json_begin_array(key);
	for (unsigned i = from; i < to; i++) {
		const struct fieldout *f = &x->f[i];
		bits_text(f, b, sizeof(b));
		if (json) {
			json_begin_object(NULL);
			json_str("name", f->name);
			json_str("bits", b);
			json_hex("value", f->value);
			json_str("meaning", f->meaning);
			if (f->warn)
				json_bool("res0_violation", 1);
			json_end_object();
		} else {
			printf("    %-12s %-8s 0x%-6llx %s%s\n", f->name, b, (unsigned long long)f->value, f->meaning,
			       f->warn ? "  (WARNING: RES0 bits set)" : "");
		}
	}
	if (json)
		json_end_array();
}

int cmd_explain(int argc, char **argv)
{
	static struct ex x;
	const char *esr_arg = NULL;
	int json = 0, have_insn = 0;
	uint32_t word = 0;
	uint64_t pc = 0;
	nisv_insn d;
	char line[512];

	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--json")) {
			json = 1;
		} else if (!strcmp(argv[i], "--insn")) {
			if (i + 1 >= argc)
				return usage_error("--insn needs an instruction word", NULL);
			if (parse_word(argv[++i], &word))
				return usage_error("--insn: not a 32-bit hex instruction word", argv[i]);
			have_insn = 1;
		} else if (!strcmp(argv[i], "--pc")) {
			if (i + 1 >= argc)
				return usage_error("--pc needs an address", NULL);
			if (parse_u64(argv[++i], &pc))
				return usage_error("--pc: not a 64-bit number", argv[i]);
		} else if (argv[i][0] == '-' && argv[i][1] == '-') {
			return usage_error("explain: unknown option", argv[i]);
		} else if (esr_arg) {
			return usage_error("explain takes one ESR value; extra argument", argv[i]);
		} else {
			esr_arg = argv[i];
		}
	}
	if (!esr_arg)
		return usage_error("explain needs an ESR value (e.g. nisv explain 0x93c08007)", NULL);
	if (parse_u64(esr_arg, &x.esr)) {
		/* hex without 0x is the usual way ESRs are printed */
		char tmp[40];
		if (strlen(esr_arg) > 16 || snprintf(tmp, sizeof(tmp), "0x%s", esr_arg) < 0 || parse_u64(tmp, &x.esr))
			return usage_error("not a 64-bit ESR value", esr_arg);
	}

	unsigned ec = (unsigned)get(&x, 31, 26);
	const struct ec_info *e = ec_lookup(ec);
	x.nf = 0;
	x.covered = 0;
	decode_iss(&x, ec);
	unsigned iss_end = x.nf;
	decode_iss2(&x, ec);
	unsigned iss2_end = x.nf;
	qsort(x.f, iss_end, sizeof(x.f[0]), cmp_field);
	qsort(x.f + iss_end, iss2_end - iss_end, sizeof(x.f[0]), cmp_field);
	uint64_t top = x.esr >> 56;
	int isv_expected = 0;
	const char *isv_why = "";
	if (have_insn) {
		nisv_decode(word, &d);
		isv_expected = hw_isv(&d, &isv_why);
	}

	if (json) {
		json_begin_object(NULL);
		json_hex("esr", x.esr);
		json_begin_object("ec");
		json_hex("value", ec);
		json_str("name", e ? e->name : "unallocated EC value");
		json_str("iss_encoding", e ? e->iss_name : "none");
		json_end_object();
		json_begin_object("il");
		json_u64("value", get(&x, 25, 25));
		json_str("meaning", get(&x, 25, 25) ? "32-bit instruction trapped (or an exception for which IL is 1)"
		                                     : "16-bit instruction trapped (T32)");
		json_end_object();
		json_hex("iss", get(&x, 24, 0));
		print_fields(&x, 0, iss_end, 1, "iss_fields");
		json_hex("iss2", get(&x, 55, 32));
		print_fields(&x, iss_end, iss2_end, 1, "iss2_fields");
		json_bool("res0_violation", top != 0 || !e);
	} else {
		printf("ESR 0x%016llx\n", (unsigned long long)x.esr);
		printf("  EC   [31:26] 0x%02x  %s\n", ec, e ? e->name : "unallocated EC value");
		printf("  IL   [25]    %u     %s\n", (unsigned)get(&x, 25, 25),
		       get(&x, 25, 25) ? "32-bit instruction trapped (or an exception for which IL is 1)"
		                       : "16-bit instruction trapped (T32)");
		printf("  ISS  [24:0]  0x%07llx  (ISS encoding for %s)\n", (unsigned long long)get(&x, 24, 0),
		       e ? e->iss_name : "an unallocated EC: none");
		print_fields(&x, 0, iss_end, 0, NULL);
		printf("  ISS2 [55:32] 0x%06llx\n", (unsigned long long)get(&x, 55, 32));
		print_fields(&x, iss_end, iss2_end, 0, NULL);
		if (top)
			printf("  RES0 [63:56] 0x%02llx  WARNING: RES0 bits set\n", (unsigned long long)top);
	}

	if (have_insn) {
		char text[128], acc[512];
		struct check c[8];
		unsigned nc = 0;
		format_insn(&d, pc, text, sizeof(text));
		format_access(&d, acc, sizeof(acc));
		if ((ec == 0x24 || ec == 0x25) && d.op != NISV_OP_NONE)
			nc = syndrome_checks(x.esr, &d, isv_expected, c);
		if (json) {
			json_begin_object("insn");
			json_hex("word", word);
			json_bool("memory", d.op != NISV_OP_NONE);
			json_str("text", text);
			if (d.op != NISV_OP_NONE)
				json_access(&d);
			json_bool("hardware_isv", isv_expected);
			json_str("hardware_isv_reason", isv_why);
			json_begin_array("syndrome_checks");
			for (unsigned i = 0; i < nc; i++) {
				json_begin_object(NULL);
				json_str("field", c[i].name);
				json_bool("agrees", c[i].ok);
				json_str("detail", c[i].text);
				json_end_object();
			}
			json_end_array();
			json_end_object();
		} else {
			printf("instruction %08x  %s\n", word, text);
			printf("  access: %s\n", acc);
			printf("  hardware ISV: %d (%s)\n", isv_expected, isv_why);
			if (nc)
				printf("  syndrome vs instruction:\n");
			else
				printf("  syndrome vs instruction: nothing to compare (%s)\n",
				       d.op == NISV_OP_NONE ? "not a memory instruction" : "not a data abort");
			for (unsigned i = 0; i < nc; i++)
				printf("    %-4s %-8s %s\n", c[i].name, c[i].ok ? "agrees" : "DIFFERS", c[i].text);
		}
	}
	nisv_action(x.esr, &d, have_insn, line, sizeof(line));
	if (json) {
		json_str("nisv", line);
		json_end_object();
		json_done();
	} else {
		printf("nisv: %s\n", line);
	}
	return EXIT_DONE;
}
