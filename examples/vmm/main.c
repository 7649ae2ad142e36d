/*
 * nisv-vmm: run bare-metal aarch64 guests on KVM, finishing every trapped
 * access with nisv.
 *
 *   nisv-vmm [-c CPUS] [-t SECONDS] [-l N] [-r] [-s[BITS]] [-v] GUEST.bin [...]
 *   nisv-vmm --probe
 *
 *   -c  vCPUs (default 1)          -t  timeout per guest (default 60 s)
 *   -l  log the first N ISV=0 / faulting exits per vCPU (default 16)
 *   -r  take every guest fault through the registers (no KVM injection)
 *   -s  vCPUs with SVE (KVM_ARM_VCPU_SVE): V registers are Z registers;
 *       -sBITS: only the vector lengths up to BITS (e.g. -s512)
 *   -v  log the guest's checkpoints
 *
 * As PID 1 (the /init of an initramfs, see scripts/e2e/run.sh) it mounts
 * devtmpfs, probes KVM, runs every guest listed in /guests/list (lines of
 * "FILE CPUS [-r] [-s[BITS]] [-tSECONDS] [-lN]"), prints one line per guest,
 *   e2e NAME: exits isv1=N isv0=N faults=N, checks N passed, N failed
 * then "nisv-e2e: N passed, N failed", and powers off.
 *
 * This file, e2e.c, stats.c, oracle.c and probe.c are the test harness; the
 * VMM itself, the part to copy, is vmm.c (with devices.c).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <unistd.h>

#include "e2e.h"

static void usage(void)
{
	fprintf(stderr, "usage: nisv-vmm [-c CPUS] [-t SECONDS] [-l N] [-r] [-s[BITS]] [-v] GUEST.bin [...]\n"
	                "       nisv-vmm --probe\n");
	exit(2);
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* ---- PID 1 ------------------------------------------------------------------ */

