/* An encoding diagram as text -> its fixed bits and fields (ref_pattern.h). */
#include <string.h>

#include "ref_pattern.h"

void ref_pattern(const char *pattern, const char *letters, struct ref_parsed *q)
{
	unsigned bit = 32;

	for (const char *c = pattern; *c; c++) {
		const char *f = strchr(letters, *c);

		if (*c == ' ')
			continue;
		bit--;
		if (*c == '0' || *c == '1')
			q->mask |= 1u << bit;
		if (*c == '1')
			q->value |= 1u << bit;
		if (f)
			q->field[f - letters] |= 1u << bit;
	}
}

const struct ref_parsed *ref_match(const struct ref_parsed *parsed, size_t n, uint32_t w, nisv_insn *d)
{
	for (size_t i = 0; i < n; i++) {
		const struct ref_parsed *q = &parsed[i];

		if ((w & q->mask) != q->value)
			continue;
		*d = q->tmpl;
		d->word = w;
		return q;
	}
	return NULL;
}

unsigned ref_take(uint32_t w, uint32_t mask)
{
	unsigned v = 0;

	for (int bit = 31; bit >= 0; bit--)
		if (mask >> bit & 1)
			v = v << 1 | (w >> bit & 1);
	return v;
}
