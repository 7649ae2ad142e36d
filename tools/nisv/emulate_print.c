/*
 * nisv emulate's output: what happened (the path, the status, each device
 * access, each register and byte range that changed, the exception), as text
 * or one JSON object; and on request the whole final state, in JSON in the
 * format --state reads, so that it can be fed to the next run.
 */
#include <stdlib.h>
#include <string.h>

#include "emulate.h"

static const char *fault_name(unsigned k)
{
	static const char *const names[] = {
		[NISV_FAULT_NONE] = "none",
		[NISV_FAULT_ALIGNMENT] = "alignment",
		[NISV_FAULT_EXTERNAL] = "external",
		[NISV_FAULT_UNSUPPORTED_EXCL] = "unsupported-exclusive-atomic",
		[NISV_FAULT_UNDEFINED] = "undefined",
		[NISV_FAULT_SP_ALIGNMENT] = "sp-alignment",
		[NISV_FAULT_ADDRESS_SIZE] = "address-size",
		[NISV_FAULT_TRANSLATION] = "translation",
		[NISV_FAULT_ACCESS_FLAG] = "access-flag",
		[NISV_FAULT_PERMISSION] = "permission",
		[NISV_FAULT_WALK_EXTERNAL] = "walk-external",
		[NISV_FAULT_SYS_TRAP] = "sys-trap",
		[NISV_FAULT_PC_ALIGNMENT] = "pc-alignment",
	};
	return k < sizeof(names) / sizeof(names[0]) && names[k] ? names[k] : "?";
}

static const char *kind_name(int kind)
{
	return kind == R_DEV ? "dev" : kind == R_RAM ? "ram" : "pagetable";
}

/* A device access's bytes as a little-endian number, most significant first. */
static void hex_le(char *out, const uint8_t *b, uint32_t len)
{
	out[0] = '0';
	out[1] = 'x';
	out[2] = 0;
	for (uint32_t k = 0; k < len && k < 16; k++)
		sprintf(out + 2 + 2 * k, "%02x", b[(len < 16 ? len : 16) - 1 - k]);
}

static void v_text(const nisv_v128 *v, char *out, size_t n)
{
	snprintf(out, n, "0x%016llx%016llx", (unsigned long long)v->hi, (unsigned long long)v->lo);
}

static int v_differs(const nisv_v128 *a, const nisv_v128 *b)
{
	return a->lo != b->lo || a->hi != b->hi;
}

/* The instruction's text; the word decoded again when nisv did not decode it. */
static void insn_text(const struct run *u, const struct machine *m, char *out, size_t n)
{
	nisv_insn d;

	nisv_decode(m->word, &d);
	format_insn(&d, u->before.reg[NISV_PC], out, n);
}

/* Byte ranges that changed: f(region, offset, length) for each. */
static void each_change(const struct machine *m, void (*f)(const struct region *, uint64_t, uint64_t))
{
	for (unsigned i = 0; i < m->n; i++) {
		const struct region *r = &m->r[i];
		for (uint64_t k = 0; k < r->size;) {
			uint64_t start = k;
			while (k < r->size && r->bytes[k] != r->initial[k])
				k++;
			if (k > start)
				f(r, start, k - start);
			else
				k++;
		}
	}
}

/* ---- SVE and SME registers (sve_each's callbacks) ----------------------------------- */

static void sve_change_text(void *ctx, const char *name, const char *hex)
{
	(void)ctx;
	printf("reg       %-9s = %s\n", name, hex);
}

static void sve_state_text(void *ctx, const char *name, const char *hex)
{
	(void)ctx;
	printf("  %-9s %s\n", name, hex);
}

static void sve_json(void *ctx, const char *name, const char *hex)
{
	(void)ctx;
	json_str(name, hex);
}

/* ---- text --------------------------------------------------------------------------- */

static void change_text(const struct region *r, uint64_t off, uint64_t len)
{
	printf("%-9s 0x%llx:", kind_name(r->kind), (unsigned long long)(r->base + off));
	for (uint64_t k = 0; k < len; k++)
		printf(" %02x", r->bytes[off + k]);
	printf("\n");
}

