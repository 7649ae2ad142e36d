/*
 * The ESR_ELx dictionary of `nisv explain`: exception classes, fault status
 * codes and the fields of every ISS and ISS2 layout of the Arm ARM (DDI 0487,
 * "ESR_EL1"/"ESR_EL2": the EC table and the "ISS encoding for ..." and
 * "ISS2 encoding for ..." sections) as rows of data in esr_table.c, and
 * esr_fields.c, which reads an ESR with them and prints the fields (the
 * System register names of MSR/MRS/SYS traps: sysreg.h).
 * Nothing here knows about nisv: the verdict is in explain.c.
 */
#ifndef NISV_TOOL_ESR_H
#define NISV_TOOL_ESR_H

#include <stddef.h>
#include <stdint.h>

/* An exception class, ESR_ELx.EC. */
struct esr_class {
	uint8_t ec;
	const char *name;     /* "Data Abort from a lower Exception level"      */
	const char *iss_name; /* the Arm ARM's "ISS encoding for <iss_name>"     */
};

/* Fault status codes lo..hi (DFSC, IFSC, xFSC). "{}" in text: the lookup
 * level, fsc & 3. external: a synchronous External abort (the abort ISS
 * then has WU and PFV). */
struct esr_fsc {
	uint8_t lo, hi;
	uint8_t external;
	const char *text;
};

/* When a field is present, for layouts that depend on another field. */
enum esr_when {
	W_ALWAYS,
	W_ISS24_SET,     /* ISS[24] is 1 (ISV; IDS for an SError; MemInst for MOPS) */
	W_ISS24_CLEAR,   /* ISS[24] is 0                                             */
	W_NOT_ISV_SEA,   /* data abort, ISV 0 and DFSC a synchronous External abort  */
	W_SEA,           /* the xFSC is a synchronous External abort                 */
	W_FSC_SEA,       /* the xFSC is 0x10: External abort, not on a walk          */
	W_FSC_EXCL,      /* the DFSC is 0x35: unsupported Exclusive or Atomic access */
	W_GCS_DATA,      /* GCS ExType 0: data check exception                       */
	W_GCS_NOT_LOCK,  /* GCS ExType other than 1 (EXLOCK)                         */
	W_GCS_STR,       /* GCS ExType 2: trapped GCSSTR/GCSSTTR                     */
	W_SERROR_ASYNC,  /* SError, IDS 0 and DFSC 0x11 (asynchronous SError)        */
};

/* How a field's value shows in its meaning, where the meaning says "{}". */
enum esr_show {
	S_ENUM,     /* by `values`: "a|b|c" names values 0, 1, 2; "N=text" value N;
	               "*=text" every value not named (else "reserved value")   */
	S_DEC,      /* decimal                                                   */
	S_HEX,      /* 0x and one digit per 4 bits of the field                  */
	S_BIN,      /* 0b and one digit per bit of the field                     */
	S_REG,      /* x<n>; 31 is "x31/xzr"                                     */
	S_REG_PAIR, /* x<2n>: Rt<4:1> of a pair                                  */
	S_SRT,      /* x<n>; 31 is "register 31 (XZR/WZR)"                       */
	S_FSC,      /* the fault status code's text (esr_fsc)                    */
	S_SYSREG,   /* C<CRm> and the instruction, with the name of the System
	               register or instruction that Op0, Op1, CRn, CRm, Op2
	               select (sysreg.h)                                          */
};

/* One field of the ISS ([24:0]) or ISS2 ([55:32]) of some classes. */
struct esr_field {
	uint64_t classes;    /* bit ec: the field belongs to exception class ec */
	const char *name;
	uint8_t hi, lo;      /* the field's ESR bits                            */
	uint8_t when;        /* enum esr_when                                   */
	uint8_t show;        /* enum esr_show                                   */
	const char *meaning; /* "{}" is replaced by the value as `show` says    */
	const char *values;  /* S_ENUM only                                     */
};

extern const struct esr_class esr_classes[];
extern const size_t esr_class_count;
extern const struct esr_fsc esr_fscs[];
extern const size_t esr_fsc_count;
extern const struct esr_field esr_field_rows[];
extern const size_t esr_field_count;

/* ---- esr_fields.c: an ESR read with the table ------------------------------ */

#define ESR_MAX_FIELDS 48

struct esr_field_value {
	char name[16];
	unsigned hi, lo;
	uint64_t value;
	char meaning[320];
	int res0_set; /* a RES0 field that is not zero */
};

struct esr_view {
	uint64_t esr;
	unsigned ec;
	const struct esr_class *cls; /* NULL: an unallocated EC value */
	struct esr_field_value f[ESR_MAX_FIELDS];
	unsigned n_iss;              /* f[0..n_iss): ISS, highest bits first  */
	unsigned n;                  /* f[n_iss..n): ISS2                      */
};

const struct esr_class *esr_class_of(unsigned ec);
/* The text of a fault status code, e.g. "Translation fault, level 3". */
const char *esr_fsc_text(unsigned fsc, char *buf, size_t n);
/* Every field of esr: the class's layout, and RES0 for the bits it leaves. */
void esr_read(uint64_t esr, struct esr_view *v);
/* 1 when any bit the layout makes RES0 is set (the JSON res0_violation). */
int esr_res0_violation(const struct esr_view *v);
/* ESR, EC, IL, ISS and ISS2 with their fields: text, or JSON members of the
 * current object (esr, ec, il, iss, iss_fields, iss2, iss2_fields, for EC
 * 0x14 and 0x18 sysreg, res0_violation). */
void esr_print_text(const struct esr_view *v);
void esr_print_json(const struct esr_view *v);

#endif
