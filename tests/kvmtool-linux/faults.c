/* SIGBUS/SIGSEGV harness: sigsetjmp before the call, siglongjmp out of the handler. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

#include "kc.h"

static sigjmp_buf env;
static volatile sig_atomic_t armed;
static struct kc_fault last;

static void handler(int sig, siginfo_t *si, void *uc_)
{
	ucontext_t *uc = uc_;
	if (!armed) {
		signal(sig, SIG_DFL);
		return;	/* re-executes and dies with the default action */
	}
	armed = 0;
	last.sig = sig;
	last.code = si->si_code;
	last.addr = (uintptr_t)si->si_addr;
	last.pc = uc->uc_mcontext.pc;
	last.insn = *(const uint32_t *)last.pc;
	siglongjmp(env, 1);
}

static void install(void)
{
	static int done;
	if (done)
		return;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGSEGV, &sa, NULL);
	done = 1;
}

int kc_guard(void (*fn)(void *), void *arg, struct kc_fault *f)
{
	install();
	memset(f, 0, sizeof *f);
	if (sigsetjmp(env, 1)) {
		*f = last;
		return 1;
	}
	armed = 1;
	fn(arg);
	armed = 0;
	return 0;
}

int kc_insn_is_sve(uint32_t insn)
{
	return ((insn >> 25) & 0xf) == 0x2;	/* A64 op0 bits[28:25] == 0b0010 */
}

/* LDXR, LDAXR, LDXP, LDAXP (all sizes): bits[29:24] 0b001000, o2 (23) 0, L (22) 1. */
int kc_insn_is_load_exclusive(uint32_t insn)
{
	return (insn & 0x3fc00000u) == 0x08400000u;
}

enum kc_fault_kind kc_fault_kind(const struct kc_fault *f)
{
	if (f->sig == SIGBUS && f->code == BUS_ADRALN && kc_addr_in_device(f->addr))
		return KC_FAULT_ALIGN;
	if (f->sig == SIGBUS && kc_insn_is_sve(f->insn))
		return KC_FAULT_SVE;
	/* DFSC 0x35, unsupported exclusive: kvmtool refuses exclusives on devices */
	if (f->sig == SIGBUS && kc_insn_is_load_exclusive(f->insn) && kc_addr_in_device(f->addr))
		return KC_FAULT_EXCL;
	return KC_FAULT_BAD;
}

int kc_fault_check(const struct kc_fault *f, const char *what)
{
	enum kc_fault_kind k = kc_fault_kind(f);
	kc_cur.faults++;
	if (k == KC_FAULT_ALIGN)
		kc_cur.f_align++;
	else if (k == KC_FAULT_SVE)
		kc_cur.f_sve++;
	else if (k == KC_FAULT_EXCL)
		kc_cur.f_excl++;
	else
		kc_cur.f_other++;
	/* nisv emulates SVE: an SVE fault on a device is no longer an outcome */
	return kc_check(!kc_dev.selftest && k != KC_FAULT_BAD && k != KC_FAULT_SVE,
			"%s: %s%s si_code %d addr %#lx pc %#lx insn %08x", what,
			kc_dev.selftest ? "fault on normal memory: " : "unexpected ",
			f->sig == SIGBUS ? "SIGBUS" : f->sig == SIGSEGV ? "SIGSEGV" : "signal", f->code,
			(unsigned long)f->addr, (unsigned long)f->pc, f->insn);
}
