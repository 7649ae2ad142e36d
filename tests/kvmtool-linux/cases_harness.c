/* Checks the fault harness itself: real SIGSEGV/SIGBUS are caught with the right
 * fields, and the classification accepts exactly the documented fault kinds. */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kc.h"

static void read_at(void *a)
{
	uint8_t v = ref_rd8(a);
	__asm__ volatile("" : : "r"(v));
}

void case_harness(void)
{
	struct kc_fault f;
	uint8_t *bad = (uint8_t *)8;
	kc_check(kc_guard(read_at, bad, &f) && f.sig == SIGSEGV && f.addr == 8 && f.pc && f.insn,
		 "load from %p: sig %d addr %#lx pc %#lx", (void *)bad, f.sig, (unsigned long)f.addr,
		 (unsigned long)f.pc);
	kc_check(kc_fault_kind(&f) == KC_FAULT_BAD, "SIGSEGV not classified as a failure");

	/* A page past the end of an empty memfd: SIGBUS with BUS_ADRERR. */
	int fd = memfd_create("kc", 0);
	uint8_t *p = fd >= 0 ? mmap(NULL, kc_dev.page, PROT_READ, MAP_SHARED, fd, 0) : MAP_FAILED;
	if (kc_check(p != MAP_FAILED, "memfd mapping failed")) {
		kc_check(kc_guard(read_at, p, &f) && f.sig == SIGBUS && f.code == BUS_ADRERR &&
				 f.addr == (uintptr_t)p,
			 "load beyond EOF: sig %d code %d addr %#lx", f.sig, f.code, (unsigned long)f.addr);
		kc_check(kc_fault_kind(&f) == KC_FAULT_BAD, "BUS_ADRERR not classified as a failure");
		munmap(p, kc_dev.page);
	}
	if (fd >= 0)
		close(fd);

	/* Synthetic faults: ld1b {z0.b}, p0/z, [x0] is SVE; ldxr w2, [x4] a load-exclusive;
	 * ldp x2, x3, [x1] neither. */
	const uint32_t sve = 0xa400a000u, ldxr = 0x885f7c82u, ldp = 0xa9400c22u;
	uintptr_t dev = (uintptr_t)kc_dev.bar, out = (uintptr_t)&f;
	static const struct { int sig, code, in_dev; uint32_t insn; enum kc_fault_kind want; } t[] = {
		{ SIGBUS, BUS_ADRALN, 1, ldp, KC_FAULT_ALIGN },
		{ SIGBUS, BUS_ADRALN, 0, ldp, KC_FAULT_BAD },
		{ SIGBUS, BUS_OBJERR, 1, sve, KC_FAULT_SVE },
		{ SIGBUS, BUS_ADRERR, 1, sve, KC_FAULT_SVE },
		{ SIGBUS, BUS_OBJERR, 1, ldp, KC_FAULT_BAD },
		{ SIGBUS, BUS_OBJERR, 1, ldxr, KC_FAULT_EXCL },
		{ SIGBUS, BUS_OBJERR, 0, ldxr, KC_FAULT_BAD },
		{ SIGSEGV, SEGV_ACCERR, 1, ldxr, KC_FAULT_BAD },
		{ SIGSEGV, SEGV_ACCERR, 1, sve, KC_FAULT_BAD },
		{ SIGSEGV, BUS_ADRALN, 1, ldp, KC_FAULT_BAD },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		struct kc_fault s = { t[i].sig, t[i].code, t[i].in_dev ? dev : out, 0x1000, t[i].insn };
		kc_check(kc_fault_kind(&s) == t[i].want, "synthetic fault %zu classified as %d, expected %d",
			 i, kc_fault_kind(&s), t[i].want);
	}
}
