/*
 * nisv emulate --state FILE: a whole setup as one JSON object (format in
 * nisv.1, "STATE FILE", and docs/tool.md), read into the same setup as the
 * options (setup.c), so names and numbers mean the same in both:
 *
 *   { "registers": { "x2": "0x9000000", "pstate": 5, "v0": "0x0011...", ... },
 *     "ram": [ { "addr": "0x40000000", "size": "0x2000", "bytes": "0011..." },
 *              { "addr": "0x50000000", "file": "image.bin" } ],
 *     "dev": [ { "addr": "0x9000000", "size": "0x1000", "noexcl": true,
 *                "noatomic": false, "widths": [1, 2, 4] } ],
 *     "features": [ "lse2" ], "pa_bits": 48, "identity_map": "device",
 *     "vl": 256, "svl": 512 }
 *
 * With "vl" or "svl", "registers" also takes the SVE/SME registers of
 * --set: "z0": "0x...", "p0", "ffr", "za<row>", "zt0" (sve_state.c).
 *
 * Numbers are JSON numbers or strings in the tool's syntax (decimal, 0x,
 * 0b); a "file" is relative to the state file's directory. Every key is
 * optional; an unknown key is an error (a typo would otherwise go unseen).
 */
#define _DEFAULT_SOURCE /* strdup */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "emulate.h"
#include "json_read.h"

struct loader {
	const char *path;
	char dir[4096]; /* the state file's directory with a trailing '/', or "" */
	struct setup *s;
	struct machine *m;
};

static int bad(const struct loader *l, const char *where, const char *what)
{
	fprintf(stderr, "nisv: %s: %s: %s\n", l->path, where, what);
	return EXIT_USAGE;
}

static int want(const struct loader *l, const struct json_value *v, enum json_type t, const char *where)
{
	char msg[64];

	if (v->type == t || (t == JSON_TRUE && v->type == JSON_FALSE))
		return 0;
	snprintf(msg, sizeof(msg), "expected %s, not %s", t == JSON_TRUE ? "true or false" : json_type_name(t),
	         json_type_name(v->type));
	return bad(l, where, msg);
}

/* A number: a JSON number or a string, in the tool's syntax. */
static int number_text(const struct loader *l, const struct json_value *v, const char *where, const char **text)
{
	if (v->type != JSON_NUMBER && v->type != JSON_STRING)
		return bad(l, where, "expected a number (or a string: decimal, 0x hex or 0b binary)");
	*text = v->text;
	return 0;
}

static int number(const struct loader *l, const struct json_value *v, const char *where, uint64_t *out)
{
	const char *text;
	char msg[64];
	int err;

	if (number_text(l, v, where, &text))
		return EXIT_USAGE;
	if ((err = parse_u64(text, out)) != 0)
		return bad(l, where, num_error(err, 64, msg, sizeof(msg)));
	return 0;
}

static int load_registers(struct loader *l, const struct json_value *o)
{
	char key_where[96], where[4200];
	const char *text;
	int rc;

	if ((rc = want(l, o, JSON_OBJECT, "registers")) != 0)
		return rc;
	for (size_t i = 0; i < o->n; i++) {
		snprintf(key_where, sizeof(key_where), "registers.%s", o->keys[i]);
		if (number_text(l, &o->items[i], key_where, &text))
			return EXIT_USAGE;
		snprintf(where, sizeof(where), "%s: %s=%s", l->path, key_where, text);
		if ((rc = setup_reg(l->s, o->keys[i], text, where)) != 0)
			return rc;
	}
	return 0;
}

static int load_widths(struct loader *l, const struct json_value *a, const char *where, struct region_spec *r)
{
	uint64_t w;
	int rc;

	if ((rc = want(l, a, JSON_ARRAY, where)) != 0)
		return rc;
	for (size_t i = 0; i < a->n; i++) {
		if ((rc = number(l, &a->items[i], where, &w)) != 0)
			return rc;
		if (!w || w > 16 || (w & (w - 1)))
			return bad(l, where, "widths are 1, 2, 4, 8 or 16");
		r->widths |= 1u << __builtin_ctzll(w);
	}
	return 0;
}

static int load_data_file(struct loader *l, const char *file, const char *where, struct region_spec *r)
{
	char path[8192];

	snprintf(path, sizeof(path), "%s%s", file[0] == '/' ? "" : l->dir, file);
	return region_data_file(r, path, where);
}

