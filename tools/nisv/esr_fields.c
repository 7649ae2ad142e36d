/*
 * An ESR read with the dictionary of esr_table.c: the fields of its class's
 * layout with their values and meanings, RES0 for every bit the layout
 * leaves, and their text and JSON forms.
 */
#include <stdlib.h>
#include <string.h>

#include "esr.h"
#include "sysreg.h"
#include "tool.h"

static uint64_t bits(uint64_t esr, unsigned hi, unsigned lo)
{
	unsigned w = hi - lo + 1;
	return (esr >> lo) & (w >= 64 ? ~0ull : (1ull << w) - 1);
}

const struct esr_class *esr_class_of(unsigned ec)
{
	for (size_t i = 0; i < esr_class_count; i++)
		if (esr_classes[i].ec == ec)
			return &esr_classes[i];
	return NULL;
}

static const struct esr_fsc *fsc_of(unsigned fsc)
{
	for (size_t i = 0; i < esr_fsc_count; i++)
		if (fsc >= esr_fscs[i].lo && fsc <= esr_fscs[i].hi)
			return &esr_fscs[i];
	return NULL;
}

/* tmpl with its "{}" replaced by val */
static void fill(char *out, size_t n, const char *tmpl, const char *val)
{
	const char *slot = strstr(tmpl, "{}");

	if (!slot)
		snprintf(out, n, "%s", tmpl);
	else
		snprintf(out, n, "%.*s%s%s", (int)(slot - tmpl), tmpl, val, slot + 2);
}

const char *esr_fsc_text(unsigned fsc, char *buf, size_t n)
{
	const struct esr_fsc *f = fsc_of(fsc);
	char level[4];

	snprintf(level, sizeof(level), "%u", fsc & 3);
	fill(buf, n, f ? f->text : "reserved value", level);
	return buf;
}

/* The name S_ENUM's values give v: "a|b|c" by position, "N=text", "*=text". */
static void enum_name(const char *values, uint64_t v, char *out, size_t n)
{
	const char *p = values, *other = "reserved value";
	size_t other_len = strlen(other);
	uint64_t next = 0; /* the value the next entry names without "N=" */

	for (;;) {
		size_t len = strcspn(p, "|");
		const char *eq = memchr(p, '=', len), *text = p;
		uint64_t key = next;
		char num[24];

		if (eq == p + 1 && *p == '*') {
			other = eq + 1;
			other_len = len - 2;
		} else {
			if (eq && (size_t)(eq - p) < sizeof(num)) {
				memcpy(num, p, (size_t)(eq - p));
				num[eq - p] = 0;
				if (!parse_u64(num, &key))
					text = eq + 1;
				else
					key = next;
			}
			if (key == v) {
				snprintf(out, n, "%.*s", (int)(p + len - text), text);
				return;
			}
			next = key + 1;
		}
		if (!p[len])
			break;
		p += len + 1;
	}
	snprintf(out, n, "%.*s", (int)other_len, other);
}

/* "MRS x13, SCTLRMASK_EL2 (S3_4_C1_C4_0)": the access of an MSR/MRS/SYS (or
 * MSRR/MRRS/SYSP) syndrome, and its encoding when the text does not show it. */
static void sysreg_text(uint64_t esr, char *buf, size_t n)
{
	struct sysreg_access a;

	sysreg_access((uint32_t)bits(esr, 24, 0), bits(esr, 31, 26) == 0x14, &a);
	if (strstr(a.insn, a.encoding))
		snprintf(buf, n, "%s", a.insn);
	else
		snprintf(buf, n, "%s (%s)", a.insn, a.encoding);
}

static void show_value(const struct esr_field *r, uint64_t esr, char *out, size_t n)
{
	uint64_t v = bits(esr, r->hi, r->lo);
	unsigned width = r->hi - r->lo + 1u;
	char name[112];

	switch (r->show) {
	case S_ENUM:
		enum_name(r->values, v, out, n);
		break;
	case S_DEC:
		snprintf(out, n, "%llu", (unsigned long long)v);
		break;
	case S_HEX:
		snprintf(out, n, "0x%0*llx", (int)((width + 3) / 4 & 31), (unsigned long long)v);
		break;
	case S_BIN: {
		char b[2 + 64 + 1] = "0b";
		for (unsigned i = 0; i < width; i++)
			b[2 + i] = (char)('0' + (v >> (width - 1 - i) & 1));
		b[2 + width] = 0;
		snprintf(out, n, "%s", b);
		break;
	}
	case S_REG:
		snprintf(out, n, v == 31 ? "x31/xzr" : "x%llu", (unsigned long long)v);
		break;
	case S_REG_PAIR:
		snprintf(out, n, "x%llu", (unsigned long long)v * 2);
		break;
	case S_SRT:
		snprintf(out, n, v == 31 ? "register 31 (XZR/WZR)" : "x%llu", (unsigned long long)v);
		break;
	case S_FSC:
		esr_fsc_text((unsigned)v, out, n);
		break;
	case S_SYSREG:
		sysreg_text(esr, name, sizeof(name));
		snprintf(out, n, "C%llu  -> %s", (unsigned long long)v, name);
		break;
	default:
		snprintf(out, n, "?");
	}
}

