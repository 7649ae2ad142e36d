/*
 * A small JSON reader (RFC 8259) for nisv emulate's state files: the whole
 * text into a tree. Numbers are kept as written, so that the tool reads them
 * with its own number syntax and no precision is lost.
 */
#define _DEFAULT_SOURCE /* strndup */
#include <stdlib.h>
#include <string.h>

#include "json_read.h"

#define MAX_DEPTH 64

struct reader {
	const char *s, *end, *line_start;
	unsigned line;
	char *err;
	size_t errn;
	int failed;
};

static void fail(struct reader *r, const char *what)
{
	if (!r->failed)
		snprintf(r->err, r->errn, "line %u, column %u: %s", r->line, (unsigned)(r->s - r->line_start) + 1, what);
	r->failed = 1;
}

static void skip_space(struct reader *r)
{
	while (r->s < r->end && (*r->s == ' ' || *r->s == '\t' || *r->s == '\r' || *r->s == '\n')) {
		if (*r->s == '\n') {
			r->line++;
			r->line_start = r->s + 1;
		}
		r->s++;
	}
}

static int hex4(const char *p, unsigned *v)
{
	*v = 0;
	for (int i = 0; i < 4; i++) {
		char c = p[i];
		unsigned d = c >= '0' && c <= '9' ? (unsigned)(c - '0')
		           : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
		           : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10) : 16;
		if (d > 15)
			return -1;
		*v = *v << 4 | d;
	}
	return 0;
}

static size_t put_utf8(char *out, unsigned cp)
{
	if (cp < 0x80)
		return out[0] = (char)cp, 1;
	if (cp < 0x800)
		return out[0] = (char)(0xc0 | cp >> 6), out[1] = (char)(0x80 | (cp & 0x3f)), 2;
	if (cp < 0x10000)
		return out[0] = (char)(0xe0 | cp >> 12), out[1] = (char)(0x80 | (cp >> 6 & 0x3f)),
		       out[2] = (char)(0x80 | (cp & 0x3f)), 3;
	return out[0] = (char)(0xf0 | cp >> 18), out[1] = (char)(0x80 | (cp >> 12 & 0x3f)),
	       out[2] = (char)(0x80 | (cp >> 6 & 0x3f)), out[3] = (char)(0x80 | (cp & 0x3f)), 4;
}

/* A string at r->s (the opening quote): malloc'ed, NUL-terminated. */
static char *read_string(struct reader *r)
{
	const char *p = r->s + 1;
	char *out, *o;

	/* the decoded text is never longer than the escaped one */
	out = o = malloc((size_t)(r->end - r->s));
	if (!out) {
		fail(r, "out of memory");
		return NULL;
	}
	for (;;) {
		if (p >= r->end) {
			fail(r, "unterminated string");
			break;
		}
		unsigned char c = (unsigned char)*p;
		if (c == '"') {
			*o = 0;
			r->s = p + 1;
			return out;
		}
		if (c < 0x20) {
			fail(r, "control character in a string");
			break;
		}
		if (c != '\\') {
			*o++ = (char)c;
			p++;
			continue;
		}
		if (p + 1 >= r->end) {
			fail(r, "unterminated string");
			break;
		}
		p += 2;
		switch (p[-1]) {
		case '"': *o++ = '"'; continue;
		case '\\': *o++ = '\\'; continue;
		case '/': *o++ = '/'; continue;
		case 'b': *o++ = '\b'; continue;
		case 'f': *o++ = '\f'; continue;
		case 'n': *o++ = '\n'; continue;
		case 'r': *o++ = '\r'; continue;
		case 't': *o++ = '\t'; continue;
		case 'u': {
			unsigned cp, lo;
			if (r->end - p < 4 || hex4(p, &cp)) {
				fail(r, "bad \\u escape");
				goto out;
			}
			p += 4;
			if (cp >= 0xd800 && cp < 0xdc00) { /* a surrogate pair */
				if (r->end - p < 6 || p[0] != '\\' || p[1] != 'u' || hex4(p + 2, &lo) || lo < 0xdc00 ||
				    lo >= 0xe000) {
					fail(r, "bad \\u surrogate pair");
					goto out;
				}
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
				p += 6;
			} else if (cp == 0 || (cp >= 0xdc00 && cp < 0xe000)) {
				fail(r, "\\u0000 or a lone surrogate in a string");
				goto out;
			}
			o += put_utf8(o, cp);
			continue;
		}
		default:
			fail(r, "bad escape in a string");
			goto out;
		}
	}
out:
	free(out);
	return NULL;
}

static void read_value(struct reader *r, struct json_value *v, unsigned depth);

