/*
 * kvmtool-checks: runs as the program of a Linux guest (L2) under kvmtool built with nisv
 * and drives real instruction sequences against kvmtool's devices, checking every result.
 *
 * Devices
 *   - the 8250 UART's scratch register (offset 7, 1 byte of storage), found in /proc/iomem
 *     (or the device tree) and mapped from /dev/mem (O_RDWR|O_SYNC; boot with iomem=relaxed);
 *   - the MSI-X table BAR (resource2) of a virtio-pci device (vendor 0x1af4, e.g. lkvm
 *     --rng): 528 bytes of read/write storage. Only its first 528 bytes are touched and
 *     bit0 (mask) of every entry's ctrl word is kept set in everything written, so kvmtool
 *     never delivers an MSI through a test pattern; the original table is restored at exit.
 *   Both are Device memory in the guest, so unaligned accesses are alignment faults.
 * Oracle: single volatile ldrb/strb without writeback (ISV=1, decoded by KVM, not nisv).
 *
 * Usage: kvmtool-checks [--selftest] [--full] [--list] [CASE...]   (default: all but bench)
 *   --selftest  replace both devices by anonymous normal memory (no fault may occur);
 *               run it under qemu-aarch64 -cpu max and -cpu max,sve=off.
 *   --full      memcpy cases: every dst x src alignment pair for every length (slow).
 *   Device mode refuses to run unless the device-tree root is "linux,dummy-virt"
 *   (KC_FORCE=1 overrides), so that it never pokes a host's physical memory.
 * Cases: harness (the fault harness itself) memcpy-to-bar memcpy-from-bar memset-bar memmove-bar memcpy-uart-scratch
 *        inline-copy post-index ldp-stp atomic atomic-smp exclusive sve hole gic bench(not default)
 *
 * glibc string calls (every length 1..256, dst/src alignments 0,1,3,4,7,8,15 mod 16) must
 * either complete with exactly memcpy/memset/memmove's result (and nothing outside the
 * range changed), or raise SIGBUS with BUS_ADRALN at a device address. With SVE, glibc's
 * __memcpy_sve moves the device with ld1b/st1b, which nisv emulates: they complete. After a
 * fault every device byte must be old or new. SIGSEGV is always a failure.
 *
 * hole: ISV=0 accesses where kvmtool has no device (the UART page past its 8
 * registers) behave as kvmtool's KVM_EXIT_MMIO path: writes vanish, reads are 0.
 * gic: an ISV=0 access to KVM's in-kernel GIC distributor is an external abort
 * (SIGBUS), while an ISV=1 one works.
 *
 * Output: per case "case NAME: checks P passed, F failed, faults T (alignment A,
 * sve-external S, exclusive E, other O)" preceded by "FAIL NAME: ..." lines; last line
 * "kvmtool-checks: checks P passed, F failed"; exit status 0 iff nothing failed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kc.h"

static const struct kc_case {
	const char *name;
	void (*fn)(void);
	int uart, bar, dflt;
} cases[] = {
	{ "harness", case_harness, 0, 1, 1 },
	{ "memcpy-to-bar", case_memcpy_to_bar, 0, 1, 1 },
	{ "memcpy-from-bar", case_memcpy_from_bar, 0, 1, 1 },
	{ "memset-bar", case_memset_bar, 0, 1, 1 },
	{ "memmove-bar", case_memmove_bar, 0, 1, 1 },
	{ "memcpy-uart-scratch", case_memcpy_uart_scratch, 1, 0, 1 },
	{ "inline-copy", case_inline_copy, 0, 1, 1 },
	{ "post-index", case_post_index, 1, 1, 1 },
	{ "ldp-stp", case_ldp_stp, 0, 1, 1 },
	{ "atomic", case_atomic, 1, 1, 1 },
	{ "atomic-smp", case_atomic_smp, 0, 1, 1 },
	{ "exclusive", case_exclusive, 0, 1, 1 },
	{ "sve", case_sve, 0, 1, 1 },
	{ "hole", case_hole, 1, 0, 1 },
	{ "gic", case_gic, 0, 0, 1 },
	{ "bench", case_bench, 0, 1, 0 },
};
#define NCASES (sizeof cases / sizeof cases[0])

int main(int argc, char **argv)
{
	int selftest = 0, want[NCASES] = { 0 }, any = 0, need_uart = 0, need_bar = 0;
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (int i = 1; i < argc; i++) {
		size_t c;
		if (!strcmp(argv[i], "--selftest")) {
			selftest = 1;
		} else if (!strcmp(argv[i], "--full")) {
			kc_full = 1;
		} else if (!strcmp(argv[i], "--list")) {
			for (c = 0; c < NCASES; c++)
				printf("%s%s\n", cases[c].name, cases[c].dflt ? "" : " (not default)");
			return 0;
		} else {
			for (c = 0; c < NCASES && strcmp(argv[i], cases[c].name); c++)
				;
			if (c == NCASES) {
				fprintf(stderr, "unknown case '%s' (try --list)\n", argv[i]);
				return 2;
			}
			want[c] = any = 1;
		}
	}
	for (size_t c = 0; c < NCASES; c++) {
		want[c] = any ? want[c] : cases[c].dflt;
		need_uart |= want[c] && cases[c].uart;
		need_bar |= want[c] && cases[c].bar;
	}
	if (selftest ? kc_map_selftest() : (need_uart && kc_map_uart()) || (need_bar && kc_map_bar()))
		return 2;
	kc_print_string_variants((void *)memcpy, (void *)memmove, (void *)memset);
	if (need_bar && !selftest)
		kc_bar_save();
	for (size_t c = 0; c < NCASES; c++) {
		if (!want[c])
			continue;
		kc_case_begin(cases[c].name);
		cases[c].fn();
		kc_case_end();
	}
	if (need_bar && !selftest)
		kc_bar_restore();
	printf("kvmtool-checks: checks %lu passed, %lu failed\n", kc_total_pass, kc_total_fail);
	return kc_total_fail ? 1 : 0;
}
