/*
 * The SVE oracle (native_sve.h). A fault of the word itself (SIGSEGV on
 * the guard page, SIGILL for an UNDEFINED encoding) is recorded by the
 * handler, which resumes at run_insn_back (run_sve_back for an SME case:
 * sigreturn puts PSTATE.SM and ZA back, and C code must not run in
 * streaming mode): the host's registers come back and nothing is stored. A
 * signal anywhere else is a harness error.
 */
#define _GNU_SOURCE
#include "native_sve.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

#include "../support/native_sig.h"

#ifndef PR_SVE_SET_VL
#define PR_SVE_SET_VL 50
#endif
#ifndef HWCAP_SVE
#define HWCAP_SVE (1 << 22)
#endif
#ifndef PR_SME_SET_VL
#define PR_SME_SET_VL 63
#endif
#ifndef HWCAP2_SVE2
#define HWCAP2_SVE2 (1 << 1)
#endif
#ifndef HWCAP2_SME
#define HWCAP2_SME (1 << 23)
#endif

#define SLOT_OFF (4 + RUN_ENTRY_BYTES) /* the exit's literal lands 8-aligned */
/* the stub page and the buffer: below 4 GiB but above 2 GiB, so that a
 * gather's [Zn.S] base has bit 31 set (zero-extended, not sign-extended) */
#define LOW_MAP 0xc0000000ull

static struct sve_regs run_in __attribute__((aligned(64)));
static void *entry;
static uint32_t *slot_word;
static uint64_t stub_lo;
static volatile struct native_out *cur_out;
static volatile uint64_t cur_svcr;
static unsigned cur_vl, cur_svl;

/* the result of a forked run, shared with the child */
struct shared_result {
	struct native_out o;
	struct sve_regs regs;
	uint8_t za[256][256];
};
static struct shared_result *shared;

/* The word in the slot (the trap path fetches it there). */
static void set_word(uint32_t word)
{
	if (*slot_word != word) {
		*slot_word = word;
		__builtin___clear_cache((char *)slot_word, (char *)(slot_word + 1));
	}
}

static void on_fault(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	uint64_t pc = uc->uc_mcontext.pc;
	char msg[256];

	if (pc == (uint64_t)(uintptr_t)slot_word && cur_out) {
		cur_out->sig = sig;
		cur_out->si_code = si->si_code;
		cur_out->addr = (uint64_t)(uintptr_t)si->si_addr;
		uc->uc_mcontext.pc = (uint64_t)(uintptr_t)(cur_svcr ? run_sve_back : run_insn_back);
		return;
	}
	snprintf(msg, sizeof msg, "differential-sve: signal %d (si_code %d, addr %p) at pc 0x%llx (%s)\n", sig,
	         si->si_code, si->si_addr, (unsigned long long)pc,
	         pc >= stub_lo && pc < stub_lo + PAGE ? "in the stub page, not the word" : "nisv or the harness");
	native_fatal(msg, "differential-sve: running case: ");
}

int native_set_vl(unsigned vl_bytes)
{
	int r;

	if (vl_bytes == cur_vl)
		return 0;
	r = prctl(PR_SVE_SET_VL, vl_bytes, 0, 0, 0);
	if (r < 0 || (unsigned)(r & 0xffff) != vl_bytes)
		return -1;
	cur_vl = vl_bytes;
	return 0;
}

int native_set_svl(unsigned svl_bytes)
{
	int r;

	if (svl_bytes == cur_svl)
		return 0;
	r = prctl(PR_SME_SET_VL, svl_bytes, 0, 0, 0);
	if (r < 0 || (unsigned)(r & 0xffff) != svl_bytes)
		return -1;
	cur_svl = svl_bytes;
	return 0;
}

void native_set_home(const struct native_env *env)
{
	native_set_vl(16);
	if (env->sme_vls)
		native_set_svl(16u << __builtin_ctz(env->sme_vls));
}

void native_run(struct native_env *env, uint32_t word, const struct sve_regs *in, struct sve_regs *out,
                struct native_out *o)
{
	(void)env;
	memset(o, 0, sizeof *o);
	set_word(word);
	memcpy(&run_in, in, sizeof run_in);
	run_in.za_rows = cur_svl;
	/* what run_sve_save needs; FFR is not stored in streaming mode */
	out->svcr = in->svcr;
	out->za_rows = cur_svl;
	if (in->svcr & RS_SVCR_SM)
		memcpy(out->ffr, in->ffr, sizeof out->ffr);
	run_sve_out = out;
	cur_svcr = in->svcr;
	cur_out = o;
	run_sve(&run_in, entry);
	cur_out = NULL;
	cur_svcr = 0;
}

