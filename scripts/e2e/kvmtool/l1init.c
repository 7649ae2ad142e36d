/*
 * /init of the kvmtool e2e L1 machine (scripts/e2e/kvmtool.sh): mounts
 * proc, sysfs, devtmpfs and a tmpfs /tmp, then runs every line of /runs
 *   LABEL<TAB>PROGRAM<TAB>ARG<TAB>ARG...
 * as a child (the lkvm command line) with the environment HOME=/tmp,
 * PATH=/ plus the NAME=VALUE lines of /lkvm-env, stdin an idle pipe (so
 * lkvm neither reads EOF garbage nor switches the console to raw mode), and
 * a time limit of /timeout seconds each. Prints, per run N (from 1):
 *   kvmtool-e2e: run N (LABEL) start
 *   kvmtool-e2e: run N (LABEL) lkvm exit=STATUS | killed=SIG | timeout
 *   kvmtool-e2e: run N (LABEL) took SECONDS s
 * then "kvmtool-e2e: done" and powers the machine off.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "init.h"

#define MAX_ARGS 256
#define MAX_ENV 64


static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void on_alarm(int sig)
{
	(void)sig;
}

static int read_env(char **envp)
{
	int n = 0;
	envp[n++] = "HOME=/tmp";
	envp[n++] = "PATH=/";
	FILE *f = fopen("/lkvm-env", "r");
	if (f) {
		char *line = NULL;
		size_t cap = 0;
		ssize_t len;
		while (n < MAX_ENV - 1 && (len = getline(&line, &cap, f)) > 0) {
			line[strcspn(line, "\n")] = 0;
			if (strchr(line, '='))
				envp[n++] = strdup(line);
		}
		free(line);
		fclose(f);
	}
	envp[n] = NULL;
	return n;
}

/* Runs one command; returns its wait status, or -1 when it timed out. */
static int run(char **argv, char **envp, long timeout_s, int idle_fd)
{
	pid_t pid = fork();
	if (pid < 0) {
		printf("kvmtool-e2e: fork: %s\n", strerror(errno));
		return -2;
	}
	if (pid == 0) {
		setpgid(0, 0);
		dup2(idle_fd, 0);
		execve(argv[0], argv, envp);
		printf("kvmtool-e2e: exec %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	setpgid(pid, pid);
	alarm((unsigned)timeout_s);
	int status;
	pid_t r;
	while ((r = waitpid(pid, &status, 0)) < 0 && errno == EINTR) {
		if (alarm(0) == 0) { /* the alarm went off */
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
			while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
				;
			return -1;
		}
		alarm((unsigned)timeout_s); /* approximate: another signal */
	}
	alarm(0);
	return r < 0 ? -2 : status;
}

int main(void)
{
	init_mounts();

	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm; /* no SA_RESTART: waitpid returns EINTR */
	sigaction(SIGALRM, &sa, NULL);

	printf("kvmtool-e2e: L1 init at %.2f s\n", read_number("/proc/uptime"));

	long timeout_s = (long)read_number("/timeout");
	if (timeout_s <= 0)
		timeout_s = 600;
	static char *envp[MAX_ENV];
	read_env(envp);
	int idle[2];
	if (pipe(idle) < 0) {
		printf("kvmtool-e2e: pipe: %s\n", strerror(errno));
		power_off();
	}

	FILE *runs = fopen("/runs", "r");
	if (!runs) {
		printf("kvmtool-e2e: no /runs: %s\n", strerror(errno));
		power_off();
	}
	char *line = NULL;
	size_t cap = 0;
	int n = 0;
	while (getline(&line, &cap, runs) > 0) {
		line[strcspn(line, "\n")] = 0;
		char *argv[MAX_ARGS + 1];
		int argc = 0;
		char *save = NULL;
		char *label = strtok_r(line, "\t", &save);
		if (!label || label[0] == '#')
			continue;
		char *tok;
		while (argc < MAX_ARGS && (tok = strtok_r(NULL, "\t", &save)))
			argv[argc++] = tok;
		argv[argc] = NULL;
		if (argc == 0)
			continue;
		n++;
		printf("kvmtool-e2e: run %d (%s) start\n", n, label);
		double t0 = now();
		int status = run(argv, envp, timeout_s, idle[0]);
		double t1 = now();
		fflush(stdout);
		if (status == -1)
			printf("kvmtool-e2e: run %d (%s) lkvm timeout\n", n, label);
		else if (status == -2)
			printf("kvmtool-e2e: run %d (%s) lkvm not run\n", n, label);
		else if (WIFEXITED(status))
			printf("kvmtool-e2e: run %d (%s) lkvm exit=%d\n", n, label, WEXITSTATUS(status));
		else
			printf("kvmtool-e2e: run %d (%s) lkvm killed=%d\n", n, label, WTERMSIG(status));
		printf("kvmtool-e2e: run %d (%s) took %.2f s\n", n, label, t1 - t0);
	}
	free(line);
	fclose(runs);
	printf("kvmtool-e2e: done\n");
	power_off();
}
