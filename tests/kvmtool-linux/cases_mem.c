/* glibc memcpy/memset/memmove on the BAR and the UART scratch register. */
#include <stdio.h>
#include <string.h>

#include "kc.h"

/* Volatile pointers: gcc cannot inline, glibc's ifunc-selected routine runs. */
static void *(*volatile v_memcpy)(void *, const void *, size_t) = memcpy;
static void *(*volatile v_memmove)(void *, const void *, size_t) = memmove;
static void *(*volatile v_memset)(void *, int, size_t) = memset;

enum op { OP_CPY, OP_MOVE, OP_SET };
struct call {
	enum op op;
	void *d;
	const void *s;
	int c;
	size_t n;
	void *ret;
};

static void run_call(void *a)
{
	struct call *c = a;
	if (c->op == OP_CPY)
		c->ret = v_memcpy(c->d, c->s, c->n);
	else if (c->op == OP_MOVE)
		c->ret = v_memmove(c->d, c->s, c->n);
	else
		c->ret = v_memset(c->d, c->c, c->n);
}

/* Runs the call; returns 1 if it faulted (the fault itself is checked here). */
static int do_call(struct call *c, const char *what)
{
	struct kc_fault f;
	if (kc_guard(run_call, c, &f)) {
		kc_fault_check(&f, what);
		return 1;
	}
	kc_check(c->ret == c->d, "%s: returned %p, expected %p", what, c->ret, c->d);
	return 0;
}

static const size_t aligns[] = { 0, 1, 3, 4, 7, 8, 15 };
#define NA (sizeof aligns / sizeof aligns[0])
#define MAXLEN 256
#define GUARD 8
#define VERIFY_EVERY 32

int kc_full;
static uint8_t shadow[KC_BAR_SIZE];	/* what the BAR holds, per the reference path */

static void bar_fill(uint32_t seed, int all_odd)
{
	uint8_t b[KC_BAR_SIZE];
	for (size_t i = 0; i < KC_BAR_SIZE; i++)
		b[i] = kc_pat(seed, i) | (all_odd ? 1 : 0);
	kc_bar_safe(0, b, KC_BAR_SIZE);
	ref_write(kc_dev.bar, b, KC_BAR_SIZE);
	memcpy(shadow, b, KC_BAR_SIZE);
}

static void bar_verify_all(const char *ctx)
{
	uint8_t got[KC_BAR_SIZE];
	ref_read(kc_dev.bar, got, KC_BAR_SIZE);
	size_t i = 0;
	while (i < KC_BAR_SIZE && got[i] == shadow[i])
		i++;
	if (!kc_check(i == KC_BAR_SIZE, "%s: whole-BAR readback: bar[%zu] = %#x, expected %#x", ctx,
		      i, i < KC_BAR_SIZE ? got[i] : 0, i < KC_BAR_SIZE ? shadow[i] : 0))
		memcpy(shadow, got, KC_BAR_SIZE);
}

/*
 * After a call that should have written newv[0..n) at BAR offset off: every byte of
 * [off-GUARD, off+n+GUARD) must be the new value inside the range and the old value
 * outside it; after a fault an in-range byte may also still be old.
 */
static void judge_bar(const char *what, size_t off, size_t n, const uint8_t *newv, int faulted)
{
	size_t lo = off >= GUARD ? off - GUARD : 0;
	size_t hi = off + n + GUARD < KC_BAR_SIZE ? off + n + GUARD : KC_BAR_SIZE;
	uint8_t got[KC_BAR_SIZE];
	size_t bad = hi;
	ref_read(kc_dev.bar + lo, got + lo, hi - lo);
	for (size_t i = lo; i < hi && bad == hi; i++) {
		int in = i >= off && i < off + n;
		uint8_t want = in ? newv[i - off] : shadow[i];
		if (got[i] != want && !(faulted && in && got[i] == shadow[i]))
			bad = i;
	}
	kc_check(bad == hi, "%s: bar[%zu] = %#x, expected %#x (old %#x, %s range, %s)", what, bad,
		 bad < hi ? got[bad] : 0,
		 bad < hi ? (bad >= off && bad < off + n ? newv[bad - off] : shadow[bad]) : 0,
		 bad < hi ? shadow[bad] : 0, bad >= off && bad < off + n ? "in" : "outside",
		 faulted ? "after a fault" : "completed");
	memcpy(shadow + lo, got + lo, hi - lo);
}

