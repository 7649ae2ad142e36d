/* Shared pieces of the nisv command-line tool. */
#ifndef NISV_TOOL_H
#define NISV_TOOL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <nisv.h>

/* Exit codes (documented in nisv.1 and --help). */
enum {
	EXIT_DONE = 0,       /* the command did what was asked                  */
	EXIT_NOT_DONE = 1,   /* decode: a word is not a memory instruction;
	                        emulate: the status is not NISV_OK              */
	EXIT_USAGE = 2,      /* malformed arguments (one line on stderr)         */
	EXIT_INTERNAL = 3,   /* out of memory, or an output error               */
};

/* Print "nisv: <what>: <arg>" on stderr and return EXIT_USAGE. */
int usage_error(const char *what, const char *arg);

/* Numbers: decimal, 0x hex, 0b binary, 0 octal; whole string, 64-bit. */
int parse_u64(const char *s, uint64_t *v);
/* An instruction word: hex, with or without 0x, at most 32 bits. */
int parse_word(const char *s, uint32_t *w);
/* Hex digits, two per byte (optional 0x, '_' and ':' separators ignored). */
int parse_hex_bytes(const char *s, uint8_t *out, size_t max, size_t *n);

/* A minimal JSON writer on stdout: commas and nesting handled here. */
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

/* ---- text of instructions (format.c) ------------------------------------- */

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

/* One line naming an ESR's class (and fault status code for aborts). */
const char *esr_summary(uint64_t esr, char *buf, size_t n);

/* ---- commands -------------------------------------------------------------- */
int cmd_decode(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_emulate(int argc, char **argv);

#endif
