/* Shared pieces of the nisv command-line tool. */
#ifndef NISV_TOOL_H
#define NISV_TOOL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <nisv.h>

/*
 * Exit status of every command (nisv.1 "EXIT STATUS", --help, docs/tool.md).
 * A guest fault is a correct result of emulate, not a failure: it has its
 * own status so that scripts can tell it from "nisv could not do it".
 */
enum {
	EXIT_DONE = 0,        /* explain printed the syndrome; decode: every word
	                         is a memory instruction; emulate: NISV_OK        */
	EXIT_FAILED = 1,      /* not done: decode: a word is not a memory
	                         instruction; emulate: NISV_RETRY, NISV_UNSUPPORTED,
	                         NISV_CALLBACK_ERROR or NISV_INVALID_ARGUMENT; or
	                         the tool failed (out of memory, output error)     */
	EXIT_USAGE = 2,       /* malformed arguments, or an input file that cannot
	                         be read or parsed (one line on stderr)            */
	EXIT_GUEST_FAULT = 3, /* emulate: NISV_FAULT: the guest exception was taken
	                         (with --report: reported, not taken)              */
};

/* Print "nisv: <what>: '<arg>'" (or "nisv: <what>") on stderr; EXIT_USAGE. */
int usage_error(const char *what, const char *arg);

/* ---- numbers (num.c) ----------------------------------------------------------
 * One syntax for every number: decimal, 0x hexadecimal or 0b binary, with '_'
 * allowed between digits. The parsers read the whole string. */
enum { NUM_OK = 0, NUM_SYNTAX = -1, NUM_RANGE = -2 };
int parse_u64(const char *s, uint64_t *v);
int parse_u128(const char *s, nisv_v128 *v);
/* Into out[0..max) as a little-endian number (out[0] = bits [7:0]). */
int parse_wide(const char *s, uint8_t *out, size_t max);
/* "not a number (decimal, 0x hex or 0b binary)" or "does not fit in N bits" */
const char *num_error(int err, unsigned bits, char *buf, size_t n);
/* Instruction words and ESR values: hexadecimal, with or without 0x, at most
 * `digits` digits (8 for a word, 16 for an ESR). */
int parse_hex(const char *s, unsigned digits, uint64_t *v);
int parse_word(const char *s, uint32_t *w);
/* Hex digits, two per byte (optional 0x, '_' and ':' separators ignored).
 * The bytes go to out[0..max); *n is how many. */
int parse_hex_bytes(const char *s, uint8_t *out, size_t max, size_t *n);

/* ---- a minimal JSON writer on stdout (json.c): commas and nesting here ------ */
void json_begin_object(const char *key);
void json_end_object(void);
void json_begin_array(const char *key);
void json_end_array(void);
void json_str(const char *key, const char *val);
void json_u64(const char *key, uint64_t val);
void json_int(const char *key, long long val);
void json_bool(const char *key, int val);
void json_hex(const char *key, uint64_t val); /* "0x..." string */
void json_null(const char *key);
void json_done(void); /* newline after the top-level value */

/* ---- text of instructions (format.c, format_sve.c) ---------------------------- */

/* DC ZVA/GVA/GZVA and cache maintenance (nisv_op) */
static inline int op_is_dc(unsigned op)
{
	return op >= NISV_OP_DC_ZVA && op <= NISV_OP_DC_MAINT;
}

/* objdump-style text, e.g. "ldp x1, x8, [x0]"; pc is for literal targets. */
void format_insn(const nisv_insn *d, uint64_t pc, char *out, size_t n);
/* Register name of transfer register i (0 = Rt, 1 = Rt2/Rt+1, ...). */
void format_xfer_reg(const nisv_insn *d, unsigned i, char *out, size_t n);
/* One-line description of the access: size, registers, address, writeback. */
void format_access(const nisv_insn *d, char *out, size_t n);
/* The same as JSON members of the current object. */
void json_access(const nisv_insn *d);
/* Total bytes the access transfers (0: none or DC block size dependent). */
unsigned access_bytes(const nisv_insn *d);
/* "read", "write", "read-modify-write", "zero", "none" */
const char *access_kind(const nisv_insn *d);

/* One line naming an ESR's class (and fault status code for aborts), esr_fields.c. */
const char *esr_summary(uint64_t esr, char *buf, size_t n);

/* ---- commands: argv[0] is the command's name; each takes --help --------------- */
int cmd_decode(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_emulate(int argc, char **argv);

#endif
