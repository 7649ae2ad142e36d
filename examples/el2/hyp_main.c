/*
 * EL2 setup: the hypervisor's own translation tables (identity, MMU on),
 * the host's stage 2 (identity map of its RAM and the UART; the protected
 * device and the hypervisor's memory left out), the traps, one nisv vCPU
 * per CPU, and the host entered at EL1.
 */
#include "hyp.h"
#include "pt.h"

#define HCR_VM (1ull << 0)    /* stage 2 on                                 */
#define HCR_SWIO (1ull << 1)  /* set/way invalidation -> clean+invalidate   */
#define HCR_TSC (1ull << 19)  /* the host's SMCs trap (PSCI goes through us) */
#define HCR_RW (1ull << 31)   /* EL1 is AArch64                             */
#define HCR_APK (1ull << 40)  /* pointer authentication: no traps           */
#define HCR_API (1ull << 41)

/* TCR_EL2 (E2H = 0): T0SZ 16, walks inner/outer write-back inner-shareable,
 * 4K granule, PS 48 bits, RES1 bits 23 and 31 */
#define TCR_EL2_VALUE (16ull | 1ull << 8 | 1ull << 10 | 3ull << 12 | 5ull << 16 | 1ull << 23 | 1ull << 31)
/* VTCR_EL2: the same for stage 2, SL0 = 2 (start at level 0), RES1 bit 31 */
#define VTCR_VALUE (16ull | 2ull << 6 | 1ull << 8 | 1ull << 10 | 3ull << 12 | 5ull << 16 | 1ull << 31)
#define SCTLR_EL2_RES1 0x30c50830ull
#define SCTLR_EL1_RES1 0x30d00800ull
#define SCTLR_M (1ull << 0)
#define SCTLR_C (1ull << 2)
#define SCTLR_SA (1ull << 3)
#define SCTLR_I (1ull << 12)
/* CPTR_EL2 (E2H = 0): RES1 bits 0-7, 9, 12-13; TZ (bit 8) and TFP (bit 10)
 * clear, so neither the host nor nisv's register access traps */
#define CPTR_EL2_VALUE 0x32ffull

#define S2_RAM (S2_NORMAL | S2_RW | PTE_SH_INNER | PTE_AF)
#define S2_MMIO (S2_DEVICE | S2_RW | PTE_AF)
#define EL2_RAM (S1_ATTR(MT_NORMAL) | PTE_SH_INNER | PTE_AF | S1_AP_EL0) /* AP[1] is RES1 at EL2 */
#define EL2_MMIO (S1_ATTR(MT_DEVICE) | PTE_AF | S1_AP_EL0 | S1_XN)

struct hyp_cpu hyp_cpus[NCPUS];
static uint8_t table_pool[24 * PAGE_SIZE] __attribute__((aligned(4096)));
static uint64_t el2_root, s2_root;

static void build_tables(void)
{
	struct pt_pool pool = { (uint64_t)table_pool, (uint64_t)table_pool + sizeof(table_pool) };
	int err = 0;

	el2_root = pt_alloc(&pool);
	s2_root = pt_alloc(&pool);
	/* EL2 sees all RAM (its own and the host's) and the UART */
	err |= pt_map(&pool, el2_root, RAM_BASE, RAM_BASE, RAM_SIZE, EL2_RAM);
	err |= pt_map(&pool, el2_root, UART_BASE, UART_BASE, PAGE_SIZE, EL2_MMIO);
	/* the host: the bus's RAM regions and the UART; the protected device
	 * (and the page after it) stay unmapped, so every access traps */
	for (unsigned i = 0; i < hyp_bus.count; i++)
		if (hyp_bus.regions[i].ram)
			err |= pt_map(&pool, s2_root, hyp_bus.regions[i].base, hyp_bus.regions[i].base,
			              hyp_bus.regions[i].size, S2_RAM);
	err |= pt_map(&pool, s2_root, UART_BASE, UART_BASE, PAGE_SIZE, S2_MMIO);
	if (err || !el2_root || !s2_root) {
		rt_printf("el2: translation table pool exhausted\n");
		hyp_power_off();
	}
}

static void el2_mmu_on(void)
{
	SYSREG_WRITE(mair_el2, MAIR_VALUE);
	SYSREG_WRITE(tcr_el2, TCR_EL2_VALUE);
	SYSREG_WRITE(ttbr0_el2, el2_root);
	__asm__ volatile("isb\n\ttlbi alle2\n\tdsb sy\n\tisb" ::: "memory");
	SYSREG_WRITE(sctlr_el2, SCTLR_EL2_RES1 | SCTLR_M | SCTLR_C | SCTLR_SA | SCTLR_I);
	__asm__ volatile("isb" ::: "memory");
}

/* The host CPU's features that change nisv's results, from the ID
 * registers (the host reads the same ones: nothing is trapped). */
