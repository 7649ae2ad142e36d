/* The guests' runtime (see guest.h). */
#include <stdarg.h>

#include "guest.h"

volatile unsigned failures[MAX_CPUS];
volatile unsigned long passes[MAX_CPUS];
uint64_t io_offset;
int (*exception_hook)(struct frame *f, unsigned vec);
volatile struct exc_record last_exc[MAX_CPUS];
volatile int expect_fault[MAX_CPUS];
static volatile unsigned arrived[MAX_CPUS];

void gputc(char c)
{
	w8(IO(PLAT_UART_BASE) + UART_DR, (uint8_t)c);
}

void gputs(const char *s)
{
	while (*s)
		gputc(*s++);
}

static void put_u(uint64_t v, unsigned base)
{
	char buf[24];
	int n = 0;

	do {
		unsigned d = (unsigned)(v % base);
		buf[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
		v /= base;
	} while (v);
	while (n)
		gputc(buf[--n]);
}

void gprintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	for (; *fmt; fmt++) {
		int lng = 0;
		if (*fmt != '%') {
			gputc(*fmt);
			continue;
		}
		if (*++fmt == 'l') {
			lng = 1;
			fmt++;
		}
		switch (*fmt) {
		case 's':
			gputs(va_arg(ap, const char *));
			break;
		case 'c':
			gputc((char)va_arg(ap, int));
			break;
		case 'd': {
			int64_t v = lng ? va_arg(ap, int64_t) : va_arg(ap, int);
			if (v < 0) {
				gputc('-');
				v = -v;
			}
			put_u((uint64_t)v, 10);
			break;
		}
		case 'u':
			put_u(lng ? va_arg(ap, uint64_t) : va_arg(ap, unsigned), 10);
			break;
		case 'x':
			put_u(lng ? va_arg(ap, uint64_t) : va_arg(ap, unsigned), 16);
			break;
		case 'p':
			gputs("0x");
			put_u((uint64_t)(uintptr_t)va_arg(ap, void *), 16);
			break;
		case '%':
			gputc('%');
			break;
		default:
			gputc('?');
			break;
		}
	}
	va_end(ap);
}

unsigned cpu_finished(unsigned cpu, unsigned ncpus)
{
	unsigned total = 0;

	arrived[cpu] = 1;
	__asm__ volatile("dsb sy" ::: "memory");
	if (cpu != 0)
		return 0;
	uint64_t freq = SYSREG_READ(cntfrq_el0), t0 = SYSREG_READ(cntvct_el0);
	for (unsigned i = 1; i < ncpus; i++) {
		while (!arrived[i]) {
			__asm__ volatile("yield" ::: "memory");
			if (SYSREG_READ(cntvct_el0) - t0 > 120 * freq) {
				gprintf("cpu0: cpu%u never finished\n", i);
				return 1 + total;
			}
		}
	}
	for (unsigned i = 0; i < ncpus; i++)
		total += failures[i];
	return total;
}

/* called from start.S on vCPU 0 before the verdict: the check totals */
void report_checks(void);
void report_checks(void)
{
	unsigned long ok = 0, bad = 0;

	for (unsigned i = 0; i < MAX_CPUS; i++) {
		ok += passes[i];
		bad += failures[i];
	}
	w64(IO(PLAT_TEST_BASE) + TEST_PASSED, ok);
	w64(IO(PLAT_TEST_BASE) + TEST_FAILED, bad);
}

/* called from start.S with the saved frame and the vector index */
void exception(struct frame *f, unsigned vec);
void exception(struct frame *f, unsigned vec)
{
	unsigned cpu = this_cpu() % MAX_CPUS;
	volatile struct exc_record *r = &last_exc[cpu];

	if (exception_hook && exception_hook(f, vec))
		return;
	r->count++;
	r->vec = vec;
	r->esr = f->esr;
	r->far = f->far;
	r->elr = f->elr;
	r->spsr = f->spsr;
	if ((vec & 3) == 0 && expect_fault[cpu]) {
		f->elr += 4; /* skip the faulting instruction */
		return;
	}
	gprintf("cpu%u: unexpected exception: vector %u ESR 0x%lx FAR 0x%lx ELR 0x%lx\n", cpu, vec, f->esr, f->far,
	       f->elr);
	w64(IO(PLAT_TEST_BASE) + TEST_FAILED, 1);
	w32(IO(PLAT_TEST_BASE) + TEST_DONE, 0xe0000000u | vec);
	for (;;)
		__asm__ volatile("wfe");
}

/* GCC may emit calls to these even in freestanding code (struct copies,
 * zeroing loops); the guests have no libc. */
void *memset(void *d, int c, unsigned long n);
void *memcpy(void *d, const void *s, unsigned long n);

void *memset(void *d, int c, unsigned long n)
{
	volatile uint8_t *p = d; /* volatile: not turned back into memset */
	while (n--)
		*p++ = (uint8_t)c;
	return d;
}

void *memcpy(void *d, const void *s, unsigned long n)
{
	volatile uint8_t *p = d;
	const uint8_t *q = s;
	while (n--)
		*p++ = *q++;
	return d;
}
