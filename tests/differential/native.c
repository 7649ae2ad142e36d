/*
 * The oracle: run instruction words for real on this CPU.
 *
 * One RWX mapping holds the runner (the templates of tests/support/run_insn.S
 * around the slot) in its first page and the test buffer right after it, so
 * that a branch from the slot can reach code placed in the buffer
 * (PC-relative literal loads).
 * Faults inside the slot are reported by a handler on an alternate stack;
 * during start-up probes they are caught with siglongjmp instead.
 */
#define _GNU_SOURCE
#include "native.h"

#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include "../support/native_sig.h"

#ifndef HWCAP_ATOMICS
#define HWCAP_ATOMICS (1 << 8)
#endif
#ifndef HWCAP_LRCPC
#define HWCAP_LRCPC (1 << 15)
#endif
#ifndef HWCAP_DCPOP
#define HWCAP_DCPOP (1 << 16)
#endif
#ifndef HWCAP_ILRCPC
#define HWCAP_ILRCPC (1 << 26)
#endif
#ifndef HWCAP_PACA
#define HWCAP_PACA (1 << 30)
#endif
#ifndef HWCAP2_DCPODP
#define HWCAP2_DCPODP (1 << 0)
#endif
#ifndef HWCAP2_MTE
#define HWCAP2_MTE (1 << 18)
#endif

#define A64_NOP 0xd503201fu

static struct run_regs run_state __attribute__((aligned(64)));
static void *entry; /* the runner's entry, before the slot */
static uint32_t *slot_words;
static volatile sig_atomic_t probing;
static sigjmp_buf probe_env;

static uint64_t stub_lo, stub_hi; /* the stub page and the buffer (literal code) */

static int in_stub(uint64_t pc)
{
	return pc >= stub_lo && pc < stub_hi;
}

static void on_fault(int sig, siginfo_t *si, void *uc)
{
	char msg[256];
	uint64_t pc = ((ucontext_t *)uc)->uc_mcontext.pc;

	if (probing)
		siglongjmp(probe_env, sig);
	/* the PC tells native execution from a fault in nisv or the harness */
	snprintf(msg, sizeof msg, "differential: %s (si_code %d, addr %p) at pc 0x%llx (%s)\n",
	         sig == SIGILL ? "SIGILL" : sig == SIGBUS ? "SIGBUS" : sig == SIGSEGV ? "SIGSEGV" : "a signal",
	         si->si_code, si->si_addr, (unsigned long long)pc,
	         in_stub(pc) ? "native execution" : "not in the stub: nisv or the harness");
	native_fatal(msg, "differential: faulting case: ");
}

void native_sync_code(void *start, void *end)
{
	__builtin___clear_cache((char *)start, (char *)end);
}

void native_run(struct native_env *env, const uint32_t *words, unsigned n, struct nstate *st)
{
	unsigned i;

	for (i = 0; i < SLOT_WORDS; i++)
		slot_words[i] = i < n ? words[i] : A64_NOP;
	native_sync_code(slot_words, slot_words + SLOT_WORDS);
	(void)env;
	memcpy(&run_state, st, sizeof run_state);
	run_insn(&run_state, entry);
	memcpy(st, &run_state, sizeof run_state);
}

/* Run one word with x0 = buffer start; 0 if it executed, else the signal. */
static int probe(struct native_env *env, uint32_t word)
{
	static struct nstate st;
	int sig;

	memset(&st, 0, sizeof st);
	st.x[0] = (uint64_t)(uintptr_t)env->buf;
	st.sp = (uint64_t)(uintptr_t)env->buf;
	probing = 1;
	sig = sigsetjmp(probe_env, 1);
	if (sig == 0)
		native_run(env, &word, 1, &st);
	probing = 0;
	return sig;
}

uint64_t native_pac_sign(struct native_env *env, uint64_t v, unsigned key)
{
	static struct nstate st;
	uint32_t w = key ? 0xdac12fe0u : 0xdac12be0u; /* PACDZB/PACDZA x0 */

	memset(&st, 0, sizeof st);
	st.x[0] = v;
	native_run(env, &w, 1, &st);
	return st.x[0];
}

