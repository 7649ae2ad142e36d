/* The shared runtime (see rt.h). */
#include <stdarg.h>

#include "el2.h"
#include "rt.h"

void rt_putc(char c)
{
	volatile uint32_t *fr = (volatile uint32_t *)(UART_BASE + UART_FR);
	volatile uint8_t *dr = (volatile uint8_t *)(UART_BASE + UART_DR);

	while (*fr & UART_FR_TXFF)
		;
	*dr = (uint8_t)c;
}

void rt_puts(const char *s)
{
	while (*s)
		rt_putc(*s++);
}

static void pad(int n)
{
	while (n-- > 0)
		rt_putc(' ');
}

static void put_num(uint64_t v, unsigned base, int neg, int width, int left)
{
	char buf[24];
	int n = 0;

	do {
		unsigned d = (unsigned)(v % base);
		buf[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
		v /= base;
	} while (v);
	if (neg)
		buf[n++] = '-';
	if (!left)
		pad(width - n);
	for (int i = n; i;)
		rt_putc(buf[--i]);
	if (left)
		pad(width - n);
}

void rt_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	for (; *fmt; fmt++) {
		int lng = 0, width = 0, left = 0;
		if (*fmt != '%') {
			rt_putc(*fmt);
			continue;
		}
		if (*++fmt == '-') {
			left = 1;
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		if (*fmt == 'l') {
			lng = 1;
			fmt++;
		}
		switch (*fmt) {
		case 's': {
			const char *s = va_arg(ap, const char *);
			int n = 0;
			while (s[n])
				n++;
			if (!left)
				pad(width - n);
			rt_puts(s);
			if (left)
				pad(width - n);
			break;
		}
		case 'c':
			rt_putc((char)va_arg(ap, int));
			break;
		case 'd': {
			int64_t v = lng ? va_arg(ap, int64_t) : va_arg(ap, int);
			put_num(v < 0 ? 0 - (uint64_t)v : (uint64_t)v, 10, v < 0, width, left);
			break;
		}
		case 'u':
			put_num(lng ? va_arg(ap, uint64_t) : va_arg(ap, unsigned), 10, 0, width, left);
			break;
		case 'x':
			put_num(lng ? va_arg(ap, uint64_t) : va_arg(ap, unsigned), 16, 0, width, left);
			break;
		case 'p':
			rt_puts("0x");
			put_num((uint64_t)(uintptr_t)va_arg(ap, void *), 16, 0, width, left);
			break;
		default:
			rt_putc(*fmt);
			break;
		}
	}
	va_end(ap);
}

/* rt.c is built with -fno-tree-loop-distribute-patterns, so these loops
 * are not turned back into calls to themselves. 8 bytes at a time where
 * both sides allow it: the nisv core calls them on every trap. */
void *memcpy(void *d, const void *s, size_t n)
{
	uint8_t *p = d;
	const uint8_t *q = s;

	if (!(((uintptr_t)p | (uintptr_t)q) & 7))
		for (; n >= 8; n -= 8, p += 8, q += 8)
			*(uint64_t *)p = *(const uint64_t *)q;
	while (n--)
		*p++ = *q++;
	return d;
}

void *memset(void *d, int c, size_t n)
{
	uint8_t *p = d;
	uint64_t w = 0x0101010101010101ull * (uint8_t)c;

	for (; n && ((uintptr_t)p & 7); n--)
		*p++ = (uint8_t)c;
	for (; n >= 8; n -= 8, p += 8)
		*(uint64_t *)p = w;
	while (n--)
		*p++ = (uint8_t)c;
	return d;
}
