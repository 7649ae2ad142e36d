/*
 * The demo guest (scripts/e2e/demo.sh): a bare-metal "kernel" with the MMU
 * on that talks to its devices with instructions KVM cannot decode. Each
 * one traps with ESR_EL2.ISV = 0, KVM hands it to the VMM
 * (KVM_EXIT_ARM_NISV), and nisv finishes it. The VMM's table at the end
 * counts what went where.
 */
#include "vm.h"

#define UART_WIN (KVA(PLAT_UART_BASE) + UART_WINDOW)
#define REGS KVA(PLAT_TEST_BASE)

static uint8_t buf[256] __attribute__((aligned(16)));

static unsigned fill(const char *s)
{
	unsigned n = 0;
	for (unsigned i = 0; i < sizeof(buf); i++)
		buf[i] = 0;
	while (s[n] && n < sizeof(buf))
		buf[n] = (uint8_t)s[n], n++;
	return n;
}

/* print through the UART's burst window, 16 bytes per STP */
static void say_stp(const char *s)
{
	unsigned n = fill(s);
	const uint64_t *w = (const uint64_t *)buf;
	for (unsigned i = 0; i < (n + 15) / 16; i++)
		__asm__ volatile("stp %0, %1, [%2]" : : "r"(w[2 * i]), "r"(w[2 * i + 1]), "r"(UART_WIN) : "memory");
}

/* print 64 bytes per ST1 {v0.16b-v3.16b} */
static void say_st1(const char *s)
{
	unsigned n = fill(s);
	for (unsigned i = 0; i < (n + 63) / 64; i++)
		__asm__ volatile("ld1 {v0.16b-v3.16b}, [%0]\n\t"
		                 "st1 {v0.16b-v3.16b}, [%1]"
		                 :
		                 : "r"(buf + 64 * i), "r"(UART_WIN)
		                 : "v0", "v1", "v2", "v3", "memory");
}

int vm_main(unsigned cpu, unsigned ncpus)
{
	uint64_t id, n, a, b, p, sum = 0, pc, x = 0;
	char name[9];

	if (cpu != 0)
		return 0;
	say_stp("+-----------------------------------------------------------------------+\n");
	say_stp("| Hello from a bare-metal guest on real KVM (nested in QEMU).           |\n");
	say_st1("| This line went to the UART as 64-byte ST1 {v0.16b-v3.16b} bursts,     |\n");
	say_stp("| the box around it as 16-byte STP bursts. KVM cannot decode either:    |\n");
	say_st1("| it exits with KVM_EXIT_ARM_NISV, and nisv, in the VMM, finishes them. |\n");
	say_stp("| (The lines below are printed a byte at a time with STRB: ISV=1, KVM.) |\n");
	say_stp("+-----------------------------------------------------------------------+\n");

	/* one LDP reads two device registers: the ID and the vCPU count */
	__asm__ volatile("ldp %0, %1, [%2]" : "=&r"(id), "=&r"(n) : "r"(REGS + TEST_ID) : "memory");
	for (int i = 0; i < 8; i++)
		name[i] = (char)(id >> (8 * i));
	name[8] = 0;
	gprintf("demo: LDP from the device's registers: id \"%s\", %lu vCPU(s)\n", name, n);
	CHECK_EQ(id, TEST_ID_VALUE);
	CHECK_EQ(n, ncpus);

	/* drive a register block: fill 8 registers with STP post-index, read back with LDP */
	p = REGS + TEST_SCRATCH;
	for (uint64_t i = 0; i < 8; i += 2)
		__asm__ volatile("stp %1, %2, [%0], #16" : "+r"(p) : "r"(i * i), "r"((i + 1) * (i + 1)) : "memory");
	for (uint64_t i = 0; i < 8; i += 2) {
		__asm__ volatile("ldp %0, %1, [%2]" : "=&r"(a), "=&r"(b) : "r"(REGS + TEST_SCRATCH + 8 * i) : "memory");
		sum += a + b;
	}
	gprintf("demo: STP post-index wrote 0,1,4,...,49 into 8 registers; LDP read them back: sum %lu\n", sum);
	CHECK_EQ(sum, 140);
	CHECK_EQ(p, REGS + TEST_SCRATCH + 64);

	/* an exclusive load from the device: nisv refuses it precisely */
	expect_fault[0] = 1;
	__asm__ volatile("adr %0, 1f\n1: ldxr %1, [%2]" : "=&r"(pc), "+r"(x) : "r"(REGS + TEST_SCRATCH) : "memory");
	expect_fault[0] = 0;
	gprintf("demo: LDXR on a device register -> the guest got a precise fault: ESR 0x%lx (DFSC 0x35, "
	        "unsupported exclusive), FAR 0x%lx\n",
	        last_exc[0].esr & 0xffffffffu, last_exc[0].far);
	CHECK_EQ(ESR_DFSC(last_exc[0].esr), 0x35);
	CHECK_EQ(last_exc[0].far, REGS + TEST_SCRATCH);
	CHECK_EQ(last_exc[0].elr, pc);
	say_stp("demo: done. The VMM's table of exits follows.\n");
	return 0;
}
