/*
 * trap: the trap-path test suite (stage-1 walker, exception entry,
 * nisv_handle_abort and the device bus, walks remembered across traps). Prints one line per failed check
 * and a final "trap: N cases, M failed".
 */
#include "harness.h"

int main(void)
{
	tests_mmu();
	tests_exception();
	tests_trap();
	tests_memo();
	return report() ? 1 : 0;
}
