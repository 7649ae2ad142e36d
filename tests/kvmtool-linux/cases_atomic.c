/* LSE atomics on device registers (built with -march=armv8.1-a; needs HWCAP_ATOMICS). */
#include <stdio.h>
#include <sys/auxv.h>

#include "kc.h"

#ifndef HWCAP_ATOMICS
#define HWCAP_ATOMICS (1 << 8)
#endif

enum aop { LDADDB, SWPB, CASB, LDADD, CAS };
static const char *const names[] = { "ldaddb", "swpb", "casb", "ldadd w", "cas w" };

struct at { enum aop op; void *p; uint32_t arg, cmp, ret; };

static void run_at(void *a)
{
	struct at *t = a;
	uint32_t r = t->cmp;
	switch (t->op) {
	case LDADDB: __asm__ volatile("ldaddb %w1, %w0, [%2]" : "=&r"(r) : "r"(t->arg), "r"(t->p) : "memory"); break;
	case SWPB: __asm__ volatile("swpb %w1, %w0, [%2]" : "=&r"(r) : "r"(t->arg), "r"(t->p) : "memory"); break;
	case CASB: __asm__ volatile("casb %w0, %w1, [%2]" : "+r"(r) : "r"(t->arg), "r"(t->p) : "memory"); break;
	case LDADD: __asm__ volatile("ldadd %w1, %w0, [%2]" : "=&r"(r) : "r"(t->arg), "r"(t->p) : "memory"); break;
	case CAS: __asm__ volatile("cas %w0, %w1, [%2]" : "+r"(r) : "r"(t->arg), "r"(t->p) : "memory"); break;
	}
	t->ret = r;
}

static uint32_t rd(const uint8_t *p, int size)
{
	uint32_t v = 0;
	for (int i = size - 1; i >= 0; i--)
		v = v << 8 | ref_rd8(p + i);
	return v;
}

static void wr(uint8_t *p, int size, uint32_t v)
{
	for (int i = 0; i < size; i++)
		ref_wr8(p + i, (uint8_t)(v >> 8 * i));
}

/* Sets the device to `before`, runs the op, checks the returned old value and the result. */
static void one(enum aop op, uint8_t *p, uint32_t before, uint32_t arg, uint32_t cmp, const char *where)
{
	int size = op >= LDADD ? 4 : 1;
	uint32_t mask = size == 4 ? 0xffffffffu : 0xffu, expect;
	char what[96];
	struct kc_fault f;
	wr(p, size, before);
	if (op == LDADDB || op == LDADD)
		expect = (before + arg) & mask;
	else if (op == SWPB)
		expect = arg & mask;
	else
		expect = before == (cmp & mask) ? arg & mask : before;
	snprintf(what, sizeof what, "%s %#x on %s (was %#x, cmp %#x)", names[op], arg, where, before, cmp);
	struct at t = { op, p, arg, cmp, 0 };
	if (kc_guard(run_at, &t, &f)) {
		kc_fault_check(&f, what);
		uint32_t got = rd(p, size);
		kc_check(got == before || got == expect, "%s: device holds %#x after a fault", what, got);
		return;
	}
	kc_check((t.ret & mask) == before, "%s: returned %#x, expected old value %#x", what, t.ret, before);
	uint32_t got = rd(p, size);
	kc_check(got == expect, "%s: device holds %#x, expected %#x", what, got, expect);
}

void case_atomic(void)
{
	if (!(getauxval(AT_HWCAP) & HWCAP_ATOMICS)) {
		kc_note("skipped: no FEAT_LSE (HWCAP_ATOMICS)");
		return;
	}
	static const uint8_t bv[] = { 0x00, 0x7f, 0xff, 0xa5 };
	for (size_t i = 0; i < sizeof bv; i++) {
		uint8_t b = bv[i];
		one(LDADDB, kc_dev.uart_scr, b, 0x13, 0, "scratch");
		one(LDADDB, kc_dev.uart_scr, b, 0x81, 0, "scratch");
		one(SWPB, kc_dev.uart_scr, b, (uint8_t)~b, 0, "scratch");
		one(CASB, kc_dev.uart_scr, b, (uint8_t)(b + 0x42), b, "scratch");	/* succeeds */
		one(CASB, kc_dev.uart_scr, b, (uint8_t)(b + 0x42), (uint8_t)(b ^ 1), "scratch");	/* fails */
	}
	static const size_t offs[] = { 0, 4, 8, 256, 520 };
	for (size_t i = 0; i < sizeof offs / sizeof offs[0]; i++) {
		char where[32];
		uint32_t w = 0x89abcdefu ^ (uint32_t)(i * 0x01010101u);
		snprintf(where, sizeof where, "bar+%zu", offs[i]);
		uint8_t *p = kc_dev.bar + offs[i];
		one(LDADD, p, w, 0x11111111u, 0, where);
		one(LDADD, p, 0xffffffffu, 2, 0, where);
		one(CAS, p, w, ~w, w, where);
		one(CAS, p, w, ~w, w + 1, where);
	}
}
