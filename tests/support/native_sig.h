/*
 * Signals of the CPU oracles' native side (tests/differential/native.c,
 * tests/differential_sve/native_sve.c): one handler, on an alternate stack
 * (a signal while the words run comes with the test SP), for SIGSEGV,
 * SIGBUS, SIGILL, SIGTRAP and SIGFPE; and, for a signal the harness cannot
 * explain, its description of the running case. Needs _GNU_SOURCE (or
 * _POSIX_C_SOURCE) before the first system header, for siginfo_t.
 */
#ifndef SUPPORT_NATIVE_SIG_H
#define SUPPORT_NATIVE_SIG_H

#include <signal.h>

/* 0, or -1 (after perror, prefixed with prog). */
int native_catch_signals(const char *prog, void (*handler)(int sig, siginfo_t *si, void *uc));

/* Called by native_fatal to describe the running case (may be NULL). */
void native_set_describe(void (*fn)(char *out, unsigned long len));

/* Async-signal-safe: msg, then "<label><the case>" if there is a
 * description, and _exit(2). */
_Noreturn void native_fatal(const char *msg, const char *label);

#endif
