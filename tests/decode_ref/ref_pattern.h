/* The encoding-diagram tables of ref_gather.c, ref_sme.c, ref_multi.c and
 * ref_quad.c: a diagram as text, parsed once into its fixed bits and fields
 * (ref_pattern.c). */
#ifndef NISV_REF_PATTERN_H
#define NISV_REF_PATTERN_H

#include <stddef.h>

#include "nisv.h"

/* The most field letters one table's diagrams use. */
#define REF_FIELDS 8

/* One encoding diagram as parsed: its words, its fields, what it decodes to. */
struct ref_parsed {
	uint32_t mask, value;
	uint32_t field[REF_FIELDS]; /* the bits under each letter */
	nisv_insn tmpl;             /* the fields the word does not give */
};

/* An encoding diagram as text: bit 31 first, spaces ignored, 0 and 1 fixed
 * bits (into q->mask and q->value), and each character of `letters` a
 * field whose bits go to q->field[its index]. */
void ref_pattern(const char *pattern, const char *letters, struct ref_parsed *q);

/* The first of the n diagrams whose fixed bits w has, with *d its template
 * for w; NULL if none. */
const struct ref_parsed *ref_match(const struct ref_parsed *parsed, size_t n, uint32_t w, nisv_insn *d);

/* The bits of w under mask, packed, the highest first. */
unsigned ref_take(uint32_t w, uint32_t mask);

#endif
