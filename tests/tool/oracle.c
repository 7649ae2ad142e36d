/*
 * The CPU oracle for `nisv emulate`: an aarch64 Linux program (run natively
 * or under qemu-aarch64 -cpu max) that executes one instruction for real
 * from a given state and prints the resulting state.
 *
 * stdin: one case a line, space-separated tokens:
 *   word=HEX pc=HEX            the instruction and its address (page offset
 *                              0x100..0xe00: the runner lives in that page)
 *   xN=V sp=V nzcv=V vN=HEX    initial registers (others are 0)
 *   mem=ADDR:HEXBYTES          memory (mapped at ADDR, VA == the address)
 *   pacdza=N / pacdzb=N        sign xN with PACDZA/PACDZB before running
 * stdout: one JSON object a line: {"x0":"0x..",...,"sp":..,"nzcv":..,
 *   "v0":"0x<32 hex>",...,"mem":[{"addr":..,"bytes":..}],"signed":{..}}
 *   or {"error": "..."} / {"signal": N}.
 * A line "info" prints {"dczid": "0x.."}.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../support/run_insn.h" /* the runner: tests/support/run_insn.S */

#define MAX_MEM 8
#define PAGE 4096ull

struct mem {
	uint64_t addr;
	size_t len;
	uint8_t bytes[8192];
	void *map;
	size_t map_len;
};

static struct run_regs in, out;
static struct mem mem[MAX_MEM];
static unsigned nmem;
static sigjmp_buf escape;
static uint64_t host_tpidr;
static volatile sig_atomic_t caught;

static void on_signal(int sig)
{
	/* TPIDR_EL0 may hold a test value: restore the host's TLS first */
	__asm__ volatile("msr tpidr_el0, %0" ::"r"(host_tpidr));
	caught = sig;
	siglongjmp(escape, 1);
}

/* Run the code page; a signal comes back here through siglongjmp. */
static __attribute__((noinline)) void execute(void *entry)
{
	caught = 0;
	__asm__ volatile("mrs %0, tpidr_el0" : "=r"(host_tpidr));
	if (!sigsetjmp(escape, 1))
		run_insn(&in, entry);
}