static int present(unsigned when, uint64_t esr)
{
	unsigned fsc = (unsigned)bits(esr, 5, 0);
	const struct esr_fsc *f = fsc_of(fsc);
	int iss24 = (int)bits(esr, 24, 24), sea = f && f->external;
	unsigned gcs_type = (unsigned)bits(esr, 23, 20);

	switch (when) {
	case W_ALWAYS: return 1;
	case W_ISS24_SET: return iss24;
	case W_ISS24_CLEAR: return !iss24;
	case W_NOT_ISV_SEA: return !iss24 && sea;
	case W_SEA: return sea;
	case W_FSC_SEA: return fsc == 0x10;
	case W_FSC_EXCL: return fsc == 0x35;
	case W_GCS_DATA: return gcs_type == 0;
	case W_GCS_NOT_LOCK: return gcs_type != 1;
	case W_GCS_STR: return gcs_type == 2;
	case W_SERROR_ASYNC: return !iss24 && fsc == 0x11;
	default: return 0;
	}
}

static void add(struct esr_view *v, const char *name, unsigned hi, unsigned lo, const char *meaning, uint64_t *covered)
{
	struct esr_field_value *f;

	if (v->n == ESR_MAX_FIELDS)
		return;
	f = &v->f[v->n++];
	snprintf(f->name, sizeof(f->name), "%s", name);
	f->hi = hi;
	f->lo = lo;
	f->value = bits(v->esr, hi, lo);
	f->res0_set = 0;
	snprintf(f->meaning, sizeof(f->meaning), "%s", meaning);
	for (unsigned b = lo; b <= hi; b++)
		*covered |= 1ull << b;
}

/* The fields of [hi:lo] (the ISS or the ISS2), RES0 between them, highest first. */
static void read_part(struct esr_view *v, unsigned hi, unsigned lo)
{
	unsigned first = v->n;
	uint64_t covered = 0;
	char val[256], meaning[320];

	for (size_t i = 0; i < esr_field_count; i++) {
		const struct esr_field *r = &esr_field_rows[i];
		if (!(r->classes >> v->ec & 1) || r->lo < lo || r->hi > hi || !present(r->when, v->esr))
			continue;
		show_value(r, v->esr, val, sizeof(val));
		fill(meaning, sizeof(meaning), r->meaning, val);
		add(v, r->name, r->hi, r->lo, meaning, &covered);
	}
	for (int b = (int)hi; b >= (int)lo;) {
		if (covered >> b & 1) {
			b--;
			continue;
		}
		int top = b;
		while (b >= (int)lo && !(covered >> b & 1))
			b--;
		add(v, "RES0", (unsigned)top, (unsigned)(b + 1), "Reserved, RES0", &covered);
		v->f[v->n - 1].res0_set = v->f[v->n - 1].value != 0;
	}
	for (unsigned i = first + 1; i < v->n; i++) /* highest bits first (no two overlap) */
		for (unsigned j = i; j > first && v->f[j - 1].hi < v->f[j].hi; j--) {
			struct esr_field_value t = v->f[j];
			v->f[j] = v->f[j - 1];
			v->f[j - 1] = t;
		}
}

void esr_read(uint64_t esr, struct esr_view *v)
{
	v->esr = esr;
	v->ec = (unsigned)bits(esr, 31, 26);
	v->cls = esr_class_of(v->ec);
	v->n = 0;
	read_part(v, 24, 0);
	v->n_iss = v->n;
	read_part(v, 55, 32);
}