static void nisv_features(nisv_vcpu *v)
{
	static const unsigned parange_bits[] = { 32, 36, 40, 42, 44, 48, 52 };
	uint64_t mmfr0 = SYSREG_READ(id_aa64mmfr0_el1), mmfr1 = SYSREG_READ(id_aa64mmfr1_el1);
	uint64_t mmfr2 = SYSREG_READ(id_aa64mmfr2_el1), pfr1 = SYSREG_READ(id_aa64pfr1_el1);
	uint32_t f = 0;

	if ((mmfr2 >> 32 & 0xf) >= 1) /* AT: FEAT_LSE2 */
		f |= NISV_FEAT_LSE2;
	if ((mmfr0 & 0xf) == 6) /* PARange 52 bits: FEAT_LPA */
		f |= NISV_FEAT_LPA;
	if ((mmfr0 >> 28 & 0xf) == 1 || (mmfr0 >> 20 & 0xf) == 2) /* TGran4/16: 52-bit */
		f |= NISV_FEAT_LPA2;
	if ((mmfr2 >> 16 & 0xf) == 1) /* VARange: FEAT_LVA */
		f |= NISV_FEAT_LVA;
	if ((mmfr1 & 0xf) >= 2) /* HAFDBS */
		f |= NISV_FEAT_HAFDBS;
	if ((pfr1 >> 8 & 0xf) >= 2) /* FEAT_MTE2 */
		f |= NISV_FEAT_MTE;
	nisv_vcpu_set_features(v, f);
	if ((mmfr0 & 0xf) < sizeof(parange_bits) / sizeof(parange_bits[0]))
		nisv_vcpu_set_pa_bits(v, parange_bits[mmfr0 & 0xf]);
}

static void host_traps_on(struct hyp_cpu *c)
{
	SYSREG_WRITE(tpidr_el2, c);
	SYSREG_WRITE(vtcr_el2, VTCR_VALUE);
	SYSREG_WRITE(vttbr_el2, s2_root); /* VMID 0 */
	SYSREG_WRITE(hcr_el2, HCR_VM | HCR_SWIO | HCR_TSC | HCR_RW | HCR_APK | HCR_API);
	SYSREG_WRITE(cptr_el2, CPTR_EL2_VALUE);
	if (SYSREG_READ(id_aa64pfr0_el1) >> 32 & 0xf)
		SYSREG_WRITE(S3_4_C1_C2_0, 15); /* ZCR_EL2.LEN: every vector length */
	SYSREG_WRITE(cnthctl_el2, 3); /* the host may read and program the counters */
	SYSREG_WRITE(cntvoff_el2, 0);
	SYSREG_WRITE(vpidr_el2, SYSREG_READ(midr_el1));
	SYSREG_WRITE(vmpidr_el2, SYSREG_READ(mpidr_el1));
	SYSREG_WRITE(sctlr_el1, SCTLR_EL1_RES1); /* the host starts with its MMU off */
	__asm__ volatile("isb\n\ttlbi vmalls12e1\n\tdsb sy\n\tisb" ::: "memory");
}

/* Every CPU's EL2 stack is painted before use, so the summary can say
 * how deep the hypervisor (nisv included) went: CPU 0 paints all of them
 * below its own frame. */
#define STACK_PAINT 0x5354414b5354414bull
extern uint64_t hyp_stack_top[];

static void paint_stacks(void)
{
	uint64_t *w = hyp_stack_top - NCPUS * HYP_STACK / 8, *here = __builtin_frame_address(0);

	while (w < here - 64)
		*w++ = STACK_PAINT;
}

unsigned hyp_stack_used(unsigned cpu)
{
	uint64_t *top = hyp_stack_top - cpu * HYP_STACK / 8, *w = top - HYP_STACK / 8;

	while (w < top && *w == STACK_PAINT)
		w++;
	return (unsigned)((top - w) * 8);
}

void hyp_main(unsigned cpu)
{
	struct hyp_cpu *c = &hyp_cpus[cpu];

	if (cpu == 0) {
		paint_stacks();
		build_tables();
		c->host_entry = HOST_BASE;
		c->host_arg = 0;
	}
	el2_mmu_on();
	host_traps_on(c);
	c->index = cpu;
	if (nisv_vcpu_init(&c->nv, &hyp_reg_ops, c, &nisv_bus_mem_ops, &hyp_bus) != NISV_OK) {
		rt_printf("el2: nisv_vcpu_init failed\n");
		hyp_power_off();
	}
	nisv_vcpu_set_fault_mode(&c->nv, NISV_FAULTS_INJECT);
	nisv_vcpu_set_vector_lengths(&c->nv, hyp_sve_vqs(), 0);
	nisv_features(&c->nv);
	if (cpu == 0)
		rt_printf("el2: stage 2 on, device 0x%lx-0x%lx unmapped; nisv %u.%u.%u, SVE VLs 0x%x, features 0x%x, "
		          "PA %u bits; entering the host at EL1\n",
		          PDEV_BASE, PDEV_BASE + PDEV_SIZE - 1, nisv_version() >> 16, nisv_version() >> 8 & 0xff,
		          nisv_version() & 0xff, nisv_vcpu_sve_vqs(&c->nv), nisv_vcpu_features(&c->nv),
		          nisv_vcpu_pa_bits(&c->nv));
	hyp_enter_host(c->host_entry, c->host_arg);
}

void hyp_power_off(void)
{
	hyp_smc(PSCI_SYSTEM_OFF, 0, 0, 0);
	for (;;)
		__asm__ volatile("wfi");
}
