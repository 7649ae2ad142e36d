/*
 * The example VMM's devices: a UART and a test device. Each is a plain
 * object with read/write callbacks in the shape nisv_region wants; the same
 * callbacks serve KVM_EXIT_MMIO (ISV=1) and nisv's emulation (ISV=0).
 * Thread-safe: every vCPU thread calls them.
 */
#ifndef EXAMPLE_DEVICES_H
#define EXAMPLE_DEVICES_H

#include <pthread.h>
#include <stdint.h>

#include <nisv.h>

#define MAX_CPUS 8

/* The vCPU the calling thread runs (for per-vCPU output lines). */
extern _Thread_local int current_cpu;

struct uart {
	pthread_mutex_t lock;
	const char *prefix;
	char line[MAX_CPUS][256];
	unsigned len[MAX_CPUS];
	uint64_t bytes; /* bytes output */
};

void uart_init(struct uart *u, const char *prefix);
void uart_flush(struct uart *u);
int uart_read(void *dev, uint64_t off, void *buf, uint32_t len);
int uart_write(void *dev, uint64_t off, const void *buf, uint32_t len);

struct testdev {
	pthread_mutex_t lock;
	unsigned ncpus;
	uint64_t counter;
	uint64_t scratch[32];
	uint8_t window[0x1000];
	uint8_t excl_window[0x1000];
	uint64_t sum_range;       /* TEST_WIN_SUM: offset | length << 16       */
	uint64_t passed, failed;  /* the guest's check counts (TEST_PASSED/FAILED) */
	int have_counts;
	uint64_t oracle_mismatches;
	/* set by the guest's write to TEST_DONE */
	void (*on_done)(void *ctx, uint32_t verdict);
	/* TEST_ORACLE: check a batch at this IPA; returns its mismatches */
	uint64_t (*on_oracle)(void *ctx, uint64_t ipa);
	void *done_ctx;
	int verbose;
};

void testdev_init(struct testdev *t, unsigned ncpus);
int testdev_read(void *dev, uint64_t off, void *buf, uint32_t len);
int testdev_write(void *dev, uint64_t off, const void *buf, uint32_t len);
int testwin_read(void *dev, uint64_t off, void *buf, uint32_t len);
int testwin_write(void *dev, uint64_t off, const void *buf, uint32_t len);
int exclwin_read(void *dev, uint64_t off, void *buf, uint32_t len);
int exclwin_write(void *dev, uint64_t off, const void *buf, uint32_t len);

/* The test device's bus regions (registers, window, exclusive window):
 * fills out[0..TESTDEV_REGIONS - 1], returns TESTDEV_REGIONS. */
#define TESTDEV_REGIONS 3
unsigned testdev_regions(struct testdev *t, nisv_region *out);

#endif
