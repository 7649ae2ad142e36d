/* Argument parsing and a small JSON writer for the nisv tool. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "tool.h"

int usage_error(const char *what, const char *arg)
{
	if (arg)
		fprintf(stderr, "nisv: %s: '%s'\n", what, arg);
	else
		fprintf(stderr, "nisv: %s\n", what);
	return EXIT_USAGE;
}

int parse_u64(const char *s, uint64_t *v)
{
	const char *p = s;
	int base = 10;
	uint64_t acc = 0;

	if (!s || !*s)
		return -1;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		base = 16, p += 2;
	else if (p[0] == '0' && (p[1] == 'b' || p[1] == 'B'))
		base = 2, p += 2;
	if (!*p)
		return -1;
	for (; *p; p++) {
		int dig;
		if (*p == '_')
			continue;
		if (isdigit((unsigned char)*p))
			dig = *p - '0';
		else if (isxdigit((unsigned char)*p))
			dig = tolower((unsigned char)*p) - 'a' + 10;
		else
			return -1;
		if (dig >= base)
			return -1;
		if (acc > (UINT64_MAX - (uint64_t)dig) / (uint64_t)base)
			return -1; /* overflow */
		acc = acc * (uint64_t)base + (uint64_t)dig;
	}
	*v = acc;
	return 0;
}

int parse_word(const char *s, uint32_t *w)
{
	const char *p = s;
	uint64_t acc = 0;
	int digits = 0;

	if (!s)
		return -1;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		p += 2;
	for (; *p; p++) {
		if (*p == '_')
			continue;
		if (!isxdigit((unsigned char)*p) || ++digits > 8)
			return -1;
		acc = acc << 4 | (uint64_t)(isdigit((unsigned char)*p) ? *p - '0' : tolower((unsigned char)*p) - 'a' + 10);
	}
	if (!digits)
		return -1;
	*w = (uint32_t)acc;
	return 0;
}

int parse_hex_bytes(const char *s, uint8_t *out, size_t max, size_t *n)
{
	size_t k = 0;
	int half = -1;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	for (; *s; s++) {
		int dig;
		if (*s == '_' || *s == ':')
			continue;
		if (!isxdigit((unsigned char)*s))
			return -1;
		dig = isdigit((unsigned char)*s) ? *s - '0' : tolower((unsigned char)*s) - 'a' + 10;
		if (half < 0) {
			half = dig;
			continue;
		}
		if (k == max)
			return -1;
		out[k++] = (uint8_t)(half << 4 | dig);
		half = -1;
	}
	if (half >= 0)
		return -1; /* odd number of digits */
	*n = k;
	return 0;
}

/* ---- JSON ------------------------------------------------------------------ */

#define JSON_DEPTH 16
static int json_level;
static int json_count[JSON_DEPTH];

static void json_escape(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c == '\n')
			printf("\\n");
		else if (c == '\t')
			printf("\\t");
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

static void json_member(const char *key)
{
	if (json_level > 0 && json_count[json_level]++)
		putchar(',');
	if (key) {
		json_escape(key);
		putchar(':');
	}
}

void json_begin_object(const char *key)
{
	json_member(key);
	putchar('{');
	if (json_level < JSON_DEPTH - 1)
		json_count[++json_level] = 0;
}

void json_end_object(void)
{
	putchar('}');
	if (json_level > 0)
		json_level--;
}

void json_begin_array(const char *key)
{
	json_member(key);
	putchar('[');
	if (json_level < JSON_DEPTH - 1)
		json_count[++json_level] = 0;
}

void json_end_array(void)
{
	putchar(']');
	if (json_level > 0)
		json_level--;
}

void json_str(const char *key, const char *val)
{
	json_member(key);
	json_escape(val);
}

void json_u64(const char *key, uint64_t val)
{
	json_member(key);
	printf("%llu", (unsigned long long)val);
}

void json_int(const char *key, long long val)
{
	json_member(key);
	printf("%lld", val);
}

void json_bool(const char *key, int val)
{
	json_member(key);
	printf("%s", val ? "true" : "false");
}

void json_hex(const char *key, uint64_t val)
{
	json_member(key);
	printf("\"0x%llx\"", (unsigned long long)val);
}

void json_null(const char *key)
{
	json_member(key);
	printf("null");
}

void json_done(void)
{
	putchar('\n');
	json_level = 0;
	json_count[0] = 0;
}