static void add_item(struct reader *r, struct json_value *v, char *key, unsigned depth)
{
	struct json_value *items = realloc(v->items, (v->n + 1) * sizeof(*items));
	char **keys = v->type == JSON_OBJECT ? realloc(v->keys, (v->n + 1) * sizeof(*keys)) : NULL;

	if (items)
		v->items = items;
	if (keys)
		v->keys = keys;
	if (!items || (v->type == JSON_OBJECT && !keys)) {
		free(key);
		fail(r, "out of memory");
		return;
	}
	if (keys)
		keys[v->n] = key;
	memset(&items[v->n], 0, sizeof(items[0]));
	v->n++;
	read_value(r, &items[v->n - 1], depth + 1);
}

static void read_container(struct reader *r, struct json_value *v, unsigned depth)
{
	char close = v->type == JSON_OBJECT ? '}' : ']';

	r->s++;
	skip_space(r);
	if (r->s < r->end && *r->s == close) {
		r->s++;
		return;
	}
	while (!r->failed) {
		char *key = NULL;
		skip_space(r);
		if (v->type == JSON_OBJECT) {
			if (r->s >= r->end || *r->s != '"') {
				fail(r, "expected a key (a string)");
				return;
			}
			if (!(key = read_string(r)))
				return;
			skip_space(r);
			if (r->s >= r->end || *r->s != ':') {
				free(key);
				fail(r, "expected ':' after a key");
				return;
			}
			r->s++;
		}
		add_item(r, v, key, depth);
		skip_space(r);
		if (r->s < r->end && *r->s == ',') {
			r->s++;
			continue;
		}
		if (r->s < r->end && *r->s == close) {
			r->s++;
			return;
		}
		fail(r, v->type == JSON_OBJECT ? "expected ',' or '}'" : "expected ',' or ']'");
	}
}

static void read_number(struct reader *r, struct json_value *v)
{
	const char *p = r->s;

	if (p < r->end && *p == '-')
		p++;
	if (p >= r->end || !(*p >= '0' && *p <= '9')) {
		fail(r, "unexpected character");
		return;
	}
	while (p < r->end && ((*p >= '0' && *p <= '9') || *p == '.' || *p == 'e' || *p == 'E' || *p == '+' || *p == '-'))
		p++;
	v->type = JSON_NUMBER;
	v->text = strndup(r->s, (size_t)(p - r->s));
	if (!v->text)
		fail(r, "out of memory");
	r->s = p;
}

static void read_value(struct reader *r, struct json_value *v, unsigned depth)
{
	static const struct {
		const char *word;
		enum json_type type;
	} words[] = { { "null", JSON_NULL }, { "true", JSON_TRUE }, { "false", JSON_FALSE } };

	skip_space(r);
	v->line = r->line;
	if (depth > MAX_DEPTH) {
		fail(r, "nested too deep");
		return;
	}
	if (r->s >= r->end) {
		fail(r, "unexpected end of the text");
		return;
	}
	switch (*r->s) {
	case '{':
		v->type = JSON_OBJECT;
		read_container(r, v, depth);
		return;
	case '[':
		v->type = JSON_ARRAY;
		read_container(r, v, depth);
		return;
	case '"':
		v->type = JSON_STRING;
		v->text = read_string(r);
		return;
	default:
		for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
			size_t n = strlen(words[i].word);
			if ((size_t)(r->end - r->s) >= n && !memcmp(r->s, words[i].word, n)) {
				v->type = words[i].type;
				r->s += n;
				return;
			}
		}
		read_number(r, v);
	}
}

static void free_value(struct json_value *v)
{
	for (size_t i = 0; i < v->n; i++) {
		free_value(&v->items[i]);
		if (v->keys)
			free(v->keys[i]);
	}
	free(v->items);
	free(v->keys);
	free(v->text);
}

void json_free(struct json_value *v)
{
	if (v) {
		free_value(v);
		free(v);
	}
}

struct json_value *json_parse(const char *text, size_t len, char *err, size_t errn)
{
	struct reader r = { .s = text, .end = text + len, .line_start = text, .line = 1, .err = err, .errn = errn };
	struct json_value *v = calloc(1, sizeof(*v));

	if (!v) {
		snprintf(err, errn, "out of memory");
		return NULL;
	}
	read_value(&r, v, 0);
	skip_space(&r);
	if (!r.failed && r.s != r.end)
		fail(&r, "text after the value");
	if (r.failed) {
		json_free(v);
		return NULL;
	}
	return v;
}

const struct json_value *json_get(const struct json_value *obj, const char *key)
{
	if (obj->type != JSON_OBJECT)
		return NULL;
	for (size_t i = 0; i < obj->n; i++)
		if (!strcmp(obj->keys[i], key))
			return &obj->items[i];
	return NULL;
}

const char *json_type_name(enum json_type t)
{
	static const char *const names[] = { "null", "false", "true", "a number", "a string", "an array", "an object" };
	return (unsigned)t < sizeof(names) / sizeof(names[0]) ? names[t] : "?";
}