static int hexval(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static int parse_bytes(const char *s, uint8_t *b, size_t max, size_t *n)
{
	size_t k = 0;
	if (s[0] == '0' && s[1] == 'x')
		s += 2;
	while (s[0] && s[1]) {
		int h = hexval(s[0]), l = hexval(s[1]);
		if (h < 0 || l < 0 || k == max)
			return -1;
		b[k++] = (uint8_t)(h << 4 | l);
		s += 2;
	}
	*n = k;
	return *s ? -1 : 0;
}

static int parse_v(const char *s, uint64_t *lo, uint64_t *hi)
{
	char buf[33];
	size_t len;
	if (s[0] == '0' && s[1] == 'x')
		s += 2;
	len = strlen(s);
	if (len > 32)
		return -1;
	memset(buf, '0', 32 - len);
	memcpy(buf + 32 - len, s, len + 1);
	char h[17], l[17];
	memcpy(h, buf, 16);
	h[16] = 0;
	memcpy(l, buf + 16, 17);
	*hi = strtoull(h, NULL, 16);
	*lo = strtoull(l, NULL, 16);
	return 0;
}

static int fail(const char *msg)
{
	printf("{\"error\":\"%s\"}\n", msg);
	return 0;
}

static void *map_fixed(uint64_t addr, size_t len, int prot)
{
	void *p = mmap((void *)(uintptr_t)addr, len, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	if (p == MAP_FAILED || (uintptr_t)p != addr) {
		if (p != MAP_FAILED)
			munmap(p, len);
		return NULL;
	}
	return p;
}

static int run_case(char *line)
{
	uint32_t word = 0;
	uint64_t pc = 0;
	int have_word = 0, sign_reg = -1, sign_b = 0;
	uint8_t *code;

	memset(&in, 0, sizeof(in));
	memset(&out, 0, sizeof(out));
	nmem = 0;
	for (char *save = NULL, *t = strtok_r(line, " \t\n", &save); t; t = strtok_r(NULL, " \t\n", &save)) {
		char *eq = strchr(t, '=');
		unsigned n;
		if (!eq)
			return fail("token without '='");
		*eq++ = 0;
		if (!strcmp(t, "word")) {
			word = (uint32_t)strtoul(eq, NULL, 16);
			have_word = 1;
		} else if (!strcmp(t, "pc")) {
			pc = strtoull(eq, NULL, 0);
		} else if (!strcmp(t, "sp")) {
			in.sp = strtoull(eq, NULL, 0);
		} else if (!strcmp(t, "nzcv")) {
			in.nzcv = strtoull(eq, NULL, 0);
		} else if (t[0] == 'x' && sscanf(t + 1, "%u", &n) == 1 && n < 31) {
			in.x[n] = strtoull(eq, NULL, 0);
		} else if (t[0] == 'v' && sscanf(t + 1, "%u", &n) == 1 && n < 32) {
			if (parse_v(eq, &in.v[n][0], &in.v[n][1]))
				return fail("bad v value");
		} else if (!strcmp(t, "pacdza") || !strcmp(t, "pacdzb")) {
			sign_reg = atoi(eq);
			sign_b = t[5] == 'b';
		} else if (!strcmp(t, "mem")) {
			char *colon = strchr(eq, ':');
			if (!colon || nmem == MAX_MEM)
				return fail("bad mem");
			*colon++ = 0;
			mem[nmem].addr = strtoull(eq, NULL, 0);
			if (parse_bytes(colon, mem[nmem].bytes, sizeof(mem[nmem].bytes), &mem[nmem].len))
				return fail("bad mem bytes");
			nmem++;
		} else {
			return fail("unknown token");
		}
	}
	if (!have_word)
		return fail("no word");
	if ((pc & (PAGE - 1)) < 0x100 || (pc & (PAGE - 1)) > 0xe00 || (pc & 3))
		return fail("pc page offset must be 0x100..0xe00, 4-aligned");

	uint64_t code_page = pc & ~(PAGE - 1);
	code = map_fixed(code_page, PAGE, PROT_READ | PROT_WRITE | PROT_EXEC);
	if (!code)
		return fail("cannot map the code page");
	for (unsigned i = 0; i < nmem; i++) {
		uint64_t start = mem[i].addr & ~(PAGE - 1);
		uint64_t end = (mem[i].addr + mem[i].len + PAGE - 1) & ~(PAGE - 1);
		mem[i].map_len = (size_t)(end - start);
		mem[i].map = map_fixed(start, mem[i].map_len, PROT_READ | PROT_WRITE);
		if (!mem[i].map) {
			for (unsigned j = 0; j < i; j++)
				munmap(mem[j].map, mem[j].map_len);
			munmap(code, PAGE);
			return fail("cannot map a memory region (overlap with the code page or the host?)");
		}
		memcpy((void *)(uintptr_t)mem[i].addr, mem[i].bytes, mem[i].len);
	}

	/* the code page: entry at pc - 64, the word at pc, the exit at pc + 4 */
	size_t off = (size_t)(pc - code_page);
	void *entry = run_insn_place(code + off, 1, &out);
	memcpy(code + off, &word, 4);
	__builtin___clear_cache((char *)code, (char *)code + PAGE);

	int signed_done = 0;
	if (sign_reg >= 0 && sign_reg < 31) {
		uint64_t v = in.x[sign_reg];
		if (sign_b)
			__asm__ volatile(".arch_extension pauth\n pacdzb %0" : "+r"(v));
		else
			__asm__ volatile(".arch_extension pauth\n pacdza %0" : "+r"(v));
		in.x[sign_reg] = v;
		signed_done = 1;
	}

	execute(entry);

	if (caught) {
		printf("{\"signal\":%d}\n", (int)caught);
	} else {
		printf("{");
		for (unsigned i = 0; i < 31; i++)
			printf("\"x%u\":\"0x%llx\",", i, (unsigned long long)out.x[i]);
		printf("\"sp\":\"0x%llx\",\"nzcv\":\"0x%llx\"", (unsigned long long)out.sp, (unsigned long long)out.nzcv);
		for (unsigned i = 0; i < 32; i++)
			printf(",\"v%u\":\"0x%016llx%016llx\"", i, (unsigned long long)out.v[i][1],
			       (unsigned long long)out.v[i][0]);
		printf(",\"mem\":[");
		for (unsigned i = 0; i < nmem; i++) {
			printf("%s{\"addr\":\"0x%llx\",\"bytes\":\"", i ? "," : "", (unsigned long long)mem[i].addr);
			for (size_t k = 0; k < mem[i].len; k++)
				printf("%02x", ((const uint8_t *)(uintptr_t)mem[i].addr)[k]);
			printf("\"}");
		}
		printf("]");
		if (signed_done)
			printf(",\"signed\":{\"x%d\":\"0x%llx\"}", sign_reg, (unsigned long long)in.x[sign_reg]);
		printf("}\n");
	}
	for (unsigned i = 0; i < nmem; i++)
		munmap(mem[i].map, mem[i].map_len);
	munmap(code, PAGE);
	return 0;
}

int main(void)
{
	static char line[65536];
	static uint8_t altstack[65536];
	stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };
	struct sigaction sa;

	sigaltstack(&ss, NULL);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_ONSTACK | SA_NODEFER;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGILL, &sa, NULL);
	sigaction(SIGTRAP, &sa, NULL);
	while (fgets(line, sizeof(line), stdin)) {
		if (!strncmp(line, "info", 4)) {
			uint64_t dczid;
			__asm__ volatile("mrs %0, dczid_el0" : "=r"(dczid));
			printf("{\"dczid\":\"0x%llx\"}\n", (unsigned long long)dczid);
		} else if (line[0] != '#' && line[0] != '\n') {
			run_case(line);
		}
		fflush(stdout);
	}
	return 0;
}