void native_run_forked(struct native_env *env, uint32_t word, const struct sve_regs *in, struct sve_regs *out,
                       struct native_out *o)
{
	pid_t pid;
	int status;

	memset(shared, 0, sizeof *shared);
	set_word(word); /* in the parent too: nisv's trap path fetches it */
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		perror("differential-sve: fork");
		exit(3);
	}
	if (pid == 0) {
		/* an emulator that aborts says so (qemu: on stdout and stderr);
		 * the parent reports it */
		int fd = open("/dev/null", O_WRONLY);

		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		shared->regs.za = shared->za;
		native_run(env, word, in, &shared->regs, &shared->o);
		_exit(0);
	}
	while (waitpid(pid, &status, 0) < 0)
		;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		uint8_t(*za)[256] = out->za;

		*o = shared->o;
		memcpy(out, &shared->regs, sizeof *out);
		out->za = za;
		if (in->svcr & RS_SVCR_ZA)
			memcpy(za, shared->za, sizeof shared->za);
	} else {
		memset(o, 0, sizeof *o);
		o->died = 1;
		o->sig = WIFSIGNALED(status) ? WTERMSIG(status) : -WEXITSTATUS(status);
	}
}

int native_init(struct native_env *env)
{
	uint64_t total = PAGE + (uint64_t)BUF_PAGES * PAGE;
	uint8_t *map, *at;
	struct native_out o;
	static struct sve_regs st, res;
	uint64_t lit;

	if (!(getauxval(AT_HWCAP) & HWCAP_SVE) || sysconf(_SC_PAGESIZE) != PAGE)
		return -1;
	/* below 4 GiB: a gather's [Zn.S{, #imm}] addresses are 32-bit elements */
	map = mmap((void *)(uintptr_t)LOW_MAP, total, PROT_READ | PROT_WRITE | PROT_EXEC,
	           MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	shared = mmap(NULL, sizeof *shared, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (map == MAP_FAILED || shared == MAP_FAILED) {
		perror("differential-sve: mmap");
		return -1;
	}
	if ((uint64_t)(uintptr_t)map + total > 1ull << 32) { /* an old kernel took it as a hint */
		fprintf(stderr, "differential-sve: the buffer is not below 4 GiB\n");
		return -1;
	}
	env->page = map;
	env->buf = map + PAGE;
	env->bufsz = (uint64_t)BUF_PAGES * PAGE;
	env->guard_lo = (uint64_t)(uintptr_t)env->buf + (uint64_t)GUARD_PAGE * PAGE;
	env->guard_hi = env->guard_lo + PAGE;
	if (mprotect((void *)(uintptr_t)env->guard_lo, PAGE, PROT_NONE) != 0) {
		perror("differential-sve: mprotect");
		return -1;
	}
	stub_lo = (uint64_t)(uintptr_t)map;

	/* the X loader, the word (a NOP for now), the exit */
	at = map + SLOT_OFF;
	memcpy(at - RUN_ENTRY_BYTES, run_insn_entry, RUN_ENTRY_BYTES);
	memcpy(at + 4, run_sve_exit, RUN_SVE_EXIT_BYTES);
	lit = (uint64_t)(uintptr_t)run_sve_save;
	memcpy(at + 4 + RUN_SVE_EXIT_LIT, &lit, sizeof lit);
	slot_word = (uint32_t *)(void *)at;
	*slot_word = 0xd503201fu;
	__builtin___clear_cache((char *)map, (char *)map + PAGE);
	entry = at - RUN_ENTRY_BYTES;
	env->slot = (uint64_t)(uintptr_t)at;

	if (native_catch_signals("differential-sve", on_fault) != 0)
		return -1;

	/* the largest vector length */
	env->max_vl = 16;
	for (unsigned vl = 32; vl <= 256; vl += 16)
		if (native_set_vl(vl) == 0)
			env->max_vl = vl;
	/* FEAT_F64MM: LD1ROB {z0.b}, p0/z, [x0] at VL >= 256 bits, p0 false */
	env->f64mm = 0;
	if (env->max_vl >= 32 && native_set_vl(32) == 0) {
		memset(&st, 0, sizeof st);
		st.x[0] = (uint64_t)(uintptr_t)env->buf;
		st.sp = st.x[0];
		native_run(env, 0xa4202000u, &st, &res, &o);
		env->f64mm = o.sig == 0;
	}
	env->sve2 = (getauxval(AT_HWCAP2) & HWCAP2_SVE2) != 0;
	/* FEAT_SME: the streaming lengths (powers of two) */
	env->sme_vls = 0;
	if (getauxval(AT_HWCAP2) & HWCAP2_SME)
		for (unsigned i = 0; i < 5; i++)
			if (native_set_svl(16u << i) == 0)
				env->sme_vls |= 1u << i;
	native_set_home(env);
	return 0;
}
