/*
 * The small runtime both images link (each its own copy): PL011 output,
 * a printf, and the memcpy/memset that freestanding C code may call
 * (the nisv core needs exactly these two).
 */
#ifndef EL2_RT_H
#define EL2_RT_H

#include <stddef.h>
#include <stdint.h>

void rt_putc(char c);
void rt_puts(const char *s);
/* %s %c %d %u %x %p, l for 64-bit (%lu %lx %ld), a width (%8lu, %-10s) */
void rt_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

void *memcpy(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);

#define SYSREG_READ(name)                                      \
	({                                                     \
		uint64_t v_;                                   \
		__asm__ volatile("mrs %0, " #name : "=r"(v_)); \
		v_;                                            \
	})
#define SYSREG_WRITE(name, v) __asm__ volatile("msr " #name ", %0" : : "r"((uint64_t)(v)) : "memory")

#endif
