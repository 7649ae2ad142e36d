/* Check counters and reporting. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "kc.h"

#define KC_MAX_SHOWN 25

struct kc_stats kc_cur;
unsigned long kc_total_pass, kc_total_fail;

void kc_case_begin(const char *name)
{
	memset(&kc_cur, 0, sizeof kc_cur);
	kc_cur.name = name;
	fflush(stdout);
}

void kc_case_end(void)
{
	if (kc_cur.shown > KC_MAX_SHOWN)
		printf("FAIL %s: (%lu more failures not shown)\n", kc_cur.name,
		       kc_cur.shown - KC_MAX_SHOWN);
	printf("case %s: checks %lu passed, %lu failed, faults %lu (alignment %lu, sve-external %lu, exclusive %lu, other %lu)\n",
	       kc_cur.name, kc_cur.pass, kc_cur.fail, kc_cur.faults, kc_cur.f_align, kc_cur.f_sve,
	       kc_cur.f_excl, kc_cur.f_other);
	fflush(stdout);
	kc_total_pass += kc_cur.pass;
	kc_total_fail += kc_cur.fail;
}

int kc_check(int ok, const char *fmt, ...)
{
	if (ok) {
		kc_cur.pass++;
		return 1;
	}
	kc_cur.fail++;
	if (kc_cur.shown++ < KC_MAX_SHOWN) {
		va_list ap;
		printf("FAIL %s: ", kc_cur.name);
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
		putchar('\n');
		fflush(stdout);
	}
	return 0;
}

void kc_note(const char *fmt, ...)
{
	va_list ap;
	printf("  %s: ", kc_cur.name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

/* Deterministic byte pattern, neighbours differ. */
uint8_t kc_pat(uint32_t seed, size_t i)
{
	uint32_t x = seed * 0x9e3779b1u + (uint32_t)i * 0x85ebca6bu;
	x ^= x >> 15;
	x *= 0x2c1b3c6du;
	x ^= x >> 13;
	return (uint8_t)(x ^ (x >> 8));
}
