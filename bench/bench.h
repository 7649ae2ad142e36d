/*
 * Shared helpers of the benchmarks: a monotonic clock, medians, a sink the
 * optimiser cannot see through, and the heap-allocation counter
 * (alloc_count.c interposes malloc & co. in the benchmark binaries).
 */
#ifndef NISV_BENCH_H
#define NISV_BENCH_H

#include <stddef.h>
#include <stdint.h>

/*
 * Nanoseconds of this thread's CPU time (CLOCK_THREAD_CPUTIME_ID): on a
 * shared, loaded machine the time the thread was not running is not
 * counted. NISV_BENCH_WALL=1 in the environment: wall time (CLOCK_MONOTONIC).
 */
uint64_t bench_now_ns(void);

/* Median of n values (sorts them in place: v[0] is then the fastest). */
double bench_median(double *v, unsigned n);

/* Keep a value alive without the compiler seeing what becomes of it. */
void bench_sink(uint64_t v);

/* Heap allocations (malloc, calloc, realloc, aligned forms) counted while
 * counting is on; free() calls are counted apart. */
void bench_alloc_counting(int on);
unsigned long bench_alloc_count(void);
unsigned long bench_free_count(void);

/* Iterations per ns of a loop of one dependent add (about the clock in GHz). */
double bench_calibrate_ghz(void);

/* One line describing the machine's load, e.g. "load 1.23 0.98 0.80, 2 cpus". */
const char *bench_load(void);

#endif
