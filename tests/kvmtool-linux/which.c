/* Which memcpy/memset/memmove glibc's ifunc resolver picked: decode the static binary's
 * iplt stub (adrp x16; ldr x17, [x16, #lo]; ...; br x17) and compare the GOT slot with
 * the (weakly referenced) variants. Best effort: prints "unknown" when it cannot tell. */
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>

#include "kc.h"

/* glibc 2.36's aarch64 variants (weak: absent ones are NULL) */
#define VARIANTS(X)                                                                                   \
	X(__memcpy_generic) X(__memcpy_simd) X(__memcpy_sve) X(__memcpy_a64fx) X(__memcpy_thunderx) \
	X(__memcpy_thunderx2) X(__memcpy_falkor) X(__memmove_generic) X(__memmove_simd)             \
	X(__memmove_sve) X(__memmove_a64fx) X(__memmove_thunderx) X(__memmove_thunderx2)            \
	X(__memmove_falkor) X(__memset_generic) X(__memset_a64fx) X(__memset_emag)                  \
	X(__memset_falkor) X(__memset_kunpeng)

#define DECLARE(n) extern char n[] __attribute__((weak));
VARIANTS(DECLARE)

static const struct { const char *name; const char *addr; } variants[] = {
#define ENTRY(n) { #n, n },
	VARIANTS(ENTRY)
};

static const char *resolve(const void *fn)
{
	const uint32_t *s = fn;
	uintptr_t pc = (uintptr_t)fn;
	if ((s[0] & 0x9f00001f) != 0x90000010 || (s[1] & 0xffc003ff) != 0xf9400211)
		return NULL;	/* not adrp x16 / ldr x17, [x16, #imm] */
	int64_t imm = (int64_t)((((s[0] >> 5) & 0x7ffff) << 2) | ((s[0] >> 29) & 3));
	if (imm & (1 << 20))
		imm -= 1 << 21;
	uintptr_t slot = (pc & ~(uintptr_t)0xfff) + (uintptr_t)(imm << 12) + ((s[1] >> 10) & 0xfff) * 8;
	const char *target = *(const char *const *)slot;
	for (size_t i = 0; i < sizeof variants / sizeof variants[0]; i++)
		if (variants[i].addr && variants[i].addr == target)
			return variants[i].name;
	return NULL;
}

static int cpu_has_sve(void)
{
	char line[4096];
	int sve = 0;
	FILE *f = fopen("/proc/cpuinfo", "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (!strncmp(line, "Features", 8) && strstr(line, " sve"))
			sve = 1;
	fclose(f);
	return sve;
}

void kc_print_string_variants(void *cpy, void *move, void *set)
{
	const char *a = resolve(cpy), *b = resolve(move), *c = resolve(set);
	int sve = cpu_has_sve();
	printf("glibc: memcpy=%s memmove=%s memset=%s; HWCAP_SVE %s, /proc/cpuinfo sve: %s\n",
	       a ? a : "unknown", b ? b : "unknown", c ? c : "unknown",
	       getauxval(AT_HWCAP) & (1ul << 22) ? "yes" : "no",
	       sve < 0 ? "unreadable" : sve ? "yes" : "no");
}
