/*
 * The command lines of the CPU-oracle differentials: the options both have
 * (struct base_opts) and one row per option of the harness's own, "--name
 * VALUE" (numbers as strtoull reads them: 0x.. hex, 0.. octal) or a flag
 * without a value.
 */
#ifndef SUPPORT_OPTIONS_H
#define SUPPORT_OPTIONS_H

#include <stdint.h>

enum {
	OPT_FLAG, /* int = 1, no value */
	OPT_U64,  /* uint64_t          */
	OPT_I64,  /* int64_t           */
	OPT_UINT, /* unsigned          */
	OPT_INT,  /* int               */
	OPT_STR,  /* const char *      */
};

struct opt_row {
	const char *name;
	unsigned kind;
	void *p;
};

struct base_opts {
	uint64_t cases;      /* --cases: in all, spread over the classes      */
	uint64_t seed;       /* --seed                                         */
	const char *only;    /* --class: this class only                       */
	int64_t index;       /* --index: this case only (-1: all)              */
	int verbose, list;   /* --verbose (-v), --list                         */
	unsigned max_report; /* --max-report: mismatches reported in full      */
	unsigned dump;       /* --dump: print as many words per class, stop    */
	int mutate;          /* --mutate: corrupt nisv's results on purpose    */
	unsigned tbi;        /* --tbi: 1 in tbi cases gets a tagged address    */
	unsigned cross;      /* --cross: 1 in cross placed across a page       */
	unsigned stale;      /* --stale: 1 in stale cases gets a stale report  */
	unsigned scramble;   /* --scramble: 1 in scramble with pages swapped   */
};

/* 0; 1 for --help or -h; -1 for an unknown option or a missing value. A
 * number that is not one: "<prog>: bad number", exit(3). */
int opt_parse(const char *prog, struct base_opts *b, const struct opt_row *rows, unsigned nrows, int argc,
              char **argv);

#endif
