/*
 * A main() for the fuzz target without libFuzzer:
 *
 *   fuzz_replay FILE|DIR...   run every input (a directory: every file in
 *                             it); prints "fuzz-replay: N inputs" and exits
 *                             0, or aborts on the first broken promise
 *   fuzz_replay < FILE        one input from standard input (AFL++)
 *
 * Built with afl-clang-fast (AFL++), the stdin form runs in AFL++'s
 * persistent mode: see scripts/fuzz.sh --afl.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
extern int fuzz_verbose;
extern int world_verbose;

static unsigned long inputs;

static int run_file(const char *path)
{
	static uint8_t buf[1 << 16];
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f) {
		perror(path);
		return -1;
	}
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	LLVMFuzzerTestOneInput(buf, n);
	inputs++;
	return 0;
}

static int run_path(const char *path)
{
	struct stat sb;
	DIR *d;
	struct dirent *e;
	int err = 0;

	if (stat(path, &sb)) {
		perror(path);
		return -1;
	}
	if (!S_ISDIR(sb.st_mode))
		return run_file(path);
	d = opendir(path);
	if (!d) {
		perror(path);
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		char sub[4096];
		if (e->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
		err |= run_path(sub);
	}
	closedir(d);
	return err;
}

#ifdef __AFL_FUZZ_TESTCASE_LEN
__AFL_FUZZ_INIT();
#endif

int main(int argc, char **argv)
{
	int err = 0;

	fuzz_verbose = getenv("NISV_FUZZ_VERBOSE") != NULL;
	world_verbose = fuzz_verbose;
	if (argc < 2) {
#ifdef __AFL_FUZZ_TESTCASE_LEN
		__AFL_INIT();
		unsigned char *buf = __AFL_FUZZ_TESTCASE_BUF;
		while (__AFL_LOOP(100000))
			LLVMFuzzerTestOneInput(buf, (size_t)__AFL_FUZZ_TESTCASE_LEN);
		return 0;
#else
		static uint8_t buf[1 << 16];
		size_t n = fread(buf, 1, sizeof(buf), stdin);
		LLVMFuzzerTestOneInput(buf, n);
		return 0;
#endif
	}
	for (int i = 1; i < argc; i++)
		err |= run_path(argv[i]);
	printf("fuzz-replay: %lu inputs\n", inputs);
	return err ? 1 : 0;
}
