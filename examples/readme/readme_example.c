/* The README's example (built and run by tests/tool): a VMM finishes a guest
 * store the hardware could not describe (ESR_EL2.ISV == 0) on a UART. */
#include <stdio.h>
#include <nisv.h>

static int uart_write(void *dev, uint64_t off, const void *buf, uint32_t len)
{
	(void)dev;
	printf("uart +0x%llx <- '%c' (%u bytes)\n", (unsigned long long)off, *(const char *)buf, len);
	return 0;
}

int main(void)
{
	static unsigned char ram[0x10000]; /* guest RAM at IPA 0x40000000 */
	const nisv_region regions[] = {
		{ .base = 0x40000000, .size = sizeof(ram), .ram = ram },
		{ .base = 0x09000000, .size = 0x1000, .write = uart_write, .widths = 1u << 2 },
	};
	nisv_bus bus = { .regions = regions, .count = 2 };
	nisv_state st = { .reg = { [8] = 'A', [10] = 0x09000000, [NISV_PC] = 0x40001000, [NISV_PSTATE] = 0x5 } };
	nisv_vcpu vcpu;
	nisv_result res;

	/* the guest (EL1, MMU off) ran "str w8, [x10], #4" at PC: a post-indexed store */
	ram[0x1000] = 0x48, ram[0x1001] = 0x45, ram[0x1002] = 0x00, ram[0x1003] = 0xb8;

	nisv_vcpu_init(&vcpu, &nisv_state_reg_ops, &st, &nisv_bus_mem_ops, &bus);
	nisv_vcpu_set_fault_mode(&vcpu, NISV_FAULTS_INJECT); /* guest faults: taken */
	nisv_abort abort = { .esr = 0x92000046, /* data abort, ISV=0, WnR=1 */
	                     .ipa = 0x09000000, .far = 0x09000000, .flags = NISV_ABORT_FAR_VALID };
	nisv_status s = nisv_handle_abort(&vcpu, &abort, &res);

	printf("%s: x10 = 0x%llx, pc = 0x%llx\n", nisv_status_name(s), (unsigned long long)st.reg[10],
	       (unsigned long long)st.reg[NISV_PC]);
	return s == NISV_OK && st.reg[10] == 0x09000004 && st.reg[NISV_PC] == 0x40001004 ? 0 : 1;
}
