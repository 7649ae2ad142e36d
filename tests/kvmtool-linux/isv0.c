/*
 * kvmtool-isv0 CASE...: performs exactly one kind of ISV=0 access per case against
 * kvmtool's devices and prints "isv0 CASE: done" (after "isv0 CASE: signal ..." if the
 * access raised SIGBUS/SIGSEGV). Used to see which accesses kill an unpatched kvmtool.
 * Exits 1 when an access raised a signal the architecture does not call for (see
 * kc_fault_check: only alignment and device-exclusive SIGBUSes are), else 0.
 * --selftest (first argument): normal memory instead of the devices (for qemu-aarch64).
 * Cases: isv1 (control, an ISV=1 strb) stp ldp-bar post-index post-index-bar ld1
 *        memcpy16 atomic atomic-uart exclusive sve
 */
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>

#include "kc.h"

static void *(*volatile v_memcpy)(void *, const void *, size_t) = memcpy;

static void do_case(void *a)
{
	const char *c = a;
	uint8_t *bar = kc_dev.bar, *scr = kc_dev.uart_scr;
	uint32_t x = 0x11, y = 0x22;
	uint8_t buf[16];
	if (!strcmp(c, "isv1")) {
		__asm__ volatile("strb %w0, [%1]" : : "r"(x), "r"(scr) : "memory");
	} else if (!strcmp(c, "stp")) {
		__asm__ volatile("stp %w0, %w1, [%2]" : : "r"(x), "r"(y), "r"(bar) : "memory");
	} else if (!strcmp(c, "ldp-bar")) {
		__asm__ volatile("ldp %w0, %w1, [%2]" : "=r"(x), "=r"(y) : "r"(bar) : "memory");
	} else if (!strcmp(c, "post-index")) {
		__asm__ volatile("strb %w1, [%0], #1" : "+r"(scr) : "r"(x) : "memory");
	} else if (!strcmp(c, "post-index-bar")) {
		__asm__ volatile("strb %w1, [%0], #1" : "+r"(bar) : "r"(x) : "memory");
	} else if (!strcmp(c, "ld1")) {
		__asm__ volatile("ld1 {v0.16b}, [%0]" : : "r"(bar) : "v0", "memory");
	} else if (!strcmp(c, "memcpy16")) {
		memset(buf, 0x5b, sizeof buf);	/* odd: byte 12 keeps the MSI-X mask bit set */
		v_memcpy(bar, buf, sizeof buf);
	} else if (!strcmp(c, "atomic")) {
		__asm__ volatile(".arch_extension lse\n ldadd %w1, %w0, [%2]"
				 : "=&r"(x) : "r"(0), "r"(bar) : "memory");
	} else if (!strcmp(c, "atomic-uart")) {
		__asm__ volatile(".arch_extension lse\n ldaddb %w1, %w0, [%2]"
				 : "=&r"(x) : "r"(0), "r"(scr) : "memory");
	} else if (!strcmp(c, "exclusive")) {
		__asm__ volatile("ldxr %w0, [%2]\n stxr %w1, %w0, [%2]"
				 : "=&r"(x), "=&r"(y) : "r"(bar) : "memory");
	} else if (!strcmp(c, "sve")) {
		__asm__ volatile(".arch_extension sve\n ptrue p0.b, vl16\n ld1b {z0.b}, p0/z, [%0]"
				 : : "r"(bar) : "p0", "v0", "memory");
	}
}

int main(int argc, char **argv)
{
	static const char *const names[] = { "isv1", "stp", "ldp-bar", "post-index", "post-index-bar",
					     "ld1", "memcpy16", "atomic", "atomic-uart", "exclusive", "sve" };
	static const char *const uart_cases[] = { "isv1", "post-index", "atomic-uart" };
	int first = 1, bad = 0;
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 1 && !strcmp(argv[1], "--selftest")) {
		if (kc_map_selftest())
			return 2;
		first = 2;
	}
	for (int i = first; i < argc; i++) {
		size_t k = 0;
		while (k < sizeof names / sizeof names[0] && strcmp(argv[i], names[k]))
			k++;
		if (k == sizeof names / sizeof names[0]) {
			fprintf(stderr, "isv0: unknown case '%s'\n", argv[i]);
			return 2;
		}
		int uart = 0;
		for (size_t u = 0; u < sizeof uart_cases / sizeof uart_cases[0]; u++)
			uart |= !strcmp(argv[i], uart_cases[u]);
		if (uart ? !kc_dev.uart_scr && kc_map_uart() : !kc_dev.bar && kc_map_bar())
			return 2;
		unsigned long hw = getauxval(AT_HWCAP);
		if ((!strcmp(argv[i], "sve") && !(hw & (1ul << 22))) ||
		    (!strncmp(argv[i], "atomic", 6) && !(hw & (1ul << 8)))) {
			printf("isv0 %s: skipped (no %s)\n", argv[i], argv[i][0] == 's' ? "SVE" : "LSE");
			continue;
		}
		struct kc_fault f;
		if (kc_guard(do_case, argv[i], &f)) {
			printf("isv0 %s: signal %d si_code %d addr %#lx pc %#lx insn %08x\n", argv[i], f.sig,
			       f.code, (unsigned long)f.addr, (unsigned long)f.pc, f.insn);
			bad |= kc_dev.selftest || kc_fault_kind(&f) == KC_FAULT_BAD;
		}
		printf("isv0 %s: done\n", argv[i]);
	}
	return bad;
}
