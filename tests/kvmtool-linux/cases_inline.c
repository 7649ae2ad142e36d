/* gcc-inlined struct copies (ldp/stp, q registers) and post-indexed strb/ldrb loops. */
#include <stdio.h>
#include <string.h>

#include "kc.h"

struct s8 { uint32_t a, b; };
struct s16 { uint64_t a, b; };
struct s32 { uint64_t a, b, c, d; };

/* build.sh checks the disassembly of these: stp/ldp for s16, q-register pairs for s32. */
__attribute__((noinline)) void kc_ic_store8(struct s8 *d, const struct s8 *s) { *d = *s; }
__attribute__((noinline)) void kc_ic_store16(struct s16 *d, const struct s16 *s) { *d = *s; }
__attribute__((noinline)) void kc_ic_store32(struct s32 *d, const struct s32 *s) { *d = *s; }

struct ic { void (*fn)(void *, const void *); void *d; const void *s; };

static void run_ic(void *a)
{
	struct ic *c = a;
	c->fn(c->d, c->s);
}

static void one_copy(const char *name, void (*fn)(void *, const void *), size_t size,
		     size_t off, uint32_t seed)
{
	uint8_t src[32], old[32], got[32], out[32];
	char what[80];
	struct kc_fault f;
	uint8_t *bar = kc_dev.bar + off;

	/* normal memory -> BAR */
	ref_read(bar, old, size);
	for (size_t i = 0; i < size; i++) {
		src[i] = kc_pat(seed, i);
		if (src[i] == old[i])
			src[i] ^= 0x80;
	}
	kc_bar_safe(off, src, size);
	snprintf(what, sizeof what, "%s store to bar+%zu", name, off);
	struct ic c = { fn, bar, src };
	int faulted = kc_guard(run_ic, &c, &f);
	if (faulted)
		kc_fault_check(&f, what);
	ref_read(bar, got, size);
	for (size_t i = 0; i < size; i++)
		if (!kc_check(got[i] == src[i] || (faulted && got[i] == old[i]),
			      "%s: byte %zu = %#x, expected %#x (old %#x)", what, i,
			      got[i], src[i], old[i]))
			break;

	/* BAR -> normal memory */
	memset(out, 0, sizeof out);
	for (size_t i = 0; i < size; i++)
		if (out[i] == got[i])
			out[i] = (uint8_t)~got[i];
	uint8_t pre[32];
	memcpy(pre, out, sizeof out);
	snprintf(what, sizeof what, "%s load from bar+%zu", name, off);
	c = (struct ic){ fn, out, bar };
	faulted = kc_guard(run_ic, &c, &f);
	if (faulted)
		kc_fault_check(&f, what);
	for (size_t i = 0; i < size; i++)
		if (!kc_check(out[i] == got[i] || (faulted && out[i] == pre[i]),
			      "%s: byte %zu = %#x, expected %#x", what, i, out[i], got[i]))
			break;
	kc_check(!memcmp(out + size, pre + size, sizeof out - size), "%s: wrote past %zu bytes", what, size);
}

#define CAST(f) ((void (*)(void *, const void *))(void (*)(void))(f))

void case_inline_copy(void)
{
	for (size_t off = 0; off + 32 <= KC_BAR_SIZE; off += 48) {
		one_copy("struct8", CAST(kc_ic_store8), 8, off + 8, (uint32_t)off + 1);
		one_copy("struct16", CAST(kc_ic_store16), 16, off, (uint32_t)off + 2);
		one_copy("struct32", CAST(kc_ic_store32), 32, off, (uint32_t)off + 3);
	}
}

/* dst[i] = src[i] with post-indexed ldrb/strb (ISV=0 on the device side). */
struct pl {
	uint8_t *d;
	const uint8_t *s;
	size_t n;
	const uint8_t *d_end, *s_end;
};

static void post_loop(void *a)
{
	struct pl *c = a;
	uint8_t *d = c->d;
	const uint8_t *s = c->s;
	size_t n = c->n;
	uint32_t t;
	__asm__ volatile("1: ldrb %w[t], [%[s]], #1\n"
			 "   strb %w[t], [%[d]], #1\n"
			 "   subs %[n], %[n], #1\n"
			 "   b.ne 1b\n"
			 : [d] "+r"(d), [s] "+r"(s), [n] "+r"(n), [t] "=&r"(t)
			 :
			 : "memory", "cc");
	c->d_end = d;
	c->s_end = s;
}

