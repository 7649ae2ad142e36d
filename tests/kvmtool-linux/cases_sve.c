/* Explicit SVE ld1b/st1b on the BAR (built with +sve; runs only with HWCAP_SVE).
 * Device: nisv does not emulate SVE, the guest gets an external abort (SIGBUS) and the
 * device is unchanged. Selftest (normal memory): the access completes. */
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
	uint8_t buf[16], old[24], got[24], pre[16];
	char what[64];
	struct kc_fault f;
	uint8_t *bar = kc_dev.bar + off;
	ref_read(bar, old, sizeof old);
	for (size_t i = 0; i < 16; i++)
		buf[i] = (uint8_t)(store ? ~old[i] : old[i] ^ 0x3c);
	kc_bar_safe(off, buf, 16);
	memcpy(pre, buf, 16);
	snprintf(what, sizeof what, "sve %s bar+%zu", store ? "st1b to" : "ld1b from", off);
	struct sv c = { store ? (void *)bar : (void *)buf, store ? (const void *)buf : bar };
	int faulted = kc_guard(sve_copy, &c, &f);
	if (kc_dev.selftest) {
		if (faulted)
			kc_fault_check(&f, what);
	} else if (kc_check(faulted, "%s: completed, expected SIGBUS (external abort)", what)) {
		kc_fault_check(&f, what);
		kc_check(kc_fault_kind(&f) == KC_FAULT_SVE && kc_insn_is_sve(f.insn),
			 "%s: fault not attributed to an SVE instruction (insn %08x code %d)", what,
			 f.insn, f.code);
	}
	ref_read(bar, got, sizeof got);
	if (store) {
		int landed = !faulted && !memcmp(got, buf, 16) && !memcmp(got + 16, old + 16, 8);
		int untouched = !memcmp(got, old, sizeof old);
		kc_check(kc_dev.selftest ? landed : untouched, "%s: device %s", what,
			 kc_dev.selftest ? "does not hold the stored bytes" : "changed");
	} else {
		kc_check(!memcmp(got, old, sizeof old), "%s: device changed by a load", what);
		kc_check(kc_dev.selftest ? !memcmp(buf, old, 16) : !memcmp(buf, pre, 16),
			 "%s: destination %s", what,
			 kc_dev.selftest ? "does not hold the device bytes" : "modified although it faulted");
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
