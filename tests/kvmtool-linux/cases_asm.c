/* Inline-asm pair and vector loads/stores (ldp/stp x, w, q; ld1/st1) and ldxr/stxr. */
#include <stdio.h>
#include <string.h>

#include "kc.h"

/* Each copies size bytes with the same instruction on both sides. */
static void cp_x(void *d, const void *s)
{
	__asm__ volatile("ldp x2, x3, [%1]\n stp x2, x3, [%0]" : : "r"(d), "r"(s) : "x2", "x3", "memory");
}
static void cp_w(void *d, const void *s)
{
	__asm__ volatile("ldp w2, w3, [%1]\n stp w2, w3, [%0]" : : "r"(d), "r"(s) : "x2", "x3", "memory");
}
static void cp_q(void *d, const void *s)
{
	__asm__ volatile("ldp q0, q1, [%1]\n stp q0, q1, [%0]" : : "r"(d), "r"(s) : "v0", "v1", "memory");
}
static void cp_ld1_16b(void *d, const void *s)
{
	__asm__ volatile("ld1 {v0.16b}, [%1]\n st1 {v0.16b}, [%0]" : : "r"(d), "r"(s) : "v0", "memory");
}
static void cp_ld1_2d2(void *d, const void *s)
{
	__asm__ volatile("ld1 {v0.2d, v1.2d}, [%1]\n st1 {v0.2d, v1.2d}, [%0]" : : "r"(d), "r"(s)
			 : "v0", "v1", "memory");
}

static const struct op {
	const char *name;
	void (*fn)(void *, const void *);
	size_t size, elem;
} ops[] = {
	{ "ldp/stp x", cp_x, 16, 8 },
	{ "ldp/stp w", cp_w, 8, 4 },
	{ "ldp/stp q", cp_q, 32, 16 },
	{ "ld1/st1 {v0.16b}", cp_ld1_16b, 16, 1 },
	{ "ld1/st1 {v0.2d-v1.2d}", cp_ld1_2d2, 32, 8 },
};

struct cp { void (*fn)(void *, const void *); void *d; const void *s; };
static void run_cp(void *a)
{
	struct cp *c = a;
	c->fn(c->d, c->s);
}

static int guarded(void (*fn)(void *, const void *), void *d, const void *s, const char *what)
{
	struct cp c = { fn, d, s };
	struct kc_fault f;
	if (kc_guard(run_cp, &c, &f)) {
		kc_fault_check(&f, what);
		return 1;
	}
	return 0;
}

void case_ldp_stp(void)
{
	static const size_t offs[] = { 0, 4, 8, 16, 24, 48, 256, 400, 496 };
	for (size_t o = 0; o < sizeof ops / sizeof ops[0]; o++) {
		const struct op *op = &ops[o];
		for (size_t j = 0; j < sizeof offs / sizeof offs[0]; j++) {
			size_t off = offs[j], n = op->size;
			uint8_t src[32], old[48], got[48], out[48], pre[48];
			char what[96];
			if (off % op->elem || off + n > KC_BAR_SIZE)
				continue;
			/* store: normal -> BAR; check the range and 8 bytes after it */
			size_t span = off + n + 8 <= KC_BAR_SIZE ? n + 8 : n;
			ref_read(kc_dev.bar + off, old, span);
			for (size_t i = 0; i < n; i++) {
				src[i] = kc_pat((uint32_t)(o * 64 + j), i);
				if (src[i] == old[i])
					src[i] ^= 0x80;
			}
			kc_bar_safe(off, src, n);
			snprintf(what, sizeof what, "%s store to bar+%zu", op->name, off);
			int faulted = guarded(op->fn, kc_dev.bar + off, src, what);
			ref_read(kc_dev.bar + off, got, span);
			for (size_t i = 0; i < span; i++)
				if (!kc_check(got[i] == (i < n ? src[i] : old[i]) ||
						      (faulted && got[i] == old[i]),
					      "%s: byte %zu = %#x, expected %#x (old %#x)", what, i, got[i],
					      i < n ? src[i] : old[i], old[i]))
					break;
			/* load: BAR -> normal, new contents written via the reference path */
			for (size_t i = 0; i < n; i++)
				got[i] = (uint8_t)(kc_pat((uint32_t)(o * 64 + j + 32), i));
			kc_bar_safe(off, got, n);
			ref_write(kc_dev.bar + off, got, n);
			for (size_t i = 0; i < sizeof out; i++)
				out[i] = i < n ? (uint8_t)~got[i] : 0xee;
			memcpy(pre, out, sizeof out);
			snprintf(what, sizeof what, "%s load from bar+%zu", op->name, off);
			faulted = guarded(op->fn, out, kc_dev.bar + off, what);
			if (!faulted)
				kc_check(!memcmp(out, got, n) && !memcmp(out + n, pre + n, sizeof out - n),
					 "%s: loaded bytes differ from the device's", what);
		}
	}
}

