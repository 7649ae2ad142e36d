/*
 * /init of the kvmtool e2e L2 guest (scripts/e2e/kvmtool.sh): mounts proc,
 * sysfs and devtmpfs, runs /prog with the NUL-separated argument list in
 * /args (argv[1]...) and environment in /env, reports how it ended and
 * powers the guest off, which makes lkvm exit.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static void console(void)
{
	if (fcntl(1, F_GETFD) != -1)
		return;
	int fd = open("/dev/console", O_RDWR);
	if (fd < 0)
		return;
	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	if (fd > 2)
		close(fd);
}

static void power_off(void)
{
	fflush(stdout);
	sync();
	reboot(RB_POWER_OFF);
	for (;;)
		pause();
}

/* A NUL-separated list from FILE as a NULL-terminated vector whose first
 * SKIP slots are left for the caller. */
static char **read_list(const char *file, int skip)
{
	static char buf[1 << 16];
	int fd = open(file, O_RDONLY);
	size_t len = 0;
	if (fd >= 0) {
		ssize_t n;
		while (len < sizeof(buf) - 1 &&
		       (n = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0)
			len += (size_t)n;
		close(fd);
	}
	char *data = malloc(len + 1);
	memcpy(data, buf, len);
	data[len] = 0;
	size_t count = 0;
	for (size_t i = 0; i < len; i++)
		count += data[i] == 0;
	if (len && data[len - 1])
		count++;
	char **v = calloc((size_t)skip + count + 1, sizeof(*v));
	size_t k = (size_t)skip;
	for (size_t i = 0; i < len; i += strlen(data + i) + 1)
		v[k++] = data + i;
	v[k] = NULL;
	return v;
}

static void uptime(char *out, size_t size)
{
	FILE *f = fopen("/proc/uptime", "r");
	snprintf(out, size, "?");
	if (f) {
		if (!fgets(out, (int)size, f))
			snprintf(out, size, "?");
		out[strcspn(out, " \n")] = 0;
		fclose(f);
	}
}

int main(void)
{
	mkdir("/dev", 0755);
	mkdir("/proc", 0555);
	mkdir("/sys", 0555);
	mkdir("/tmp", 01777);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	console();
	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	mount("tmpfs", "/tmp", "tmpfs", 0, NULL);
	setvbuf(stdout, NULL, _IOLBF, 0);

	char up[64];
	uptime(up, sizeof(up));
	printf("l2: init at %s s\n", up);

	char **argv = read_list("/args", 1);
	char **envp = read_list("/env", 0);
	argv[0] = "/prog";
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0) {
		printf("l2: fork: %s\n", strerror(errno));
		power_off();
	}
	if (pid == 0) {
		execve("/prog", argv, envp);
		printf("l2: exec /prog: %s\n", strerror(errno));
		_exit(127);
	}
	int status;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFEXITED(status))
		printf("l2: prog exit=%d\n", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		printf("l2: prog killed by signal %d\n", WTERMSIG(status));
	power_off();
}