/* A 16-aligned base so that [base+a, base+a+len) fits the table; spreads over it. */
static size_t place(size_t len, size_t ia, size_t a)
{
	size_t slots = (KC_BAR_SIZE - len - 16) / 16 + 1;
	return 16 * ((len + 3 * ia) % slots) + a;
}

static uint8_t normbuf[64 + 16 + MAXLEN + 64] __attribute__((aligned(64)));

void case_memcpy_to_bar(void)
{
	bar_fill(0x1000, 0);
	for (size_t len = 1; len <= MAXLEN; len++) {
		for (size_t ia = 0; ia < NA; ia++) {
			for (size_t k = 0; k < (kc_full ? NA : 1); k++) {
				size_t ib = kc_full ? k : (ia + len) % NA;
				size_t off = place(len, ia, aligns[ia]);
				uint8_t *src = normbuf + 64 + aligns[ib];
				char what[96];
				for (size_t i = 0; i < len; i++) {
					uint8_t v = kc_pat((uint32_t)(len * 64 + ia * 8 + ib), i);
					if (kc_is_ctrl0(off + i))
						v |= 1;
					if (v == shadow[off + i])
						v ^= kc_is_ctrl0(off + i) ? 2 : 0x80;
					src[i] = v;
				}
				snprintf(what, sizeof what, "memcpy(bar+%zu, buf+%zu, %zu)", off,
					 aligns[ib], len);
				struct call c = { OP_CPY, kc_dev.bar + off, src, 0, len, NULL };
				int faulted = do_call(&c, what);
				judge_bar(what, off, len, src, faulted);
			}
		}
		if (len % VERIFY_EVERY == 0)
			bar_verify_all("memcpy-to-bar");
	}
}

void case_memcpy_from_bar(void)
{
	uint8_t before[sizeof normbuf];
	bar_fill(0x2000, 0);
	for (size_t len = 1; len <= MAXLEN; len++) {
		for (size_t ia = 0; ia < NA; ia++) {
			for (size_t k = 0; k < (kc_full ? NA : 1); k++) {
				size_t ib = kc_full ? k : (ia + len) % NA;
				size_t off = place(len, ia, aligns[ia]);
				size_t d = 64 + aligns[ib];
				char what[96];
				for (size_t i = 0; i < sizeof normbuf; i++)
					normbuf[i] = kc_pat((uint32_t)(len * 64 + ia * 8 + ib + 0x5000), i);
				for (size_t i = 0; i < len; i++)
					if (normbuf[d + i] == shadow[off + i])
						normbuf[d + i] ^= 0x80;
				memcpy(before, normbuf, sizeof normbuf);
				snprintf(what, sizeof what, "memcpy(buf+%zu, bar+%zu, %zu)", aligns[ib],
					 off, len);
				struct call c = { OP_CPY, normbuf + d, kc_dev.bar + off, 0, len, NULL };
				int faulted = do_call(&c, what);
				size_t bad = sizeof normbuf;
				for (size_t i = 0; i < sizeof normbuf && bad == sizeof normbuf; i++) {
					int in = i >= d && i < d + len;
					uint8_t want = in ? shadow[off + i - d] : before[i];
					if (normbuf[i] != want && !(faulted && in && normbuf[i] == before[i]))
						bad = i;
				}
				kc_check(bad == sizeof normbuf,
					 "%s: buf[%zd] = %#x, expected %#x (before %#x, %s)", what,
					 (ssize_t)bad - (ssize_t)64,
					 bad < sizeof normbuf ? normbuf[bad] : 0,
					 bad >= d && bad < d + len ? shadow[off + bad - d]
								   : bad < sizeof normbuf ? before[bad] : 0,
					 bad < sizeof normbuf ? before[bad] : 0,
					 faulted ? "after a fault" : "completed");
			}
		}
		if (len % VERIFY_EVERY == 0)
			bar_verify_all("memcpy-from-bar");
	}
}

/* A fill byte that differs from every byte the check looks at (if one exists). */
static int pick_fill(size_t off, size_t len, int need_odd, int want_zero, uint32_t seed)
{
	size_t lo = off >= GUARD ? off - GUARD : 0;
	size_t hi = off + len + GUARD < KC_BAR_SIZE ? off + len + GUARD : KC_BAR_SIZE;
	int c0 = want_zero && !need_odd ? 0 : kc_pat(seed, 0) | need_odd;
	for (int k = 0; k < 256; k++) {
		int c = (c0 + k * (need_odd ? 2 : 1)) & 0xff, clash = 0;
		for (size_t i = lo; i < hi && !clash; i++)
			clash = shadow[i] == c;
		if (!clash)
			return c;
	}
	return c0;
}