void print_text(const struct run *u, const struct setup *s, const struct machine *m)
{
	char text[128], name[16], val[40], summary[256];

	insn_text(u, m, text, sizeof(text));
	printf("insn      %08x  %s\n", m->word, text);
	if (u->trap)
		printf("path      nisv_handle_abort: ESR_EL2 0x%08llx (ISV=0%s), IPA 0x%llx, FAR %s0x%llx\n",
		       (unsigned long long)u->esr_el2, u->esr_el2 & (1u << 8) ? ", CM=1" : "",
		       (unsigned long long)u->ipa, u->far_valid ? "" : "(not given) ", (unsigned long long)u->far);
	else
		printf("path      nisv_emulate (%s)\n", u->why_direct);
	printf("status    %s\n", nisv_status_name(u->res.status));
	for (unsigned i = 0; i < m->nlog; i++) {
		hex_le(val, m->log[i].bytes, m->log[i].size);
		printf("device    %-5s 0x%llx size %u value %s\n", m->log[i].write ? "write" : "read",
		       (unsigned long long)m->log[i].addr, m->log[i].size, val);
	}
	if (m->log_dropped)
		printf("device    (%u more accesses not shown)\n", m->log_dropped);
	for (unsigned r = 0; r < NISV_REG_COUNT; r++)
		if (u->before.reg[r] != u->after.reg[r])
			printf("reg       %-9s = 0x%016llx\n", reg_name(r, name, sizeof(name)),
			       (unsigned long long)u->after.reg[r]);
	for (unsigned n = 0; n < 32; n++)
		if (v_differs(&u->before.v[n], &u->after.v[n])) {
			v_text(&u->after.v[n], val, sizeof(val));
			printf("reg       v%-8u = %s\n", n, val);
		}
	sve_each(s, u->before.sve, u->after.sve, sve_change_text, NULL);
	each_change(m, change_text);
	if (u->res.status == NISV_FAULT) {
		printf("exception %s: ESR_EL1 0x%08llx (%s)", fault_name(u->res.fault), (unsigned long long)u->res.esr,
		       esr_summary(u->res.esr, summary, sizeof(summary)));
		if (u->res.injected && u->after.reg[NISV_FAR_EL1] != u->before.reg[NISV_FAR_EL1])
			printf(", FAR_EL1 0x%llx, vector 0x%llx\n", (unsigned long long)u->after.reg[NISV_FAR_EL1],
			       (unsigned long long)u->after.reg[NISV_PC]);
		else if (u->res.injected)
			printf(", FAR_EL1 not written, vector 0x%llx\n", (unsigned long long)u->after.reg[NISV_PC]);
		else
			printf(", FAR 0x%llx (reported, not taken)\n", (unsigned long long)u->res.va);
	}
}

void print_state_text(const struct run *u, const struct setup *s, const struct machine *m)
{
	char name[16], val[40];

	printf("final state\n");
	for (unsigned r = 0; r < NISV_REG_COUNT; r++)
		printf("  %-9s 0x%016llx\n", reg_name(r, name, sizeof(name)), (unsigned long long)u->after.reg[r]);
	if (u->after.sve) {
		/* V[n] is Z[n] bytes 0-15: the z registers show it */
		if (s->vl)
			printf("  %-9s %u\n", "vl", s->vl);
		if (s->svl)
			printf("  %-9s %u\n", "svl", s->svl);
		sve_each(s, NULL, u->after.sve, sve_state_text, NULL);
	} else {
		for (unsigned n = 0; n < 32; n++) {
			v_text(&u->after.v[n], val, sizeof(val));
			printf("  v%-8u %s\n", n, val);
		}
	}
	printf("  %-9s", "features");
	for (unsigned b = 0; b < 32; b++)
		if (s->features >> b & 1 && feature_name(1u << b))
			printf(" %s", feature_name(1u << b));
	printf("%s\n  %-9s %u\n", s->features ? "" : " none", "pa_bits", s->pa_bits ? s->pa_bits : 48);
	for (unsigned i = 0; i < m->n; i++) {
		const struct region *r = &m->r[i];
		printf("  %-9s 0x%llx:0x%llx (%s; rows of zeros not shown)\n", kind_name(r->kind),
		       (unsigned long long)r->base, (unsigned long long)r->size, r->origin);
		for (uint64_t row = 0; row < r->size; row += 16) {
			uint64_t end = row + 16 < r->size ? row + 16 : r->size, k;
			for (k = row; k < end && !r->bytes[k]; k++)
				;
			if (k == end)
				continue;
			printf("    0x%llx:", (unsigned long long)(r->base + row));
			for (k = row; k < end; k++)
				printf(" %02x", r->bytes[k]);
			printf("\n");
		}
	}
}

/* ---- JSON ------------------------------------------------------------------------- */

static void change_json(const struct region *r, uint64_t off, uint64_t len)
{
	char *hex = malloc((size_t)len * 2 + 1);

	if (!hex)
		return;
	for (uint64_t j = 0; j < len; j++)
		sprintf(hex + 2 * j, "%02x", r->bytes[off + j]);
	json_begin_object(NULL);
	json_str("kind", kind_name(r->kind));
	json_hex("addr", r->base + off);
	json_str("bytes", hex);
	json_end_object();
	free(hex);
}