/* Copies with post_loop; checks both final pointers. Returns 0 if it faulted. */
static int run_loop(uint8_t *d, const uint8_t *s, size_t n, const char *what)
{
	struct pl c = { d, s, n, NULL, NULL };
	struct kc_fault f;
	if (kc_guard(post_loop, &c, &f)) {
		kc_fault_check(&f, what);
		return 0;
	}
	kc_check(c.d_end == d + n && c.s_end == s + n,
		 "%s: final pointers off by %td (dst) and %td (src)", what, c.d_end - (d + n),
		 c.s_end - (s + n));
	return 1;
}

void case_post_index(void)
{
	char what[80];
	/* UART scratch: one post-indexed store and one load per value. */
	for (unsigned v = 0; v < 256; v += 37) {
		uint8_t *p = kc_dev.uart_scr, in = (uint8_t)v, out;
		if (ref_rd8(p) == in)
			ref_wr8(p, (uint8_t)~in);
		snprintf(what, sizeof what, "strb [scr], #1 of %#x", in);
		if (run_loop(p, &in, 1, what)) {
			uint8_t got = ref_rd8(p);
			kc_check(got == in, "%s: scratch = %#x", what, got);
		}
		ref_wr8(p, (uint8_t)(in ^ 0x5a));
		out = in;
		snprintf(what, sizeof what, "ldrb [scr], #1 of %#x", in ^ 0x5a);
		if (run_loop(&out, p, 1, what))
			kc_check(out == (uint8_t)(in ^ 0x5a), "%s: got %#x", what, out);
	}

	/* BAR: loops over ranges at various offsets. */
	uint8_t src[KC_BAR_SIZE], old[KC_BAR_SIZE], got[KC_BAR_SIZE], out[KC_BAR_SIZE + 1];
	static const size_t offs[] = { 0, 1, 7, 13, 100, 255 };
	static const size_t lens[] = { 1, 3, 16, 33, 64, 200, 273 };
	for (size_t i = 0; i < sizeof offs / sizeof offs[0]; i++) {
		for (size_t j = 0; j < sizeof lens / sizeof lens[0]; j++) {
			size_t off = offs[i], n = lens[j];
			if (off + n > KC_BAR_SIZE)
				continue;
			uint8_t *bar = kc_dev.bar + off;
			ref_read(kc_dev.bar, old, KC_BAR_SIZE);
			for (size_t k = 0; k < n; k++) {
				src[k] = kc_pat((uint32_t)(i * 16 + j), k);
				if (src[k] == old[off + k])
					src[k] ^= 0x80;
			}
			kc_bar_safe(off, src, n);
			snprintf(what, sizeof what, "strb loop to bar+%zu len %zu", off, n);
			int ok = run_loop(bar, src, n, what);
			ref_read(kc_dev.bar, got, KC_BAR_SIZE);
			size_t bad = KC_BAR_SIZE;
			for (size_t k = 0; k < KC_BAR_SIZE && bad == KC_BAR_SIZE; k++) {
				int in = k >= off && k < off + n;
				if (got[k] != (in ? src[k - off] : old[k]) && !(!ok && in && got[k] == old[k]))
					bad = k;
			}
			kc_check(bad == KC_BAR_SIZE, "%s: bar[%zu] = %#x, old %#x", what, bad,
				 bad < KC_BAR_SIZE ? got[bad] : 0, bad < KC_BAR_SIZE ? old[bad] : 0);

			memset(out, 0xee, sizeof out);
			for (size_t k = 0; k < n; k++)
				if (out[k] == got[off + k])
					out[k] = 0x11;
			snprintf(what, sizeof what, "ldrb loop from bar+%zu len %zu", off, n);
			if (run_loop(out, bar, n, what))
				kc_check(!memcmp(out, got + off, n) && out[n] == 0xee, "%s: data mismatch",
					 what);
		}
	}
}
