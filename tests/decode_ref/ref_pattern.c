/* An encoding diagram as text -> its fixed bits and fields (ref_decode.h). */
#include <string.h>

#include "ref_decode.h"

void ref_pattern(const char *pattern, const char *letters, uint32_t *mask, uint32_t *value, uint32_t *fields)
{
	unsigned bit = 32;

	for (const char *c = pattern; *c; c++) {
		const char *f = strchr(letters, *c);

		if (*c == ' ')
			continue;
		bit--;
		if (*c == '0' || *c == '1')
			*mask |= 1u << bit;
		if (*c == '1')
			*value |= 1u << bit;
		if (f)
			fields[f - letters] |= 1u << bit;
	}
}