static void init_console(void)
{
	mkdir("/dev", 0755);
	mkdir("/proc", 0755);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	mount("proc", "/proc", "proc", 0, NULL);
	if (fcntl(1, F_GETFD) < 0) { /* the initramfs had no /dev/console */
		int fd = open("/dev/console", O_RDWR);
		if (fd >= 0) {
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
			if (fd > 2)
				close(fd);
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
}

static double uptime(void)
{
	double up = 0;
	FILE *f = fopen("/proc/uptime", "r");
	if (f) {
		if (fscanf(f, "%lf", &up) != 1)
			up = 0;
		fclose(f);
	}
	return up;
}

static int run_as_init(void)
{
	unsigned passed = 0, failed = 0;
	char line[256];
	FILE *list;

	init_console();
	printf("nisv-init: userspace up %.2f s after kernel start\n", uptime());
	if (vmm_probe() != 0) {
		printf("nisv-init: KVM cannot report ISV=0 aborts\n");
		failed++;
	}
	list = fopen("/guests/list", "r");
	if (!list) {
		printf("nisv-init: /guests/list: %s\n", strerror(errno));
		failed++;
	}
	while (list && fgets(line, sizeof(line), list)) {
		char file[128], path[160], name[160], *tok, *save = NULL;
		struct e2e_options opt = { .vm.ncpus = 1, .timeout_s = 120, .log_exits = 16 };
		struct e2e_result res;
		unsigned failed_checks;

		tok = strtok_r(line, " \t\r\n", &save);
		if (!tok || tok[0] == '#')
			continue;
		snprintf(file, sizeof(file), "%s", tok);
		snprintf(name, sizeof(name), "%s", file);
		if (strlen(name) > 4 && !strcmp(name + strlen(name) - 4, ".bin"))
			name[strlen(name) - 4] = 0;
		if ((tok = strtok_r(NULL, " \t\r\n", &save)))
			opt.vm.ncpus = (unsigned)atoi(tok);
		while ((tok = strtok_r(NULL, " \t\r\n", &save))) {
			if (!strcmp(tok, "-r")) {
				opt.vm.kvm_flags |= NISV_KVM_FAULTS_VIA_REGS;
				strncat(name, "+regs", sizeof(name) - strlen(name) - 1);
			} else if (!strncmp(tok, "-s", 2)) {
				opt.vm.sve = 1;
				opt.vm.sve_max_vl = (unsigned)atoi(tok + 2);
				strncat(name, "+sve", sizeof(name) - strlen(name) - 1);
				strncat(name, tok + 2, sizeof(name) - strlen(name) - 1);
			} else if (!strncmp(tok, "-t", 2)) {
				opt.timeout_s = (unsigned)atoi(tok + 2);
			} else if (!strncmp(tok, "-l", 2)) {
				opt.log_exits = (unsigned)atoi(tok + 2);
			}
		}
		snprintf(path, sizeof(path), "/guests/%s", file);
		e2e_run_guest(path, name, &opt, &res);
		failed_checks = (unsigned)res.failed;
		if (res.verdict && !failed_checks)
			failed_checks = 1; /* the verdict itself */
		printf("e2e %s: exits isv1=%llu isv0=%llu faults=%llu, checks %llu passed, %u failed\n", name,
		       (unsigned long long)res.isv1, (unsigned long long)res.isv0, (unsigned long long)res.faults,
		       (unsigned long long)res.passed, failed_checks);
		printf("nisv-e2e: %s %s (%u vCPUs%s%s, %.1f s)\n", res.verdict ? "FAIL" : "PASS", name, opt.vm.ncpus,
		       opt.vm.sve ? ", SVE" : "", opt.vm.kvm_flags ? ", faults via registers" : "", res.seconds);
		if (res.verdict)
			failed++;
		else
			passed++;
	}
	if (list)
		fclose(list);
	e2e_print_summary();
	printf("nisv-e2e: %u passed, %u failed (%.2f s since kernel start)\n", passed, failed, uptime());
	fflush(stdout);
	sync();
	reboot(RB_POWER_OFF);
	return 0;
}

int main(int argc, char **argv)
{
	struct e2e_options opt = { .vm.ncpus = 1, .timeout_s = 60, .log_exits = 16 };
	int failed = 0, nguests = 0;

	if (getpid() == 1)
		return run_as_init();
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--probe"))
			return vmm_probe() ? 1 : 0;
		if (!strcmp(a, "-c") && i + 1 < argc)
			opt.vm.ncpus = (unsigned)atoi(argv[++i]);
		else if (!strcmp(a, "-t") && i + 1 < argc)
			opt.timeout_s = (unsigned)atoi(argv[++i]);
		else if (!strcmp(a, "-l") && i + 1 < argc)
			opt.log_exits = (unsigned)atoi(argv[++i]);
		else if (!strcmp(a, "-r"))
			opt.vm.kvm_flags |= NISV_KVM_FAULTS_VIA_REGS;
		else if (!strncmp(a, "-s", 2) && (!a[2] || atoi(a + 2) > 0)) {
			opt.vm.sve = 1;
			opt.vm.sve_max_vl = (unsigned)atoi(a + 2);
		}
		else if (!strcmp(a, "-v"))
			opt.verbose = 1;
		else if (a[0] == '-')
			usage();
		else {
			struct e2e_result res;
			nguests++;
			e2e_run_guest(a, base_name(a), &opt, &res);
			printf("e2e %s: exits isv1=%llu isv0=%llu faults=%llu, checks %llu passed, %llu failed\n",
			       base_name(a), (unsigned long long)res.isv1, (unsigned long long)res.isv0,
			       (unsigned long long)res.faults, (unsigned long long)res.passed,
			       (unsigned long long)(res.failed ? res.failed : res.verdict != 0));
			failed += res.verdict != 0;
		}
	}
	if (!nguests)
		usage();
	e2e_print_summary();
	return failed ? 1 : 0;
}