/* "Data Abort taken without a change in Exception level: Alignment fault" */
const char *esr_summary(uint64_t esr, char *buf, size_t n)
{
	unsigned ec = (unsigned)bits(esr, 31, 26);
	const struct esr_class *c = esr_class_of(ec);
	char fsc[200];

	if (ec == 0x20 || ec == 0x21 || ec == 0x24 || ec == 0x25)
		snprintf(buf, n, "%s: %s", c->name, esr_fsc_text((unsigned)esr & 0x3f, fsc, sizeof(fsc)));
	else
		snprintf(buf, n, "%s", c ? c->name : "unallocated EC value");
	return buf;
}

/* Any RES0 bit set: [63:56], a RES0 field of the ISS or ISS2, or an
 * unallocated EC (whose whole ISS is reserved). */
int esr_res0_violation(const struct esr_view *v)
{
	int set = (v->esr >> 56) != 0 || !v->cls;

	for (unsigned i = 0; i < v->n; i++)
		set |= v->f[i].res0_set;
	return set;
}

/* ---- output ------------------------------------------------------------------- */

static const char *il_text(uint64_t esr)
{
	return bits(esr, 25, 25) ? "32-bit instruction trapped (or an exception for which IL is 1)"
	                         : "16-bit instruction trapped (T32)";
}

static void bits_text(const struct esr_field_value *f, char *buf, size_t n)
{
	if (f->hi == f->lo)
		snprintf(buf, n, "[%u]", f->hi);
	else
		snprintf(buf, n, "[%u:%u]", f->hi, f->lo);
}

static void print_fields(const struct esr_view *v, unsigned from, unsigned to, const char *json_key)
{
	char b[16];

	if (json_key)
		json_begin_array(json_key);
	for (unsigned i = from; i < to; i++) {
		const struct esr_field_value *f = &v->f[i];
		bits_text(f, b, sizeof(b));
		if (json_key) {
			json_begin_object(NULL);
			json_str("name", f->name);
			json_str("bits", b);
			json_hex("value", f->value);
			json_str("meaning", f->meaning);
			if (f->res0_set)
				json_bool("res0_violation", 1);
			json_end_object();
		} else {
			printf("    %-12s %-8s 0x%-6llx %s%s\n", f->name, b, (unsigned long long)f->value, f->meaning,
			       f->res0_set ? "  (WARNING: RES0 bits set)" : "");
		}
	}
	if (json_key)
		json_end_array();
}

void esr_print_text(const struct esr_view *v)
{
	uint64_t top = v->esr >> 56;

	printf("ESR 0x%016llx\n", (unsigned long long)v->esr);
	printf("  EC   [31:26] 0x%02x  %s\n", v->ec, v->cls ? v->cls->name : "unallocated EC value");
	printf("  IL   [25]    %u     %s\n", (unsigned)bits(v->esr, 25, 25), il_text(v->esr));
	printf("  ISS  [24:0]  0x%07llx  (ISS encoding for %s)\n", (unsigned long long)bits(v->esr, 24, 0),
	       v->cls ? v->cls->iss_name : "an unallocated EC: none");
	print_fields(v, 0, v->n_iss, NULL);
	printf("  ISS2 [55:32] 0x%06llx\n", (unsigned long long)bits(v->esr, 55, 32));
	print_fields(v, v->n_iss, v->n, NULL);
	if (top)
		printf("  RES0 [63:56] 0x%02llx  WARNING: RES0 bits set\n", (unsigned long long)top);
}

void esr_print_json(const struct esr_view *v)
{
	json_hex("esr", v->esr);
	json_begin_object("ec");
	json_hex("value", v->ec);
	json_str("name", v->cls ? v->cls->name : "unallocated EC value");
	json_str("iss_encoding", v->cls ? v->cls->iss_name : "none");
	json_end_object();
	json_begin_object("il");
	json_u64("value", bits(v->esr, 25, 25));
	json_str("meaning", il_text(v->esr));
	json_end_object();
	json_hex("iss", bits(v->esr, 24, 0));
	print_fields(v, 0, v->n_iss, "iss_fields");
	json_hex("iss2", bits(v->esr, 55, 32));
	print_fields(v, v->n_iss, v->n, "iss2_fields");
	if (v->ec == 0x14 || v->ec == 0x18) {
		struct sysreg_access a;
		sysreg_access((uint32_t)bits(v->esr, 24, 0), v->ec == 0x14, &a);
		json_begin_object("sysreg");
		json_str("encoding", a.encoding);
		if (a.name[0])
			json_str("name", a.name);
		else
			json_null("name");
		json_str("instruction", a.insn);
		json_end_object();
	}
	json_bool("res0_violation", esr_res0_violation(v));
}
