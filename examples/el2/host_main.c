/*
 * The host's main program on CPU 0: everything with the MMU off, then
 * with it on (TTBR1, 4K granule), the device mapped Device-nGnRnE and then
 * Normal non-cacheable; then both CPUs at once. Other CPUs go to
 * secondary_main.
 */
#include "host.h"

static const struct pass mmu_off = { "MMU off", PDEV_BASE, 0, 0, 0, 0 };
static const struct pass mmu_dev = { "MMU on, Device-nGnRnE", KVA(PDEV_BASE), KVA_OFFSET, KVA_OFFSET, 0, 1 };
static const struct pass mmu_nc = { "MMU on, Normal-NC, EL0 RW", KNC(PDEV_BASE), KNC_OFFSET, KVA_OFFSET, 1, 1 };

void host_main(unsigned cpu);
void host_main(unsigned cpu)
{
	if (cpu != 0) {
		secondary_main(cpu);
		return;
	}
	rt_printf("host: EL1, MMU off\n");
	classes(&mmu_off);
	sve(&mmu_off);
	edges(&mmu_off);
	host_tables();
	host_mmu_on();
	rt_printf("host: MMU on: TTBR0 identity, TTBR1 kernel half, 4K granule\n");
	classes(&mmu_dev);
	sve(&mmu_dev);
	edges(&mmu_dev);
	classes(&mmu_nc);
	sve(&mmu_nc);
	edges(&mmu_nc);
	smp();
	host_finish(0);
}
