/*
 * The ESR_ELx dictionary as data (see esr.h): the exception classes, the
 * fault status codes, and one row per field of each class's ISS and ISS2,
 * from the Arm ARM (DDI 0487), "ESR_EL1"/"ESR_EL2". A new field or class is
 * a new row; esr_fields.c sorts the fields by bit and fills RES0 around them.
 */
#include "esr.h"

/* ---- exception classes ---------------------------------------------------------- */

const struct esr_class esr_classes[] = {
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
	{ 0x0a, "Trapped execution of an LD64B, ST64B*, TSB CSYNC or PSB CSYNC instruction (FEAT_LS64, FEAT_TRBE, "
	        "FEAT_SPE)",
	  "LD64B or ST64B* instruction" },
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
const size_t esr_class_count = sizeof(esr_classes) / sizeof(esr_classes[0]);

/* ---- fault status codes: lo, hi, external abort, text ------------------------------ */

const struct esr_fsc esr_fscs[] = {
	{ 0x00, 0x03, 0, "Address size fault, level {}" },
	{ 0x04, 0x07, 0, "Translation fault, level {}" },
	{ 0x08, 0x0b, 0, "Access flag fault, level {}" },
	{ 0x0c, 0x0f, 0, "Permission fault, level {}" },
	{ 0x10, 0x10, 1, "Synchronous External abort, not on translation table walk or hardware update of translation "
	                 "table" },
	{ 0x11, 0x11, 0, "Synchronous Tag Check Fault (FEAT_MTE2)" },
	{ 0x12, 0x12, 1, "Synchronous External abort on translation table walk or hardware update of translation "
	                 "table, level -2 (FEAT_D128)" },
	{ 0x13, 0x13, 1, "Synchronous External abort on translation table walk or hardware update of translation "
	                 "table, level -1 (FEAT_LPA2)" },
	{ 0x14, 0x17, 1, "Synchronous External abort on translation table walk or hardware update of translation "
	                 "table, level {}" },
	{ 0x18, 0x18, 0, "Synchronous parity or ECC error on memory access, not on translation table walk" },
	{ 0x1b, 0x1b, 0, "Synchronous parity or ECC error on memory access on translation table walk or hardware "
	                 "update of translation table, level -1" },
	{ 0x1c, 0x1f, 0, "Synchronous parity or ECC error on memory access on translation table walk or hardware "
	                 "update of translation table, level {}" },
	{ 0x21, 0x21, 0, "Alignment fault" },
	/* 0x22 is not a debug event in AArch64 abort syndromes (that is the AArch32
	 * DFSR/IFSR meaning); the debug classes name it themselves (C_BRKPT etc.) */
	{ 0x22, 0x22, 0, "Granule Protection Fault on translation table walk or hardware update of translation "
	                 "table, level -2 (FEAT_RME, FEAT_D128)" },
	{ 0x23, 0x23, 0, "Granule Protection Fault on translation table walk or hardware update of translation "
	                 "table, level -1 (FEAT_RME, FEAT_LPA2)" },
	{ 0x24, 0x27, 0, "Granule Protection Fault on translation table walk or hardware update of translation "
	                 "table, level {} (FEAT_RME)" },
	{ 0x28, 0x28, 0, "Granule Protection Fault, not on translation table walk or hardware update of translation "
	                 "table (FEAT_RME)" },
	{ 0x29, 0x29, 0, "Address size fault, level -1 (FEAT_LPA2)" },
	{ 0x2a, 0x2a, 0, "Translation fault, level -2 (FEAT_D128)" },
	{ 0x2b, 0x2b, 0, "Translation fault, level -1 (FEAT_LPA2)" },
	{ 0x2c, 0x2c, 0, "Address Size fault, level -2 (FEAT_D128)" },
	{ 0x30, 0x30, 0, "TLB conflict abort" },
	{ 0x31, 0x31, 0, "Unsupported atomic hardware update fault (FEAT_HAFDBS)" },
	{ 0x34, 0x34, 0, "IMPLEMENTATION DEFINED fault (Lockdown)" },
	{ 0x35, 0x35, 0, "IMPLEMENTATION DEFINED fault (Unsupported Exclusive or Atomic access)" },
};
const size_t esr_fsc_count = sizeof(esr_fscs) / sizeof(esr_fscs[0]);

/* ---- the fields -------------------------------------------------------------------- */

#define EC(n) (1ull << (n))
/* classes, name, [hi:lo], when present, how the value shows, meaning */
#define ROW(cls, name, hi, lo, when, show, meaning) { cls, name, hi, lo, when, show, meaning, 0 }
/* a field whose values have names */
#define ENUM(cls, name, hi, lo, when, meaning, values) { cls, name, hi, lo, when, S_ENUM, meaning, values }
/* a one-bit field: its meaning when 0 and when 1 */
#define BIT(cls, name, bit, when, if0, if1) { cls, name, bit, bit, when, S_ENUM, "{}", if0 "|" if1 }

#define C_WF EC(0x01)
#define C_MCR (EC(0x03) | EC(0x05) | EC(0x08))
#define C_MCRR (EC(0x04) | EC(0x0c))
#define C_LDC EC(0x06)
#define C_COND (C_WF | C_MCR | C_MCRR | C_LDC | EC(0x07) | EC(0x13)) /* AArch32 traps with CV/COND */
#define C_SYS (EC(0x14) | EC(0x18))
#define C_IABT (EC(0x20) | EC(0x21))
#define C_DABT (EC(0x24) | EC(0x25))
#define C_ABT (C_IABT | C_DABT)
#define C_FPEXC (EC(0x28) | EC(0x2c))
#define C_BRKPT (EC(0x30) | EC(0x31) | EC(0x3a))
#define C_STEP (EC(0x32) | EC(0x33))
#define C_WATCH (EC(0x34) | EC(0x35))

#define WU_VALUES                                                                                                  \
	"not a store, or the location might have been updated|reserved|a store that did not update the location|"  \
	"a store that updated the location"
/* The xFSC of the debug classes: the one value they define, 0b100010 (not an
 * abort: in abort syndromes that code is a Granule Protection Fault). */
#define DEBUG_FSC_VALUES                                                                                           \
	"0x22=Debug exception|*=WARNING: not 0b100010 (Debug exception), the only value this class defines"
#define EA_MEANING "External abort type: IMPLEMENTATION DEFINED classification of an External abort ({})"

const struct esr_field esr_field_rows[] = {
	/* AArch32 traps: the condition */
	BIT(C_COND, "CV", 24, W_ALWAYS, "condition field not valid (the COND field holds 0b1110 or is UNKNOWN)",
	    "condition field valid (trap from AArch32)"),
	ROW(C_COND, "COND", 23, 20, W_ALWAYS, S_HEX, "condition code of the trapped AArch32 instruction: {}"),

	/* WF* */
	ROW(C_WF, "RN", 9, 5, W_ALWAYS, S_REG, "register holding the timeout of WFIT/WFET: {}"),
	BIT(C_WF, "RV", 2, W_ALWAYS, "RN is not valid", "RN is valid (FEAT_WFxT)"),
	ENUM(C_WF, "TI", 1, 0, W_ALWAYS, "trapped instruction: {}", "WFI|WFE|WFIT|WFET"),

	/* MCR, MRC, VMRS */
	ROW(C_MCR, "Opc2", 19, 17, W_ALWAYS, S_DEC, "opc2 of the instruction: {}"),
	ROW(C_MCR, "Opc1", 16, 14, W_ALWAYS, S_DEC, "opc1 of the instruction: {}"),
	ROW(C_MCR, "CRn", 13, 10, W_ALWAYS, S_DEC, "CRn of the instruction: c{}"),
	ROW(C_MCR, "Rt", 9, 5, W_ALWAYS, S_REG, "transfer register (AArch64 view): {}"),
	ROW(C_MCR, "CRm", 4, 1, W_ALWAYS, S_DEC, "CRm of the instruction: c{}"),
	BIT(C_MCR, "Direction", 0, W_ALWAYS, "write to the System register (MCR/VMSR)",
	    "read from the System register (MRC/VMRS)"),

	/* MCRR, MRRC */
	ROW(C_MCRR, "Opc1", 19, 16, W_ALWAYS, S_DEC, "opc1 of the instruction: {}"),
	ROW(C_MCRR, "Rt2", 14, 10, W_ALWAYS, S_REG, "second transfer register: {}"),
	ROW(C_MCRR, "Rt", 9, 5, W_ALWAYS, S_REG, "first transfer register: {}"),
	ROW(C_MCRR, "CRm", 4, 1, W_ALWAYS, S_DEC, "CRm of the instruction: c{}"),
	BIT(C_MCRR, "Direction", 0, W_ALWAYS, "write to the System register (MCRR)",
	    "read from the System register (MRRC)"),

	/* LDC, STC */
	ROW(C_LDC, "imm8", 19, 12, W_ALWAYS, S_DEC, "immediate offset: {} (words)"),
	ROW(C_LDC, "Rn", 9, 5, W_ALWAYS, S_REG, "base register: {}"),
	BIT(C_LDC, "Offset", 4, W_ALWAYS, "offset subtracted from the base", "offset added to the base"),
	ENUM(C_LDC, "AM", 3, 1, W_ALWAYS, "addressing mode: {}",
	     "immediate unindexed|immediate post-indexed|immediate offset|immediate pre-indexed|*=reserved"),
	BIT(C_LDC, "Direction", 0, W_ALWAYS, "write to memory (STC)", "read from memory (LDC)"),

	/* LD64B, ST64B* */
	ENUM(EC(0x0a), "ISS", 24, 0, W_ALWAYS, "{}",
	     "ST64BV trapped|ST64BV0 trapped|LD64B or ST64B trapped|"
	     "TSB CSYNC trapped (FEAT_TRBE_V1P1, HFGITR2_EL2.TSBCSYNC)|"
	     "PSB CSYNC trapped (FEAT_SPEv1p5, HFGITR_EL2.PSBCSYNC)|*=reserved value"),

	/* BTI */
	ROW(EC(0x0d), "BTYPE", 1, 0, W_ALWAYS, S_BIN, "PSTATE.BTYPE that caused the Branch Target Exception: {}"),

	/* SVC, HVC, SMC */
	ROW(EC(0x11) | EC(0x15), "imm16", 15, 0, W_ALWAYS, S_HEX, "immediate of the SVC instruction: {}"),
	ROW(EC(0x12) | EC(0x16), "imm16", 15, 0, W_ALWAYS, S_HEX, "immediate of the HVC instruction: {}"),
	ROW(EC(0x17), "imm16", 15, 0, W_ALWAYS, S_HEX, "immediate of the SMC instruction: {}"),
	BIT(EC(0x13), "CCKNOWNPASS", 19, W_ALWAYS, "the condition code check is not known to have passed",
	    "the instruction passed its condition code check"),

	/* MSR, MRS, SYS (0x18); MSRR, MRRS, SYSP (0x14) */
	ENUM(EC(0x18), "Op0", 21, 20, W_ALWAYS, "op0: {}",
	     "0 (MSR (immediate) space)|1 (SYS/SYSL instruction)|2 (System register)|3 (System register)"),
	ROW(EC(0x14), "Op0", 21, 20, W_ALWAYS, S_DEC, "op0: {}"),
	ROW(C_SYS, "Op2", 19, 17, W_ALWAYS, S_DEC, "op2: {}"),
	ROW(C_SYS, "Op1", 16, 14, W_ALWAYS, S_DEC, "op1: {}"),
	ROW(C_SYS, "CRn", 13, 10, W_ALWAYS, S_DEC, "CRn: C{}"),
	ROW(EC(0x18), "Rt", 9, 5, W_ALWAYS, S_REG, "transfer register: {}"),
	ROW(EC(0x14), "Rt", 9, 6, W_ALWAYS, S_REG_PAIR, "first register of the pair: {} (Rt<4:1>; Rt+1 is the other)"),
	ROW(C_SYS, "CRm", 4, 1, W_ALWAYS, S_SYSREG, "CRm: {}"),
	BIT(EC(0x18), "Direction", 0, W_ALWAYS, "write (MSR, SYS)", "read (MRS, SYSL)"),
	BIT(EC(0x14), "Direction", 0, W_ALWAYS, "write (MSRR, SYSP)", "read (MRRS)"),

	/* ERET, TSTART, PAC Fail, SME */
	BIT(EC(0x1a), "ERET", 1, W_ALWAYS, "ERET", "ERETAA or ERETAB"),
	BIT(EC(0x1a), "ERETA", 0, W_ALWAYS, "key A (ERETAA) if ERET is 1", "key B (ERETAB) if ERET is 1"),
	ROW(EC(0x1b), "Rd", 9, 5, W_ALWAYS, S_REG, "destination register of TSTART: {}"),
	BIT(EC(0x1c), "DnI", 1, W_ALWAYS, "instruction key (IA/IB) failed", "data key (DA/DB) failed"),
	BIT(EC(0x1c), "BnA", 0, W_ALWAYS, "key A", "key B"),
	ENUM(EC(0x1d), "SMTC", 2, 0, W_ALWAYS, "SME trap code: {}",
	     "access to SME functionality trapped by CPACR_EL1.SMEN, CPTR_EL2.SMEN/TSM or CPTR_EL3.ESM|"
	     "Advanced SIMD, SVE or SVE2 instruction trapped: illegal while PSTATE.SM is 1 (Streaming mode)|"
	     "SME instruction trapped because PSTATE.SM is 0|"
	     "SME instruction trapped because PSTATE.ZA is 0|"
	     "access to ZT0 trapped by SMCR_ELx.EZT0 (SME2)|*=reserved"),

	/* Granule Protection Check */
	BIT(EC(0x1e), "S2PTW", 21, W_ALWAYS, "not on a stage 2 translation table walk",
	    "on a stage 2 translation table walk"),
	BIT(EC(0x1e), "InD", 20, W_ALWAYS, "data access", "instruction fetch"),
	ROW(EC(0x1e), "GPCSC", 19, 14, W_ALWAYS, S_HEX, "Granule Protection Check status code: {}"),
	BIT(EC(0x1e), "VNCR", 13, W_ALWAYS, "not a VNCR_EL2 access", "access generated through VNCR_EL2 (FEAT_NV2)"),
	BIT(EC(0x1e), "CM", 8, W_ALWAYS, "not cache maintenance", "cache maintenance or address translation instruction"),
	BIT(EC(0x1e), "S1PTW", 7, W_ALWAYS, "not on a stage 1 translation table walk",
	    "on a stage 1 translation table walk"),
	BIT(EC(0x1e), "WnR", 6, W_ALWAYS, "read", "write"),
	ROW(EC(0x1e), "xFSC", 5, 0, W_ALWAYS, S_FSC, "{}"),

	ROW(EC(0x1f), "ISS", 24, 0, W_ALWAYS, S_HEX, "IMPLEMENTATION DEFINED: {}"),

	/* Data Abort */
	BIT(C_DABT, "ISV", 24, W_ALWAYS,
	    "no valid instruction syndrome: ISS[23:14] do not describe the access (a pair, writeback, SIMD&FP, "
	    "exclusive, atomic, structure or cache maintenance instruction, or a stage 1 fault)",
	    "valid instruction syndrome: ISS[23:14] describe the access (one general-purpose register, no writeback)"),
	ENUM(C_DABT, "SAS", 23, 22, W_ISS24_SET, "Syndrome Access Size: {}",
	     "byte (1 bytes)|halfword (2 bytes)|word (4 bytes)|doubleword (8 bytes)"),
	BIT(C_DABT, "SSE", 21, W_ISS24_SET, "no sign extension", "the loaded value is sign-extended"),
	ROW(C_DABT, "SRT", 20, 16, W_ISS24_SET, S_SRT, "Syndrome Register Transfer: {}"),
	BIT(C_DABT, "SF", 15, W_ISS24_SET, "32-bit register (W)", "64-bit register (X)"),
	BIT(C_DABT, "AR", 14, W_ISS24_SET, "no acquire/release semantics", "acquire/release semantics (LDAR/STLR family)"),
	BIT(C_DABT, "TopLevel", 21, W_ISS24_CLEAR, "not a fault on a top-level descriptor",
	    "fault on a top-level descriptor with 128-bit descriptors (FEAT_THE)"),
	ENUM(C_DABT, "WU", 17, 16, W_NOT_ISV_SEA, "Write Update (FEAT_RASv2): {}", WU_VALUES),
	BIT(C_DABT, "FnP", 15, W_ISS24_CLEAR, "FAR holds the faulting address (if FnV is 0)",
	    "FAR not Precise: any address within the naturally-aligned granule (SVE/SME)"),
	BIT(C_DABT, "PFV", 14, W_NOT_ISV_SEA, "PFAR_ELx is UNKNOWN",
	    "PFAR_ELx holds the faulting physical address (FEAT_PFAR)"),
	BIT(C_DABT, "VNCR", 13, W_ALWAYS, "not a VNCR_EL2-based access", "generated by a VNCR_EL2-based access (FEAT_NV2)"),
	ENUM(C_DABT, "LST", 12, 11, W_FSC_EXCL, "Load/Store Type (FEAT_LS64): {}",
	     "not specified|ST64BV|LD64B or ST64B|ST64BV0"),
	BIT(C_DABT, "CM", 8, W_ALWAYS, "not a cache maintenance instruction",
	    "cache maintenance or address translation instruction (DC/IC/AT)"),
	BIT(C_DABT, "S1PTW", 7, W_ALWAYS, "not on a stage 1 translation table walk",
	    "stage 2 fault on a stage 1 translation table walk (the guest's page tables are not in RAM)"),
	BIT(C_DABT, "WnR", 6, W_ALWAYS, "read from memory", "write to memory (also for cache maintenance and RMW)"),
	ROW(C_DABT, "DFSC", 5, 0, W_ALWAYS, S_FSC, "Data Fault Status Code: {}"),

	/* Instruction Abort (and what it shares with Data Abort) */
	BIT(C_IABT, "TopLevel", 21, W_ALWAYS, "not a fault on a top-level descriptor",
	    "fault on a top-level descriptor with 128-bit descriptors (FEAT_THE)"),
	BIT(C_IABT, "PFV", 14, W_SEA, "PFAR_ELx is UNKNOWN", "PFAR_ELx holds the faulting physical address (FEAT_PFAR)"),
	ENUM(C_ABT, "SET", 12, 11, W_FSC_SEA, "Synchronous Error Type (FEAT_RAS): {}",
	     "Recoverable state (UER)|reserved|Uncontainable (UC)|Restartable state (UEO)"),
	BIT(C_ABT, "FnV", 10, W_FSC_SEA, "FAR is valid", "FAR is not valid: it holds an UNKNOWN value"),
	ROW(C_ABT, "EA", 9, 9, W_ALWAYS, S_DEC, EA_MEANING),
	BIT(C_IABT, "S1PTW", 7, W_ALWAYS, "not on a stage 1 translation table walk",
	    "stage 2 fault on a stage 1 translation table walk"),
	ROW(C_IABT, "IFSC", 5, 0, W_ALWAYS, S_FSC, "Instruction Fault Status Code: {}"),

	/* Memory Copy and Memory Set */
	BIT(EC(0x27), "MemInst", 24, W_ALWAYS, "CPY* (memory copy)", "SET* (memory set)"),
	BIT(EC(0x27), "isSETG", 23, W_ALWAYS, "not SETG*", "SETG* (also sets allocation tags)"),
	ROW(EC(0x27), "Options", 22, 19, W_ALWAYS, S_BIN, "the options field of the instruction: {}"),
	BIT(EC(0x27), "FromEpilogue", 18, W_ALWAYS, "taken on the main instruction (CPYM*/SETM*)",
	    "taken on the epilogue (CPYE*/SETE*)"),
	BIT(EC(0x27), "WrongOption", 17, W_ALWAYS,
	    "the algorithm option is right; the register values are not (size/alignment)",
	    "the registers are in the format of the other algorithm option (e.g. migrated between CPUs)"),
	BIT(EC(0x27), "OptionA", 16, W_ALWAYS, "the registers are in Option B format",
	    "the registers are in Option A format"),
	ROW(EC(0x27), "destreg", 14, 10, W_ALWAYS, S_REG, "destination address register: {}"),
	ROW(EC(0x27), "srcreg", 9, 5, W_ISS24_CLEAR, S_REG, "source address register: {}"),
	ROW(EC(0x27), "srcreg", 9, 5, W_ISS24_SET, S_REG, "source data (SET*: the value) register: {}"),
	ROW(EC(0x27), "sizereg", 4, 0, W_ALWAYS, S_REG, "size register: {}"),

	/* trapped floating-point exceptions */
	BIT(C_FPEXC, "TFV", 23, W_ALWAYS, "the IDF/IXF/UFF/OFF/DZF/IOF bits are UNKNOWN",
	    "the bits below say which floating-point exceptions occurred"),
	/* AArch32 short vectors are gone (Armv8): VECITR is RES1 from AArch32 and
	 * UNKNOWN from AArch64 */
	ENUM(EC(0x28), "VECITR", 10, 8, W_ALWAYS, "{}",
	     "7=RES1 (AArch32: always 0b111)|*=WARNING: RES1 field not 0b111"),
	ROW(EC(0x2c), "VECITR", 10, 8, W_ALWAYS, S_BIN, "UNKNOWN from AArch64 state: {}"),
	BIT(C_FPEXC, "IDF", 7, W_ALWAYS, "-", "Input Denormal exception"),
	BIT(C_FPEXC, "IXF", 4, W_ALWAYS, "-", "Inexact exception"),
	BIT(C_FPEXC, "UFF", 3, W_ALWAYS, "-", "Underflow exception"),
	BIT(C_FPEXC, "OFF", 2, W_ALWAYS, "-", "Overflow exception"),
	BIT(C_FPEXC, "DZF", 1, W_ALWAYS, "-", "Divide by Zero exception"),
	BIT(C_FPEXC, "IOF", 0, W_ALWAYS, "-", "Invalid Operation exception"),

	/* GCS */
	ENUM(EC(0x2d), "ExType", 23, 20, W_ALWAYS, "GCS exception type: {}",
	     "GCS data check exception|EXLOCK exception|trapped GCSSTR or GCSSTTR|*=reserved"),
	ROW(EC(0x2d), "Raddr", 14, 10, W_GCS_STR, S_REG, "address register of the GCSSTR/GCSSTTR: {}"),
	ROW(EC(0x2d), "Rn", 9, 5, W_GCS_NOT_LOCK, S_REG, "register operand of the instruction: {}"),
	ENUM(EC(0x2d), "IT", 4, 0, W_GCS_DATA, "instruction type of the data check: {}",
	     "RET|GCSPOPM|RETAA|RETAB|GCSSS1|GCSSS2|reserved|reserved|GCSPOPCX|GCSPOPX|*=reserved"),

	/* SError */
	BIT(EC(0x2f), "IDS", 24, W_ALWAYS, "the ISS has the architected format", "IMPLEMENTATION DEFINED syndrome"),
	ROW(EC(0x2f), "ISS", 23, 0, W_ISS24_SET, S_HEX, "IMPLEMENTATION DEFINED: {}"),
	BIT(EC(0x2f), "ELS", 18, W_SERROR_ASYNC, "asynchronous: ELR_ELx does not identify the trigger",
	    "the exception was triggered by the instruction at ELR_ELx (FEAT_RASv2)"),
	ENUM(EC(0x2f), "WU", 17, 16, W_SERROR_ASYNC, "Write Update: {}", WU_VALUES),
	BIT(EC(0x2f), "VFV", 15, W_SERROR_ASYNC, "FAR_ELx is not valid",
	    "FAR_ELx holds a virtual address associated with the error"),
	BIT(EC(0x2f), "PFV", 14, W_SERROR_ASYNC, "PFAR_ELx is UNKNOWN", "PFAR_ELx holds the physical address (FEAT_PFAR)"),
	BIT(EC(0x2f), "IESB", 13, W_SERROR_ASYNC, "not synchronized by an implicit error synchronization event",
	    "synchronized by the implicit error synchronization event and taken immediately"),
	ENUM(EC(0x2f), "AET", 12, 10, W_SERROR_ASYNC, "Asynchronous Error Type: {}",
	     "Uncontainable (UC)|Unrecoverable state (UEU)|Restartable state (UEO)|Recoverable state (UER)|reserved|"
	     "reserved|Corrected (CE)|reserved"),
	ROW(EC(0x2f), "EA", 9, 9, W_SERROR_ASYNC, S_DEC, EA_MEANING),
	BIT(EC(0x2f), "WnRV", 7, W_SERROR_ASYNC, "WnR is not valid", "WnR is valid"),
	BIT(EC(0x2f), "WnR", 6, W_SERROR_ASYNC, "read", "write"),
	ENUM(EC(0x2f), "DFSC", 5, 0, W_ISS24_CLEAR, "{}",
	     "0=Uncategorized error|0x11=Asynchronous SError exception|*=reserved value"),

	/* debug exceptions */
	ENUM(C_BRKPT, "IFSC", 5, 0, W_ALWAYS, "{}", DEBUG_FSC_VALUES),
	BIT(C_STEP, "ISV", 24, W_ALWAYS, "EX is not valid", "EX is valid"),
	BIT(C_STEP, "EX", 6, W_ISS24_SET, "the stepped instruction was not a Load-Exclusive",
	    "a Load-Exclusive instruction was stepped"),
	ENUM(C_STEP, "IFSC", 5, 0, W_ALWAYS, "{}", DEBUG_FSC_VALUES),
	ROW(C_WATCH, "WPT", 23, 18, W_ALWAYS, S_DEC, "number of the watchpoint that was triggered (if WPTV): {}"),
	BIT(C_WATCH, "WPTV", 17, W_ALWAYS, "WPT is not valid", "WPT is valid (FEAT_Debugv8p9)"),
	BIT(C_WATCH, "WPF", 16, W_ALWAYS, "FAR holds an address within the watchpoint",
	    "FAR might be outside the watchpoint (imprecise)"),
	BIT(C_WATCH, "FnP", 15, W_ALWAYS, "FAR holds the watchpointed address", "FAR not Precise"),
	BIT(C_WATCH, "VNCR", 13, W_ALWAYS, "not a VNCR_EL2-based access", "generated by a VNCR_EL2-based access (FEAT_NV2)"),
	BIT(C_WATCH, "FnV", 10, W_ALWAYS, "FAR is valid", "FAR is not valid"),
	BIT(C_WATCH, "CM", 8, W_ALWAYS, "not a cache maintenance instruction", "cache maintenance instruction"),
	BIT(C_WATCH, "WnR", 6, W_ALWAYS, "a read triggered the watchpoint", "a write triggered the watchpoint"),
	ENUM(C_WATCH, "DFSC", 5, 0, W_ALWAYS, "{}", DEBUG_FSC_VALUES),
	ROW(EC(0x38), "Comment", 15, 0, W_ALWAYS, S_HEX, "the immediate of the BKPT instruction: {}"),
	ROW(EC(0x3c), "Comment", 15, 0, W_ALWAYS, S_HEX, "the immediate of the BRK instruction: {}"),

	/* PMU */
	BIT(EC(0x3d), "SYNC", 0, W_ALWAYS, "asynchronous PMU exception", "synchronous PMU exception (FEAT_SEBEP)"),

	/* ISS2 [55:32] */
	BIT(C_DABT, "HDBSSF", 43, W_ALWAYS, "not caused by the HDBSS",
	    "caused by the Hardware Dirty state tracking Structure (FEAT_HDBSS)"),
	BIT(C_DABT, "TnD", 42, W_ALWAYS, "not due to an Allocation Tag write",
	    "stage 1 Permission fault on a write of an Allocation Tag to Canonically Tagged memory"),
	BIT(C_DABT, "TagAccess", 41, W_ALWAYS, "not due to NoTagAccess",
	    "stage 2 Permission fault due to the NoTagAccess attribute"),
	BIT(C_DABT, "GCS", 40, W_ALWAYS, "not a Guarded Control Stack access", "Guarded Control Stack data access (FEAT_GCS)"),
	BIT(C_ABT, "AssuredOnly", 39, W_ALWAYS, "not due to AssuredOnly", "stage 2 fault due to AssuredOnly (FEAT_THE)"),
	BIT(C_DABT, "Overlay", 38, W_ALWAYS, "not due to Overlay Permissions",
	    "Permission fault due to Overlay Permissions (FEAT_S1POE/S2POE)"),
	BIT(C_IABT, "Overlay", 38, W_ALWAYS, "not due to Overlay Permissions", "Permission fault due to Overlay Permissions"),
	BIT(C_DABT, "DirtyBit", 37, W_ALWAYS, "not due to dirty state",
	    "Permission fault due to dirty state with Indirect Permissions"),
	ROW(C_DABT, "Xs", 36, 32, W_ALWAYS, S_REG,
	    "register Xs of an ST64BV/ST64BV0 that faulted (FEAT_LS64_V/ACCDATA): {}"),
	BIT(C_WATCH, "GCS", 40, W_ALWAYS, "not a Guarded Control Stack access",
	    "the watchpoint hit a Guarded Control Stack data access"),
};
const size_t esr_field_count = sizeof(esr_field_rows) / sizeof(esr_field_rows[0]);
