/*
 * The SVE oracle (native_sve.h). A fault of the word itself (SIGSEGV on
 * the guard page, SIGILL for an UNDEFINED encoding) is recorded by the
 * handler, which resumes at run_insn_back: the host's registers come back
 * and nothing is stored. A signal anywhere else is a harness error.
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

#define SLOT_OFF (4 + RUN_ENTRY_BYTES) /* the exit's literal lands 8-aligned */

static struct sve_regs run_in __attribute__((aligned(64)));
static void *entry;
static uint32_t *slot_word;
static uint64_t stub_lo;
static volatile struct native_out *cur_out;
static unsigned cur_vl;

/* the result of a forked run, shared with the child */
struct shared_result {
	struct native_out o;
	struct sve_regs regs;
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
		uc->uc_mcontext.pc = (uint64_t)(uintptr_t)run_insn_back;
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

void native_run(struct native_env *env, uint32_t word, const struct sve_regs *in, struct sve_regs *out,
                struct native_out *o)
{
	(void)env;
	memset(o, 0, sizeof *o);
	set_word(word);
	memcpy(&run_in, in, sizeof run_in);
	run_sve_out = out;
	cur_out = o;
	run_sve(&run_in, entry);
	cur_out = NULL;
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
		native_run(env, word, in, &shared->regs, &shared->o);
		_exit(0);
	}
	while (waitpid(pid, &status, 0) < 0)
		;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		*o = shared->o;
		memcpy(out, &shared->regs, sizeof *out);
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
	map = mmap(NULL, total, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	shared = mmap(NULL, sizeof *shared, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (map == MAP_FAILED || shared == MAP_FAILED) {
		perror("differential-sve: mmap");
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
	return 0;
}
