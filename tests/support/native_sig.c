/* The oracles' signals (native_sig.h). */
#define _GNU_SOURCE
#include "native_sig.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void (*volatile describe)(char *out, unsigned long len);
static uint8_t altstack[1 << 17] __attribute__((aligned(16)));

void native_set_describe(void (*fn)(char *out, unsigned long len))
{
	describe = fn;
}

static void put(const char *s)
{
	ssize_t r = write(2, s, strlen(s));
	(void)r;
}

void native_fatal(const char *msg, const char *label)
{
	put(msg);
	if (describe) {
		char d[512];

		describe(d, sizeof d);
		put(label);
		put(d);
		put("\n");
	}
	_exit(2);
}

int native_catch_signals(const char *prog, void (*handler)(int sig, siginfo_t *si, void *uc))
{
	static const int sigs[] = {SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE};
	stack_t ss;
	struct sigaction sa;
	char what[64];

	ss.ss_sp = altstack;
	ss.ss_size = sizeof altstack;
	ss.ss_flags = 0;
	if (sigaltstack(&ss, NULL) != 0) {
		snprintf(what, sizeof what, "%s: sigaltstack", prog);
		perror(what);
		return -1;
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaction(sigs[i], &sa, NULL);
	return 0;
}
