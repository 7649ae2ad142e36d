/*
 * Where kvmtool has no device, and where KVM has one in the kernel:
 *  - hole: the UART page past the 8250's 8 registers. kvmtool ignores
 *    writes there and nisv reads zeroes, for any instruction;
 *  - gic: KVM's in-kernel GIC distributor (kvmtool's map puts it at
 *    0x3fff0000). KVM decodes an ISV=1 load itself; an ISV=0 one reaches
 *    userspace, which cannot reach the vGIC: nisv gives an external abort.
 * Device mode only: normal memory (--selftest) has neither.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "kc.h"

#define HOLE_OFF 0x100		/* from the UART page: no register there */
#define GICD_BASE 0x3fff0000ull	/* ARM_GIC_DIST_BASE in kvmtool's arm64 map */
#define GICD_TYPER 0x4

struct pair { uint8_t *p; uint64_t a, b; };

static void stp_x(void *arg)
{
	struct pair *x = arg;
	__asm__ volatile("stp %1, %2, [%0]" : : "r"(x->p), "r"(x->a), "r"(x->b) : "memory");
}

static void ldp_x(void *arg)
{
	struct pair *x = arg;
	__asm__ volatile("ldp %0, %1, [%2]" : "=&r"(x->a), "=&r"(x->b) : "r"(x->p) : "memory");
}

static void ldp_w(void *arg)
{
	struct pair *x = arg;
	uint32_t a = 0x5a5a5a5a, b = 0xa5a5a5a5;
	__asm__ volatile("ldp %w0, %w1, [%2]" : "+&r"(a), "+&r"(b) : "r"(x->p) : "memory");
	x->a = a;
	x->b = b;
}

static void ld1_post(void *arg)
{
	struct pair *x = arg;
	uint8_t *p = x->p;
	uint64_t lo, hi;
	__asm__ volatile("movi v0.16b, #0xee\n ld1 {v0.16b}, [%2], #16\n fmov %0, d0\n mov %1, v0.d[1]"
			 : "=r"(lo), "=r"(hi), "+r"(p) : : "v0", "memory");
	x->a = lo | hi;
	x->p = p;
}

void case_hole(void)
{
	if (kc_dev.selftest) {
		kc_note("skipped: no hole in normal memory");
		return;
	}
	uint8_t *hole = (uint8_t *)kc_dev.uart_page + HOLE_OFF;
	struct kc_fault f;
	struct pair x = { hole, 0x1122334455667788ull, 0x99aabbccddeeff00ull };

	kc_check(!kc_guard(stp_x, &x, &f), "stp x to the hole faulted (si_code %d)", f.code);
	x = (struct pair){ hole, ~0ull, ~0ull };
	if (kc_check(!kc_guard(ldp_x, &x, &f), "ldp x from the hole faulted (si_code %d)", f.code))
		kc_check(x.a == 0 && x.b == 0, "ldp x from the hole read %#llx %#llx, expected 0 0",
			 (unsigned long long)x.a, (unsigned long long)x.b);
	x = (struct pair){ hole, ~0ull, 0 };
	if (kc_check(!kc_guard(ld1_post, &x, &f), "ld1 from the hole faulted (si_code %d)", f.code)) {
		kc_check(x.a == 0, "ld1 from the hole read nonzero bytes");
		kc_check(x.p == hole + 16, "ld1 post-index left the base at +%td, expected +16", x.p - hole);
	}
}

void case_gic(void)
{
	if (kc_dev.selftest) {
		kc_note("skipped: no GIC in normal memory");
		return;
	}
	uint8_t *gicd = kc_map_phys(GICD_BASE);
	if (!kc_check(gicd != NULL, "cannot map the GIC distributor at %#llx", GICD_BASE))
		return;

	/* ISV=1: KVM's vGIC answers; GICD_TYPER.ITLinesNumber is never 0 with SPIs */
	uint32_t typer;
	__asm__ volatile("ldr %w0, [%1]" : "=r"(typer) : "r"(gicd + GICD_TYPER) : "memory");
	kc_check((typer & 0x1f) != 0, "GICD_TYPER read %#x through KVM", typer);

	/* ISV=0: userspace cannot reach the vGIC, the guest takes an external abort */
	struct pair x = { gicd, 0, 0 };
	struct kc_fault f;
	int faulted = kc_guard(ldp_w, &x, &f);
	kc_check(faulted && f.sig == SIGBUS && (f.insn & 0xffc00000u) == 0x29400000u,
		 "ldp w from the GIC distributor: %s (signal %d si_code %d insn %08x)",
		 faulted ? "wrong fault" : "no fault", f.sig, f.code, f.insn);
}