int native_init(struct native_env *env, uint64_t bufsz)
{
	size_t ps = (size_t)sysconf(_SC_PAGESIZE);
	size_t tsz = RUN_ENTRY_BYTES + run_insn_span(SLOT_WORDS);
	unsigned long hw, hw2;
	uint8_t *map;
	uint64_t dczid;

	if (tsz > ps)
		return -1;
	bufsz = (bufsz + ps - 1) & ~(uint64_t)(ps - 1);
	map = mmap(NULL, ps + bufsz, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (map == MAP_FAILED) {
		perror("differential: mmap RWX");
		return -1;
	}
	/* the state block is both the input and the output */
	entry = run_insn_place(map + RUN_ENTRY_BYTES, SLOT_WORDS, &run_state);
	slot_words = (uint32_t *)(void *)(map + RUN_ENTRY_BYTES);
	native_sync_code(map, map + tsz);

	env->page = map;
	env->slot = (uint64_t)(uintptr_t)slot_words;
	env->after = env->slot + 4 * SLOT_WORDS;
	env->buf = map + ps;
	env->bufsz = bufsz;
	stub_lo = (uint64_t)(uintptr_t)map;
	stub_hi = stub_lo + ps + bufsz;

	if (native_catch_signals("differential", on_fault) != 0)
		return -1;

	__asm__ volatile("mrs %0, dczid_el0" : "=r"(dczid));
	env->dczid = dczid;

	hw = getauxval(AT_HWCAP);
	hw2 = getauxval(AT_HWCAP2);
	env->feat = 0;
	if (hw & HWCAP_ATOMICS)
		env->feat |= FEAT_LSE;
	if (hw & HWCAP_LRCPC)
		env->feat |= FEAT_LRCPC;
	if (hw & HWCAP_ILRCPC)
		env->feat |= FEAT_LRCPC2;
	if (hw & HWCAP_PACA)
		env->feat |= FEAT_PAUTH;
	if (hw & HWCAP_DCPOP)
		env->feat |= FEAT_DPB;
	if (hw2 & HWCAP2_DCPODP)
		env->feat |= FEAT_DPB2;
	if (hw2 & HWCAP2_MTE)
		env->feat |= FEAT_MTE;
	if (!(dczid & 0x10))
		env->feat |= FEAT_ZVA;

	/* Confirm by executing one instance of each (x0 = buffer start). */
	memset(env->buf, 0, 256);
	if (probe(env, 0x88df7c01u) == 0) /* ldlar w1, [x0] (no HWCAP bit) */
		env->feat |= FEAT_LOR;
	if ((env->feat & FEAT_LSE) && probe(env, 0xb8210002u)) /* ldadd w1, w2, [x0] */
		env->feat &= ~(unsigned)FEAT_LSE;
	if ((env->feat & FEAT_LRCPC) && probe(env, 0xb8bfc001u)) /* ldapr w1, [x0] */
		env->feat &= ~(unsigned)FEAT_LRCPC;
	if ((env->feat & FEAT_LRCPC2) && probe(env, 0x99400001u)) /* ldapur w1, [x0] */
		env->feat &= ~(unsigned)FEAT_LRCPC2;
	if ((env->feat & FEAT_PAUTH) && probe(env, 0xdac12be0u)) /* pacdza x0 */
		env->feat &= ~(unsigned)FEAT_PAUTH;
	if ((env->feat & FEAT_MTE) && (probe(env, 0x69000801u) || probe(env, 0xd50b7460u)))
		env->feat &= ~(unsigned)FEAT_MTE; /* stgp x1, x2, [x0]; dc gva, x0 */
	/* DC CVAP/CVADP: by execution alone (some emulators lack the HWCAP) */
	env->feat &= ~(unsigned)(FEAT_DPB | FEAT_DPB2);
	if (probe(env, 0xd50b7c20u) == 0) /* dc cvap, x0 */
		env->feat |= FEAT_DPB;
	if (probe(env, 0xd50b7d20u) == 0) /* dc cvadp, x0 */
		env->feat |= FEAT_DPB2;
	if ((env->feat & FEAT_ZVA) && probe(env, 0xd50b7420u)) /* dc zva, x0 */
		env->feat &= ~(unsigned)FEAT_ZVA;

	/* The PAC field starts at the VA size: find it from signed pointers. */
	env->va_bits = 48;
	if (env->feat & FEAT_PAUTH) {
		uint64_t diff = 0, p;
		unsigned i, b;

		for (i = 0; i < 32; i++) {
			p = (uint64_t)(uintptr_t)env->buf + i * 4096u + i;
			diff |= native_pac_sign(env, p, i & 1) ^ p;
		}
		for (b = 0; b < 64 && !(diff >> b & 1); b++)
			;
		if (b >= 32 && b < 56)
			env->va_bits = b;
	}
	return 0;
}
