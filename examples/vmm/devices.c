/*
 * The example devices. Data arrives as bytes in guest memory order (byte 0
 * at the lowest address), for KVM_EXIT_MMIO and for nisv alike; registers
 * are little-endian 64-bit values, and a narrower access reads or writes
 * the bytes it covers.
 */
#include <stdio.h>
#include <string.h>

#include "../guests/platform.h"
#include "devices.h"

_Thread_local int current_cpu;

/* ---- UART ------------------------------------------------------------------ */

void uart_init(struct uart *u, const char *prefix)
{
	memset(u, 0, sizeof(*u));
	pthread_mutex_init(&u->lock, NULL);
	u->prefix = prefix;
}

/* caller holds the lock */
static void uart_emit_line(struct uart *u, unsigned cpu)
{
	printf("%s cpu%u: %.*s\n", u->prefix, cpu, (int)u->len[cpu], u->line[cpu]);
	fflush(stdout);
	u->len[cpu] = 0;
}

static void uart_putc(struct uart *u, unsigned cpu, char c)
{
	if (c == '\n' || u->len[cpu] == sizeof(u->line[cpu])) {
		uart_emit_line(u, cpu);
		if (c == '\n')
			return;
	}
	if (c != '\r')
		u->line[cpu][u->len[cpu]++] = c;
}

void uart_flush(struct uart *u)
{
	pthread_mutex_lock(&u->lock);
	for (unsigned cpu = 0; cpu < MAX_CPUS; cpu++)
		if (u->len[cpu])
			uart_emit_line(u, cpu);
	pthread_mutex_unlock(&u->lock);
}

int uart_read(void *dev, uint64_t off, void *buf, uint32_t len)
{
	(void)dev;
	(void)off;
	memset(buf, 0, len); /* FR = 0: transmit FIFO never full; DR: no input */
	return 0;
}

int uart_write(void *dev, uint64_t off, const void *buf, uint32_t len)
{
	struct uart *u = dev;
	const uint8_t *b = buf;
	unsigned cpu = (unsigned)current_cpu % MAX_CPUS;

	pthread_mutex_lock(&u->lock);
	if (off == UART_DR) {
		uart_putc(u, cpu, (char)b[0]);
		u->bytes++;
	} else if (off >= UART_WINDOW) {
		for (uint32_t i = 0; i < len; i++)
			if (b[i]) {
				uart_putc(u, cpu, (char)b[i]);
				u->bytes++;
			}
	}
	/* other registers: ignored, like PL011 control writes */
	pthread_mutex_unlock(&u->lock);
	return 0;
}

/* ---- test device ----------------------------------------------------------- */

void testdev_init(struct testdev *t, unsigned ncpus)
{
	memset(t, 0, sizeof(*t));
	pthread_mutex_init(&t->lock, NULL);
	t->ncpus = ncpus;
}

/* the 64-bit register containing `off`, or NULL (writes only) */
static uint64_t *testdev_reg(struct testdev *t, uint64_t off)
{
	if (off >= TEST_SCRATCH && off < TEST_SCRATCH + 8 * TEST_SCRATCH_COUNT)
		return &t->scratch[(off - TEST_SCRATCH) / 8];
	return NULL;
}

int testdev_read(void *dev, uint64_t off, void *buf, uint32_t len)
{
	struct testdev *t = dev;
	uint64_t base = off & ~7ull, val = 0, *r;
	uint8_t bytes[8];

	pthread_mutex_lock(&t->lock);
	if (base == TEST_ID)
		val = TEST_ID_VALUE;
	else if (base == TEST_NCPUS)
		val = t->ncpus;
	else if (base == TEST_COUNTER)
		val = t->counter++; /* a read side effect: emulation must read once */
	else if (base == TEST_ORACLE)
		val = t->oracle_mismatches;
	else if (base == TEST_WIN_SUM) {
		uint64_t o = t->sum_range & 0xffff, n = t->sum_range >> 16 & 0xffff;
		if (o > sizeof(t->window))
			o = sizeof(t->window);
		if (n > sizeof(t->window) - o)
			n = sizeof(t->window) - o;
		val = win_hash(t->window + o, (unsigned)n);
	}
	else if ((r = testdev_reg(t, base)))
		val = *r;
	pthread_mutex_unlock(&t->lock);
	for (int i = 0; i < 8; i++)
		bytes[i] = (uint8_t)(val >> (8 * i));
	memcpy(buf, bytes + (off & 7), len);
	return 0;
}