/* ldxr/stxr (and ldaxr/stlxr): status must become 0 within a few tries. */
struct ex { uint32_t *p, nv, old, status; int tries, acq; };

static void run_ex(void *a)
{
	struct ex *e = a;
	uint32_t old, st = 1;
	int t;
	for (t = 1; t <= 8 && st; t++) {
		if (e->acq)
			__asm__ volatile("ldaxr %w0, [%2]\n stlxr %w1, %w3, [%2]"
					 : "=&r"(old), "=&r"(st) : "r"(e->p), "r"(e->nv) : "memory");
		else
			__asm__ volatile("ldxr %w0, [%2]\n stxr %w1, %w3, [%2]"
					 : "=&r"(old), "=&r"(st) : "r"(e->p), "r"(e->nv) : "memory");
		if (t == 1)
			e->old = old;
	}
	e->status = st;
	e->tries = t - 1;
}

static uint32_t ref_rd32(const uint8_t *p)
{
	uint8_t b[4];
	ref_read(p, b, 4);
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static void ref_wr32(uint8_t *p, uint32_t v)
{
	uint8_t b[4] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24) };
	ref_write(p, b, 4);
}

void case_exclusive(void)
{
	static const size_t offs[] = { 0, 4, 8, 16, 100, 256, 520 };
	for (int acq = 0; acq < 2; acq++) {
		for (size_t j = 0; j < sizeof offs / sizeof offs[0]; j++) {
			uint8_t *p = kc_dev.bar + offs[j];
			uint32_t before = 0x01020304u * (uint32_t)(j + 1) + (uint32_t)acq;
			uint32_t nv = ~before ^ 0x00100000u;
			char what[64];
			ref_wr32(p, before);
			snprintf(what, sizeof what, "%s on bar+%zu", acq ? "ldaxr/stlxr" : "ldxr/stxr",
				 offs[j]);
			struct ex e = { (uint32_t *)(void *)p, nv, 0, 1, 0, acq };
			struct kc_fault f;
			/*
			 * On a device the load-exclusive must fault (DFSC 0x35):
			 * kvmtool with nisv refuses exclusives on its traps, as an
			 * emulated LDXR cannot arm the CPU's own monitor and the
			 * STXR would fail forever without an exit.
			 */
			int faulted = kc_guard(run_ex, &e, &f);
			if (faulted)
				kc_fault_check(&f, what);
			kc_check(kc_dev.selftest ? !faulted : faulted && kc_fault_kind(&f) == KC_FAULT_EXCL,
				 "%s: %s", what, faulted ? "faulted" : "completed");
			uint32_t got = ref_rd32(p);
			uint32_t want = faulted ? before : nv;
			if (!faulted) {
				kc_check(e.old == before, "%s: loaded %#x, expected %#x", what, e.old, before);
				kc_check(e.status == 0, "%s: store-exclusive status %u after %d tries", what,
					 e.status, e.tries);
			}
			kc_check(got == want, "%s: device holds %#x, expected %#x", what, got, want);
		}
	}
}
