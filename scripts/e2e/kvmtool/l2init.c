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
#include <sys/wait.h>
#include <unistd.h>

#include "init.h"


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

int main(void)
{
	init_mounts();

	printf("l2: init at %.2f s\n", read_number("/proc/uptime"));

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