/* A region as --state reads it; bytes up to the last one that is not zero. */
static void region_json(const struct region *r)
{
	uint64_t len = r->size;
	char *hex;

	while (len && !r->bytes[len - 1])
		len--;
	json_begin_object(NULL);
	json_hex("addr", r->base);
	json_hex("size", r->size);
	if (len && (hex = malloc((size_t)len * 2 + 1)) != NULL) {
		for (uint64_t j = 0; j < len; j++)
			sprintf(hex + 2 * j, "%02x", r->bytes[j]);
		json_str("bytes", hex);
		free(hex);
	}
	if (r->kind == R_DEV) {
		if (!(r->policy & NISV_DEV_EXCLUSIVE))
			json_bool("noexcl", 1);
		if (!(r->policy & NISV_DEV_ATOMIC))
			json_bool("noatomic", 1);
		if (r->widths) {
			json_begin_array("widths");
			for (unsigned b = 0; b < 5; b++)
				if (r->widths >> b & 1)
					json_u64(NULL, 1u << b);
			json_end_array();
		}
	}
	json_end_object();
}

/* The final state in the format of --state (the page tables are RAM there). */
static void final_state_json(const struct run *u, const struct setup *s, const struct machine *m)
{
	char name[16], val[40];

	json_begin_object("final_state");
	json_begin_object("registers");
	for (unsigned r = 0; r < NISV_REG_COUNT; r++)
		json_hex(reg_name(r, name, sizeof(name)), u->after.reg[r]);
	if (u->after.sve) {
		/* V[n] is Z[n] bytes 0-15; a v<n> here would zero the rest of z<n> */
		sve_each(s, NULL, u->after.sve, sve_json, NULL);
	} else {
		for (unsigned n = 0; n < 32; n++) {
			snprintf(name, sizeof(name), "v%u", n);
			v_text(&u->after.v[n], val, sizeof(val));
			json_str(name, val);
		}
	}
	json_end_object();
	if (s->vl)
		json_u64("vl", s->vl);
	if (s->svl)
		json_u64("svl", s->svl);
	for (int dev = 0; dev <= 1; dev++) {
		json_begin_array(dev ? "dev" : "ram");
		for (unsigned i = 0; i < m->n; i++)
			if ((m->r[i].kind == R_DEV) == dev)
				region_json(&m->r[i]);
		json_end_array();
	}
	json_begin_array("features");
	for (unsigned b = 0; b < 32; b++)
		if (s->features >> b & 1 && feature_name(1u << b))
			json_str(NULL, feature_name(1u << b));
	json_end_array();
	json_u64("pa_bits", s->pa_bits ? s->pa_bits : 48);
	json_end_object();
}

void print_json(const struct run *u, const struct setup *s, const struct machine *m, int with_state)
{
	char text[128], name[16], val[40], summary[256];

	insn_text(u, m, text, sizeof(text));
	json_begin_object(NULL);
	json_hex("word", m->word);
	json_str("text", text);
	json_bool("memory_instruction", u->memory_insn);
	json_str("path", u->trap ? "trap" : "direct");
	if (u->trap) {
		json_hex("esr_el2", u->esr_el2);
		json_hex("ipa", u->ipa);
		if (u->far_valid)
			json_hex("far", u->far);
	} else {
		json_str("direct_reason", u->why_direct);
	}
	json_str("status", nisv_status_name(u->res.status));
	json_begin_array("device_accesses");
	for (unsigned i = 0; i < m->nlog; i++) {
		hex_le(val, m->log[i].bytes, m->log[i].size);
		json_begin_object(NULL);
		json_str("dir", m->log[i].write ? "write" : "read");
		json_hex("addr", m->log[i].addr);
		json_u64("size", m->log[i].size);
		json_str("value", val);
		json_end_object();
	}
	json_end_array();
	json_begin_object("registers");
	for (unsigned r = 0; r < NISV_REG_COUNT; r++)
		if (u->before.reg[r] != u->after.reg[r])
			json_hex(reg_name(r, name, sizeof(name)), u->after.reg[r]);
	for (unsigned n = 0; n < 32; n++)
		if (v_differs(&u->before.v[n], &u->after.v[n])) {
			snprintf(name, sizeof(name), "v%u", n);
			v_text(&u->after.v[n], val, sizeof(val));
			json_str(name, val);
		}
	sve_each(s, u->before.sve, u->after.sve, sve_json, NULL);
	json_end_object();
	json_begin_array("memory");
	each_change(m, change_json);
	json_end_array();
	if (u->res.status == NISV_FAULT) {
		json_begin_object("exception");
		json_str("kind", fault_name(u->res.fault));
		json_hex("esr", u->res.esr);
		json_str("class", esr_summary(u->res.esr, summary, sizeof(summary)));
		json_bool("taken", u->res.injected);
		if (!u->res.injected)
			json_hex("far", u->res.va);
		else if (u->after.reg[NISV_FAR_EL1] != u->before.reg[NISV_FAR_EL1])
			json_hex("far", u->after.reg[NISV_FAR_EL1]);
		else
			json_null("far");
		if (u->res.injected)
			json_hex("vector", u->after.reg[NISV_PC]);
		json_end_object();
	} else {
		json_null("exception");
	}
	if (with_state)
		final_state_json(u, s, m);
	json_end_object();
	json_done();
}
