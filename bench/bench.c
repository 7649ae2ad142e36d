/* Shared helpers of the benchmarks (see bench.h). */
#define _POSIX_C_SOURCE 200809L
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

uint64_t bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(getenv("NISV_BENCH_WALL") ? CLOCK_MONOTONIC : CLOCK_THREAD_CPUTIME_ID, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

double bench_median(double *v, unsigned n)
{
	if (!n)
		return 0;
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

volatile uint64_t bench_sink_value;

void bench_sink(uint64_t v)
{
	bench_sink_value += v;
}

const char *bench_load(void)
{
	static char line[192];
	double l[3] = { 0, 0, 0 };
	FILE *f = fopen("/proc/loadavg", "r");

	if (f) {
		if (fscanf(f, "%lf %lf %lf", &l[0], &l[1], &l[2]) != 3)
			l[0] = l[1] = l[2] = -1;
		fclose(f);
	}
	snprintf(line, sizeof(line), "load %.2f %.2f %.2f, %ld cpus, %s time, a dependent add loop runs at %.2f GHz",
	         l[0], l[1], l[2], sysconf(_SC_NPROCESSORS_ONLN), getenv("NISV_BENCH_WALL") ? "wall" : "CPU",
	         bench_calibrate_ghz());
	return line;
}

double bench_calibrate_ghz(void)
{
	double t[7];

	for (unsigned r = 0; r < 7; r++) {
		uint64_t x = r, t0 = bench_now_ns();
		for (unsigned i = 0; i < 20000000; i++) {
			x += i;
			__asm__ volatile("" : "+r"(x)); /* one dependent add per iteration */
		}
		t[r] = (double)(bench_now_ns() - t0) / 20000000.0;
		bench_sink(x);
	}
	return 1.0 / bench_median(t, 7);
}