void case_memset_bar(void)
{
	uint8_t newv[MAXLEN];
	bar_fill(0x3000, 0);
	for (size_t len = 1; len <= MAXLEN; len++) {
		for (size_t ia = 0; ia < NA; ia++) {
			size_t off = place(len, ia, aligns[ia]);
			int need_odd = 0;
			char what[96];
			for (size_t i = 0; i < len; i++)
				need_odd |= kc_is_ctrl0(off + i);
			int c = pick_fill(off, len, need_odd, (len + ia) % 3 == 0,
					  (uint32_t)(len * 8 + ia));
			memset(newv, c, len);
			snprintf(what, sizeof what, "memset(bar+%zu, %#x, %zu)", off, c, len);
			struct call cl = { OP_SET, kc_dev.bar + off, NULL, c, len, NULL };
			int faulted = do_call(&cl, what);
			judge_bar(what, off, len, newv, faulted);
		}
		if (len % VERIFY_EVERY == 0)
			bar_verify_all("memset-bar");
	}
}

void case_memmove_bar(void)
{
	/* All BAR bytes stay odd so that whatever lands on a ctrl word keeps the mask bit. */
	uint8_t exp[KC_BAR_SIZE];
	for (size_t len = 1; len <= MAXLEN; len++) {
		if (len % VERIFY_EVERY == 1) {
			if (len > 1)
				bar_verify_all("memmove-bar");
			bar_fill((uint32_t)(0x4000 + len), 1);
		}
		for (size_t ia = 0; ia < NA; ia++) {
			for (size_t k = 0; k < (kc_full ? NA : 1); k++) {
				size_t ib = kc_full ? k : (ia + len + 3 * k) % NA;
				size_t a = aligns[ia], dp = (aligns[ib] - a) & 15, big = 16 * (len / 64);
				int up = (int)((len + ia + ib) & 1);
				size_t dst = 96 + 16 * ((len + ia) % 4) + a;
				size_t src = up ? dst + dp + big : dst + dp - 16 - big;
				char what[96];
				memcpy(exp, shadow, KC_BAR_SIZE);
				memmove(exp + dst, exp + src, len);
				snprintf(what, sizeof what, "memmove(bar+%zu, bar+%zu, %zu)", dst, src, len);
				struct call c = { OP_MOVE, kc_dev.bar + dst, kc_dev.bar + src, 0, len, NULL };
				int faulted = do_call(&c, what);
				judge_bar(what, dst, len, exp + dst, faulted);
			}
		}
	}
	bar_verify_all("memmove-bar");
}

/* One byte to/from the scratch register; any outcome other than old/new is a failure. */
void case_memcpy_uart_scratch(void)
{
	static const uint8_t vals[] = { 0x00, 0xff, 0x5a, 0xa5, 0x01, 0x80, 0x7f, 0x3c };
	uint8_t *scr = kc_dev.uart_scr;
	for (size_t i = 0; i < sizeof vals; i++) {
		uint8_t old = ref_rd8(scr), v = vals[i] == old ? (uint8_t)~old : vals[i];
		char what[64];
		snprintf(what, sizeof what, "memcpy(scr, &%#x, 1)", v);
		struct call c = { OP_CPY, scr, &v, 0, 1, NULL };
		int faulted = do_call(&c, what);
		uint8_t got = ref_rd8(scr);
		kc_check(got == v || (faulted && got == old), "%s: scratch = %#x (old %#x)", what, got, old);

		uint8_t cur = ref_rd8(scr), pre = (uint8_t)~cur, out = pre;
		snprintf(what, sizeof what, "memcpy(&out, scr, 1) [scr=%#x]", cur);
		c = (struct call){ OP_CPY, &out, scr, 0, 1, NULL };
		faulted = do_call(&c, what);
		kc_check(out == cur || (faulted && out == pre), "%s: out = %#x", what, out);

		old = ref_rd8(scr);
		uint8_t s = (uint8_t)(old + 0x33);
		snprintf(what, sizeof what, "memset(scr, %#x, 1)", s);
		c = (struct call){ OP_SET, scr, NULL, s, 1, NULL };
		faulted = do_call(&c, what);
		got = ref_rd8(scr);
		kc_check(got == s || (faulted && got == old), "%s: scratch = %#x (old %#x)", what, got, old);
	}
}
