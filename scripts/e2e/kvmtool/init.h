/*
 * What both inits of the kvmtool e2e (l1init.c, l2init.c) do first and
 * last: mount the pseudo filesystems with the console on stdio, read a
 * number from a file, power the machine off.
 */
#ifndef KVMTOOL_E2E_INIT_H
#define KVMTOOL_E2E_INIT_H

#include <fcntl.h>
#include <stdio.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <unistd.h>

/* /dev, /proc, /sys, /tmp mounted; stdin/stdout/stderr on /dev/console */
static void init_mounts(void)
{
	mkdir("/dev", 0755);
	mkdir("/proc", 0555);
	mkdir("/sys", 0555);
	mkdir("/tmp", 01777);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	if (fcntl(1, F_GETFD) == -1) {
		int fd = open("/dev/console", O_RDWR);
		if (fd >= 0) {
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
			if (fd > 2)
				close(fd);
		}
	}
	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	mount("tmpfs", "/tmp", "tmpfs", 0, NULL);
	setvbuf(stdout, NULL, _IOLBF, 0);
}

/* the number a file starts with (/proc/uptime, /timeout), or 0 */
static double read_number(const char *path)
{
	FILE *f = fopen(path, "r");
	double v = 0;
	if (f) {
		if (fscanf(f, "%lf", &v) != 1)
			v = 0;
		fclose(f);
	}
	return v;
}

static void power_off(void)
{
	fflush(stdout);
	sync();
	reboot(RB_POWER_OFF);
	for (;;)
		pause();
}

#endif
