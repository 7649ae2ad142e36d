/*
 * Count heap allocations in a benchmark binary: malloc and friends are
 * interposed here (the executable's definitions win over libc's for every
 * caller in the process, libnisv included) and forwarded to glibc's
 * __libc_* entry points.
 */
#include <stddef.h>

#include "bench.h"

extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t n, size_t m);
extern void *__libc_realloc(void *p, size_t n);
extern void *__libc_memalign(size_t align, size_t n);
extern void __libc_free(void *p);

static volatile int counting;
static volatile unsigned long allocs, frees;

void bench_alloc_counting(int on)
{
	counting = on;
}

unsigned long bench_alloc_count(void)
{
	return allocs;
}

unsigned long bench_free_count(void)
{
	return frees;
}

void *malloc(size_t n);
void *calloc(size_t n, size_t m);
void *realloc(void *p, size_t n);
void free(void *p);
void *aligned_alloc(size_t align, size_t n);
void *memalign(size_t align, size_t n);
int posix_memalign(void **out, size_t align, size_t n);

void *malloc(size_t n)
{
	if (counting)
		allocs++;
	return __libc_malloc(n);
}

void *calloc(size_t n, size_t m)
{
	if (counting)
		allocs++;
	return __libc_calloc(n, m);
}

void *realloc(void *p, size_t n)
{
	if (counting)
		allocs++;
	return __libc_realloc(p, n);
}

void free(void *p)
{
	if (counting && p)
		frees++;
	__libc_free(p);
}

void *aligned_alloc(size_t align, size_t n)
{
	if (counting)
		allocs++;
	return __libc_memalign(align, n);
}

void *memalign(size_t align, size_t n)
{
	if (counting)
		allocs++;
	return __libc_memalign(align, n);
}

int posix_memalign(void **out, size_t align, size_t n)
{
	void *p;

	if (counting)
		allocs++;
	p = __libc_memalign(align, n);
	if (!p)
		return 12; /* ENOMEM */
	*out = p;
	return 0;
}
