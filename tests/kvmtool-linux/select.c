/*
 * kvmtool-select isv0|checks ARG...: runs /kvmtool-isv0 or /kvmtool-checks
 * with ARG..., so that one L2 initramfs serves runs of both programs
 * (scripts/e2e/kvmtool-before-after.sh).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 2 || (strcmp(argv[1], "isv0") && strcmp(argv[1], "checks"))) {
		fprintf(stderr, "usage: kvmtool-select isv0|checks ARG...\n");
		return 2;
	}
	argv[1] = strcmp(argv[1], "isv0") ? "/kvmtool-checks" : "/kvmtool-isv0";
	execv(argv[1], argv + 1);
	perror(argv[1]);
	return 127;
}
