/* A small JSON reader (json_read.c): the whole text into a tree. */
#ifndef NISV_TOOL_JSON_READ_H
#define NISV_TOOL_JSON_READ_H

#include <stddef.h>
#include <stdio.h>

enum json_type { JSON_NULL, JSON_FALSE, JSON_TRUE, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT };

struct json_value {
	enum json_type type;
	unsigned line;             /* where the value starts, for messages        */
	char *text;                /* STRING: UTF-8 without NUL; NUMBER: as written */
	size_t n;                  /* ARRAY, OBJECT: how many items               */
	struct json_value *items;
	char **keys;               /* OBJECT: keys[i] names items[i]              */
};

/* The tree of text[0..len), or NULL and "line L, column C: what" in err. */
struct json_value *json_parse(const char *text, size_t len, char *err, size_t errn);
void json_free(struct json_value *v);
/* The member `key` of an object; NULL if absent (or v is not an object). */
const struct json_value *json_get(const struct json_value *obj, const char *key);
/* "a string", "an object", ... for messages */
const char *json_type_name(enum json_type t);

#endif
