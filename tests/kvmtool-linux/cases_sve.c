/* Explicit SVE ld1b/st1b on the BAR (built with +sve; runs only with HWCAP_SVE):
 * nisv emulates them, so on the device as on normal memory (--selftest) the access
 * completes, the device holds what was stored and the destination what was loaded;
 * the bytes after the 16 accessed stay as they were. */
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>

#include "kc.h"

#ifndef HWCAP_SVE
#define HWCAP_SVE (1 << 22)
#endif

struct sv { void *d; const void *s; };

/* 16 bytes: ptrue vl16 works for every vector length. */
static void sve_copy(void *a)
{
	struct sv *c = a;
	__asm__ volatile("ptrue p0.b, vl16\n"
			 "ld1b {z0.b}, p0/z, [%1]\n"
			 "st1b {z0.b}, p0, [%0]\n"
			 : : "r"(c->d), "r"(c->s) : "p0", "z0", "memory");
}

static void one(int store, size_t off)
{
	uint8_t buf[16], old[24], got[24];
	char what[64];
	struct kc_fault f;
	uint8_t *bar = kc_dev.bar + off;
	ref_read(bar, old, sizeof old);
	for (size_t i = 0; i < 16; i++)
		buf[i] = (uint8_t)(store ? ~old[i] : old[i] ^ 0x3c);
	kc_bar_safe(off, buf, 16);
	snprintf(what, sizeof what, "sve %s bar+%zu", store ? "st1b to" : "ld1b from", off);
	struct sv c = { store ? (void *)bar : (void *)buf, store ? (const void *)buf : bar };
	if (kc_guard(sve_copy, &c, &f))
		kc_fault_check(&f, what);
	ref_read(bar, got, sizeof got);
	if (store) {
		kc_check(!memcmp(got, buf, 16) && !memcmp(got + 16, old + 16, 8),
			 "%s: device does not hold the stored bytes", what);
	} else {
		kc_check(!memcmp(got, old, sizeof old), "%s: device changed by a load", what);
		kc_check(!memcmp(buf, old, 16), "%s: destination does not hold the device bytes", what);
	}
}

void case_sve(void)
{
	if (!(getauxval(AT_HWCAP) & HWCAP_SVE)) {
		kc_note("skipped: no SVE (HWCAP_SVE)");
		return;
	}
	static const size_t offs[] = { 0, 16, 33, 256, 496 };
	for (size_t i = 0; i < sizeof offs / sizeof offs[0]; i++) {
		one(1, offs[i]);
		one(0, offs[i]);
	}
}
