/* A minimal JSON writer on stdout: commas and nesting are handled here. */
#include <stdio.h>

#include "tool.h"

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