int testdev_write(void *dev, uint64_t off, const void *buf, uint32_t len)
{
	struct testdev *t = dev;
	uint64_t base = off & ~7ull, val = 0, *r;
	uint8_t bytes[8] = { 0 };

	memcpy(bytes + (off & 7), buf, len);
	pthread_mutex_lock(&t->lock);
	if ((r = testdev_reg(t, base))) {
		for (uint32_t i = 0; i < len; i++) { /* merge the bytes written */
			unsigned sh = 8 * (unsigned)((off & 7) + i);
			*r = (*r & ~(0xffull << sh)) | (uint64_t)bytes[(off & 7) + i] << sh;
		}
		pthread_mutex_unlock(&t->lock);
		return 0;
	}
	pthread_mutex_unlock(&t->lock);
	for (int i = 0; i < 8; i++)
		val |= (uint64_t)bytes[i] << (8 * i);
	if (base == TEST_DONE) {
		if (t->on_done)
			t->on_done(t->done_ctx, (uint32_t)val);
	} else if (base == TEST_PASSED) {
		t->passed = val;
		t->have_counts = 1;
	} else if (base == TEST_FAILED) {
		t->failed = val;
		t->have_counts = 1;
	} else if (base == TEST_ORACLE) {
		if (t->on_oracle) {
			uint64_t m = t->on_oracle(t->done_ctx, val);
			pthread_mutex_lock(&t->lock);
			t->oracle_mismatches += m;
			pthread_mutex_unlock(&t->lock);
		}
	} else if (base == TEST_WIN_FILL) {
		pthread_mutex_lock(&t->lock);
		for (unsigned i = 0; i < sizeof(t->window); i++)
			t->window[i] = win_pattern(val, i);
		pthread_mutex_unlock(&t->lock);
	} else if (base == TEST_WIN_SUM) {
		t->sum_range = val;
	} else if (base == TEST_LOG) {
		if (t->verbose)
			printf("vmm: cpu%d checkpoint %llu\n", current_cpu, (unsigned long long)val);
	}
	return 0;
}

int testwin_read(void *dev, uint64_t off, void *buf, uint32_t len)
{
	struct testdev *t = dev;

	pthread_mutex_lock(&t->lock);
	memcpy(buf, t->window + off, len);
	pthread_mutex_unlock(&t->lock);
	return 0;
}

int testwin_write(void *dev, uint64_t off, const void *buf, uint32_t len)
{
	struct testdev *t = dev;

	pthread_mutex_lock(&t->lock);
	memcpy(t->window + off, buf, len);
	pthread_mutex_unlock(&t->lock);
	return 0;
}

int exclwin_read(void *dev, uint64_t off, void *buf, uint32_t len)
{
	struct testdev *t = dev;

	pthread_mutex_lock(&t->lock);
	memcpy(buf, t->excl_window + off, len);
	pthread_mutex_unlock(&t->lock);
	return 0;
}

int exclwin_write(void *dev, uint64_t off, const void *buf, uint32_t len)
{
	struct testdev *t = dev;

	pthread_mutex_lock(&t->lock);
	memcpy(t->excl_window + off, buf, len);
	pthread_mutex_unlock(&t->lock);
	return 0;
}

unsigned testdev_regions(struct testdev *t, nisv_region *out)
{
	out[0] = (nisv_region){ .base = PLAT_TEST_BASE, .size = PLAT_TEST_SIZE, .read = testdev_read,
		                .write = testdev_write, .dev = t, .widths = 1 | 2 | 4 | 8 };
	out[1] = (nisv_region){ .base = PLAT_WIN_BASE, .size = PLAT_WIN_SIZE, .read = testwin_read,
		                .write = testwin_write, .dev = t,
		                /* no NISV_DEV_EXCLUSIVE: on KVM a store-exclusive to MMIO
		                 * fails in the CPU (its local monitor was never armed by the
		                 * emulated LDXR) without exiting, so LDXR/STXR loops could
		                 * never succeed; LDXR faults with DFSC 0x35 instead */
		                .policy = NISV_DEV_ATOMIC };
	/* the exclusive window: exclusives allowed, to show what happens */
	out[2] = (nisv_region){ .base = PLAT_EXCL_BASE, .size = PLAT_EXCL_SIZE, .read = exclwin_read,
		                .write = exclwin_write, .dev = t, .policy = NISV_DEV_ATOMIC | NISV_DEV_EXCLUSIVE };
	return TESTDEV_REGIONS;
}