static int load_region(struct loader *l, const struct json_value *o, int device, size_t index)
{
	const char *kind = device ? "dev" : "ram";
	struct region_spec r = { .device = device, .policy = NISV_DEV_EXCLUSIVE | NISV_DEV_ATOMIC };
	char where[96], key_where[128], origin[160];
	int rc = 0, have_addr = 0;

	snprintf(where, sizeof(where), "%s[%zu]", kind, index);
	if ((rc = want(l, o, JSON_OBJECT, where)) != 0)
		return rc;
	for (size_t i = 0; i < o->n && !rc; i++) {
		const char *k = o->keys[i];
		const struct json_value *v = &o->items[i];
		snprintf(key_where, sizeof(key_where), "%s.%s", where, k);
		if (!strcmp(k, "addr")) {
			rc = number(l, v, key_where, &r.base);
			have_addr = 1;
		} else if (!strcmp(k, "size")) {
			rc = number(l, v, key_where, &r.size);
			r.has_size = 1;
		} else if (!strcmp(k, "bytes") || !strcmp(k, "file")) {
			char at[4200];
			if (r.data)
				rc = bad(l, key_where, "give the bytes once (\"bytes\" or \"file\")");
			else if (!(rc = want(l, v, JSON_STRING, key_where))) {
				snprintf(at, sizeof(at), "%s: %s", l->path, key_where);
				rc = k[0] == 'b' ? region_data_hex(&r, v->text, at) : load_data_file(l, v->text, at, &r);
			}
		} else if (device && (!strcmp(k, "noexcl") || !strcmp(k, "noatomic"))) {
			uint32_t bit = k[2] == 'e' ? NISV_DEV_EXCLUSIVE : NISV_DEV_ATOMIC;
			if (!(rc = want(l, v, JSON_TRUE, key_where)) && v->type == JSON_TRUE)
				r.policy &= ~bit;
		} else if (device && !strcmp(k, "widths")) {
			rc = load_widths(l, v, key_where, &r);
		} else {
			rc = bad(l, key_where, device ? "unknown key (addr, size, bytes, file, noexcl, noatomic, widths)"
			                              : "unknown key (addr, size, bytes, file)");
		}
	}
	if (!rc && !have_addr)
		rc = bad(l, where, "needs \"addr\"");
	if (!rc && !r.has_size && !r.data)
		rc = bad(l, where, "needs \"size\", \"bytes\" or \"file\"");
	if (rc) {
		free(r.data);
		return rc;
	}
	snprintf(origin, sizeof(origin), "%s: %s", l->path, where);
	return region_add(l->m, &r, origin);
}

static int load_regions(struct loader *l, const struct json_value *a, int device)
{
	int rc = want(l, a, JSON_ARRAY, device ? "dev" : "ram");

	for (size_t i = 0; i < a->n && !rc; i++)
		rc = load_region(l, &a->items[i], device, i);
	return rc;
}

static int load_features(struct loader *l, const struct json_value *a)
{
	char where[160];
	int rc = want(l, a, JSON_ARRAY, "features");

	for (size_t i = 0; i < a->n && !rc; i++) {
		snprintf(where, sizeof(where), "features[%zu]", i);
		if (!(rc = want(l, &a->items[i], JSON_STRING, where))) {
			snprintf(where, sizeof(where), "%s: features[%zu]", l->path, i);
			rc = setup_feature(l->s, a->items[i].text, where);
		}
	}
	return rc;
}

static int load_identity(struct loader *l, const struct json_value *v)
{
	if (v->type == JSON_FALSE || v->type == JSON_TRUE) {
		l->s->identity = v->type == JSON_TRUE ? IDMAP_NORMAL : IDMAP_NONE;
		return 0;
	}
	if (v->type == JSON_STRING && !strcmp(v->text, "normal"))
		l->s->identity = IDMAP_NORMAL;
	else if (v->type == JSON_STRING && !strcmp(v->text, "device"))
		l->s->identity = IDMAP_DEVICE;
	else if (v->type == JSON_STRING && !strcmp(v->text, "none"))
		l->s->identity = IDMAP_NONE;
	else
		return bad(l, "identity_map", "expected \"normal\", \"device\", \"none\", true or false");
	return 0;
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 1 << 16;
	char *buf = NULL;

	*len = 0;
	if (!f)
		return NULL;
	buf = malloc(cap);
	while (buf) {
		size_t got = fread(buf + *len, 1, cap - *len, f);
		if (!got)
			break;
		*len += got;
		if (*len == cap) {
			char *more = realloc(buf, cap *= 2);
			if (!more)
				free(buf);
			buf = more;
		}
	}
	if (buf && ferror(f)) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

int load_state_file(const char *path, struct setup *s, struct machine *m)
{
	struct loader l = { .path = path, .s = s, .m = m };
	const char *slash = strrchr(path, '/');
	char err[256];
	size_t len;
	char *text;
	struct json_value *root;
	int rc = 0;

	if (slash && (size_t)(slash - path) + 2 <= sizeof(l.dir))
		snprintf(l.dir, sizeof(l.dir), "%.*s/", (int)(slash - path), path);
	errno = 0;
	if (!(text = read_all(path, &len))) {
		fprintf(stderr, "nisv: --state: cannot read '%s': %s\n", path, errno ? strerror(errno) : "out of memory");
		return EXIT_USAGE;
	}
	root = json_parse(text, len, err, sizeof(err));
	free(text);
	if (!root)
		return bad(&l, "not JSON", err);
	if (root->type != JSON_OBJECT)
		rc = bad(&l, "the top", "expected an object");
	for (size_t i = 0; i < root->n && !rc; i++) {
		const char *k = root->keys[i];
		const struct json_value *v = &root->items[i];
		if (!strcmp(k, "registers"))
			rc = load_registers(&l, v);
		else if (!strcmp(k, "ram") || !strcmp(k, "dev"))
			rc = load_regions(&l, v, k[0] == 'd');
		else if (!strcmp(k, "features"))
			rc = load_features(&l, v);
		else if (!strcmp(k, "pa_bits")) {
			const char *t;
			snprintf(err, sizeof(err), "%s: pa_bits", path);
			rc = number_text(&l, v, "pa_bits", &t) ? EXIT_USAGE : setup_pa_bits(s, t, err);
		} else if (!strcmp(k, "vl") || !strcmp(k, "svl")) {
			const char *t;
			snprintf(err, sizeof(err), "%s: %s", path, k);
			rc = number_text(&l, v, k, &t) ? EXIT_USAGE : setup_vector_length(s, t, k[0] == 's', err);
		} else if (!strcmp(k, "identity_map"))
			rc = load_identity(&l, v);
		else
			rc = bad(&l, k, "unknown key (registers, ram, dev, features, pa_bits, vl, svl, identity_map)");
	}
	json_free(root);
	return rc;
}
