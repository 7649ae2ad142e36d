/*
 * e2e instrumentation: the exit log and the tables (see stats.h). Lines
 * start with "vmm: "; scripts/e2e/run.sh shows only the "cannot",
 * "unexpected" and "gave no verdict" ones, demo.sh the per-guest table.
 */
#include <stdio.h>

#include "stats.h"

/* all guests of this process (stats_print_summary) */
static struct class_stat total_class[NCLASS];
static struct {
	uint64_t isv1, isv0;
	double isv1_s, isv0_s;
} total_time;

/* what became of an exit, for the register ioctls it cost */
enum {
	O_MMIO,
	O_MMIO_KVM,
	O_MMIO_REGS,
	O_NISV,
	O_NISV_STALE,
	O_NISV_KVM,
	O_NISV_REGS,
	O_ENOEXEC_REGS,
	O_ENOEXEC_AGAIN,
	O_ENOEXEC_KVM,
	O_COUNT
};
static const char *const outcome_name[O_COUNT] = {
	"MMIO: served",
	"MMIO: fault via KVM_SET_VCPU_EVENTS",
	"MMIO: fault via the registers",
	"NISV: emulated",
	"NISV: stale, nothing done",
	"NISV: fault via KVM_SET_VCPU_EVENTS",
	"NISV: fault via the registers",
	"KVM_RUN ENOEXEC: instruction abort via the registers",
	"KVM_RUN ENOEXEC: run again",
	"KVM_RUN ENOEXEC: abort via KVM_SET_VCPU_EVENTS",
};
static struct {
	uint64_t n, get, set;
} total_outcome[O_COUNT];

static unsigned outcome(int run_errno, const nisv_kvm_exit *ex)
{
	int regs = ex->delivery == NISV_KVM_VIA_REGS, kvm = ex->delivery == NISV_KVM_VIA_EXT_DABT;

	if (run_errno)
		return regs ? O_ENOEXEC_REGS : kvm ? O_ENOEXEC_KVM : O_ENOEXEC_AGAIN;
	if (ex->kind == NISV_KVM_EXIT_MMIO)
		return regs ? O_MMIO_REGS : kvm ? O_MMIO_KVM : O_MMIO;
	if (regs || kvm)
		return regs ? O_NISV_REGS : O_NISV_KVM;
	return ex->res.status == NISV_RETRY ? O_NISV_STALE : O_NISV;
}

static unsigned class_index(const nisv_insn *i, int pair, int mmu)
{
	return (mmu ? NCLASS1 : 0) +
	       (((unsigned)i->op % NISV_OP_COUNT * 2 + (unsigned)pair) * 8 + (i->rclass & 7)) * 8 + (i->addr & 7);
}

static const char *mode_name(unsigned addr)
{
	static const char *const n[] = { "base", "offset", "pre-index", "post-index", "register", "post-index reg",
		                         "literal", "MUL VL" };
	return addr < sizeof(n) / sizeof(n[0]) ? n[addr] : "?";
}

static const char *rclass_name(unsigned rc)
{
	static const char *const n[] = { "", " W", " X", " SIMD&FP", " Z", " P" };
	return rc < sizeof(n) / sizeof(n[0]) ? n[rc] : "";
}

static const char *fault_name(unsigned f)
{
	static const char *const n[] = { "none", "alignment", "external abort", "unsupported exclusive/atomic",
		                         "undefined", "SP alignment", "address size", "translation", "access flag",
		                         "permission", "external abort on walk" };
	return f < sizeof(n) / sizeof(n[0]) ? n[f] : "?";
}

static int is_pair(const nisv_insn *i)
{
	return i->nregs == 2 && (i->op == NISV_OP_LOAD || i->op == NISV_OP_STORE || i->op == NISV_OP_LOAD_EXCL ||
	                         i->op == NISV_OP_STORE_EXCL);
}

/* One exit as one line ("vmm: cpuN ..."): vCPU threads log concurrently. */
static void format_exit(char *line, size_t size, unsigned cpu, const nisv_kvm_exit *ex)
{
	const nisv_result *r = &ex->res;
	int n;

	if (ex->kind == NISV_KVM_EXIT_MMIO) {
		snprintf(line, size, "cpu%u MMIO %s ipa 0x%llx len %u -> %s, delivered via %s", cpu,
		         ex->write ? "write" : "read", (unsigned long long)ex->ipa, ex->len, fault_name(r->fault),
		         nisv_kvm_delivery_name(ex->delivery));
		return;
	}
	n = snprintf(line, size, "cpu%u NISV ipa 0x%llx %s word %08x %s%s%s %s -> %s", cpu,
	             (unsigned long long)ex->ipa, ex->write ? "W" : "R", r->insn.word, nisv_op_name(r->insn.op),
	             is_pair(&r->insn) ? " pair" : "", rclass_name(r->insn.rclass), mode_name(r->insn.addr),
	             nisv_status_name(r->status));
	if (r->status == NISV_FAULT && n > 0 && (size_t)n < size)
		n += snprintf(line + n, size - (size_t)n, " %s, ESR 0x%08x FAR 0x%llx, delivered via %s",
		              fault_name(r->fault), r->esr, (unsigned long long)r->va,
		              nisv_kvm_delivery_name(ex->delivery));
	if (n > 0 && (size_t)n < size)
		snprintf(line + n, size - (size_t)n, " (KVM_GET_ONE_REG %u, KVM_SET_ONE_REG %u)", ex->get_one_reg,
		         ex->set_one_reg);
}

static void log_exit(unsigned cpu, const nisv_kvm_exit *ex)
{
	char line[320];

	format_exit(line, sizeof(line), cpu, ex);
	printf("vmm: %s\n", line);
}

void stats_exit(struct cpu_stats *s, unsigned cpu, unsigned log_limit, int run_errno, const nisv_kvm_exit *ex,
                int r, double seconds)
{
	const nisv_result *res = &ex->res;

	if (r < 0 && !run_errno) {
		log_exit(cpu, ex);
		return;
	}
	if (r != 0)
		return;
	if (ex->kind != NISV_KVM_EXIT_OTHER) {
		s->same_pc = s->exits && ex->pc == s->last.pc ? s->same_pc + 1 : 1;
		s->last = *ex;
		s->exits++;
	}
	if (run_errno || ex->kind != NISV_KVM_EXIT_OTHER) {
		unsigned o = outcome(run_errno, ex);
		total_outcome[o].n++;
		total_outcome[o].get += ex->get_one_reg;
		total_outcome[o].set += ex->set_one_reg;
	}
	if (ex->delivery)
		s->faults[res->fault & 15]++;
	if (run_errno) {
		s->run_errors++;
		return;
	}
	if (ex->kind == NISV_KVM_EXIT_NISV) {
		s->isv0_s += seconds;
		if (res->status == NISV_OK && res->insn.op < NISV_OP_COUNT) {
			int mmu = ex->sctlr & 1; /* SCTLR_EL1.M as nisv read it */
			struct class_stat *k = &s->cls[class_index(&res->insn, is_pair(&res->insn), mmu)];
			k->n++;
			k->get += ex->get_one_reg;
			k->set += ex->set_one_reg;
			k->seconds += seconds;
		}
	} else if (ex->kind == NISV_KVM_EXIT_MMIO) {
		s->isv1_s += seconds;
	}
	if ((ex->kind == NISV_KVM_EXIT_NISV || ex->delivery) && s->logged < log_limit) {
		s->logged++;
		log_exit(cpu, ex);
	}
}

void stats_print_stuck(const struct vm *vm, const struct cpu_stats *s)
{
	char line[320];

	for (unsigned i = 0; i < vm->cfg.ncpus; i++) {
		if (!s[i].exits) {
			printf("vmm: gave no verdict: cpu%u had no MMIO or NISV exit\n", i);
			continue;
		}
		format_exit(line, sizeof(line), i, &s[i].last);
		printf("vmm: gave no verdict: cpu%u %llu exits, the last %llu at PC 0x%llx; the last: %s\n", i,
		       (unsigned long long)s[i].exits, (unsigned long long)s[i].same_pc,
		       (unsigned long long)s[i].last.pc, line);
	}
}

/* one row: label, one count per vCPU and the total; rows of zeros skipped
 * unless `always` */
static void row(unsigned ncpus, const char *label, const uint64_t *per_cpu, int always)
{
	uint64_t total = 0;

	for (unsigned i = 0; i < ncpus; i++)
		total += per_cpu[i];
	if (!total && !always)
		return;
	printf("vmm: %-52s", label);
	for (unsigned i = 0; i < ncpus; i++)
		printf(" %7llu", (unsigned long long)per_cpu[i]);
	printf(" %8llu\n", (unsigned long long)total);
}

/* a row of `expr` per vCPU: kv is the vCPU's backend, st its stats */
#define ROW(label, expr, always)                                      \
	do {                                                          \
		uint64_t v_[MAX_CPUS] = { 0 };                        \
		for (unsigned i_ = 0; i_ < n; i_++) {                 \
			const nisv_kvm_vcpu *kv = &vm->cpu[i_].kv;    \
			const struct cpu_stats *st = &s[i_];          \
			(void)kv;                                     \
			(void)st;                                     \
			v_[i_] = (expr);                              \
		}                                                     \
		row(n, label, v_, always);                            \
	} while (0)

static void class_label(char *buf, size_t n, unsigned k)
{
	unsigned mmu = k >= NCLASS1, am = k % 8, rc = k / 8 % 8, pair = k / 64 % 2, op = k % NCLASS1 / 128;
	snprintf(buf, n, "%s%s%s, %s%s", nisv_op_name(op), pair ? " pair" : "", rclass_name(rc), mode_name(am),
	         mmu ? " (MMU on)" : "");
}

void stats_print_vm(const struct vm *vm, const struct cpu_stats *s)
{
	unsigned n = vm->cfg.ncpus;
	char label[96];
	uint64_t gets = 0, sets = 0, nisv = 0, mmio = 0;
	double t0 = 0, t1 = 0;

	printf("vmm: %-52s", "exits");
	for (unsigned i = 0; i < n; i++)
		printf("    cpu%u", i);
	printf("    total\n");
	ROW("KVM_EXIT_MMIO (ISV=1, decoded by KVM): reads", kv->stats.mmio_reads, 1);
	ROW("KVM_EXIT_MMIO (ISV=1, decoded by KVM): writes", kv->stats.mmio_writes, 1);
	ROW("KVM_EXIT_ARM_NISV (ISV=0, emulated by nisv)", kv->stats.nisv_exits, 1);
	for (unsigned k = 0; k < NCLASS; k++) {
		char l2[100];
		class_label(label, sizeof(label), k);
		snprintf(l2, sizeof(l2), "  %s", label);
		ROW(l2, st->cls[k].n, 0);
	}
	ROW("  stale (re-entered, nothing done)", kv->stats.retries, 0);
	ROW("faults injected: external abort (KVM_SET_VCPU_EVENTS)", kv->stats.faults_ext_dabt, 1);
	ROW("faults injected: exception entry via registers", kv->stats.faults_regs, 1);
	for (unsigned f = 1; f < 16; f++) {
		snprintf(label, sizeof(label), "  %s", fault_name(f));
		ROW(label, st->faults[f], 0);
	}
	ROW("KVM_RUN errors turned into guest aborts", st->run_errors, 0);
	for (unsigned i = 0; i < n; i++) {
		const nisv_kvm_stats *ks = &vm->cpu[i].kv.stats;
		gets += ks->get_one_reg;
		sets += ks->set_one_reg;
		nisv += ks->nisv_exits;
		mmio += ks->mmio_exits;
		t0 += s[i].isv0_s;
		t1 += s[i].isv1_s;
		for (unsigned k = 0; k < NCLASS; k++) {
			total_class[k].n += s[i].cls[k].n;
			total_class[k].get += s[i].cls[k].get;
			total_class[k].set += s[i].cls[k].set;
			total_class[k].seconds += s[i].cls[k].seconds;
		}
	}
	total_time.isv0 += nisv;
	total_time.isv1 += mmio;
	total_time.isv0_s += t0;
	total_time.isv1_s += t1;
	if (nisv)
		printf("vmm: average per ISV=0 exit: %.2f KVM_GET_ONE_REG, %.2f KVM_SET_ONE_REG, %.1f us in the VMM\n",
		       (double)gets / (double)nisv, (double)sets / (double)nisv, 1e6 * t0 / (double)nisv);
	if (mmio)
		printf("vmm: average per ISV=1 exit: %.1f us in the VMM\n", 1e6 * t1 / (double)mmio);
}

void stats_print_summary(void)
{
	char label[96];
	uint64_t n = 0, g = 0, st = 0;

	printf("vmm: register ioctls per exit, by outcome (all guests):\n");
	printf("vmm: %-52s %9s %6s %6s\n", "outcome", "exits", "GET", "SET");
	for (unsigned o = 0; o < O_COUNT; o++)
		if (total_outcome[o].n)
			printf("vmm: %-52s %9llu %6.2f %6.2f\n", outcome_name[o], (unsigned long long)total_outcome[o].n,
			       (double)total_outcome[o].get / (double)total_outcome[o].n,
			       (double)total_outcome[o].set / (double)total_outcome[o].n);
	printf("vmm: register ioctls per ISV=0 exit, by instruction class (all guests):\n");
	printf("vmm: %-44s %9s %6s %6s %6s %9s\n", "class", "exits", "GET", "SET", "total", "us (VMM)");
	for (unsigned k = 0; k < NCLASS; k++) {
		const struct class_stat *c = &total_class[k];
		if (!c->n)
			continue;
		class_label(label, sizeof(label), k);
		printf("vmm: %-44s %9llu %6.2f %6.2f %6.2f %9.1f\n", label, (unsigned long long)c->n,
		       (double)c->get / (double)c->n, (double)c->set / (double)c->n,
		       (double)(c->get + c->set) / (double)c->n, 1e6 * c->seconds / (double)c->n);
		n += c->n;
		g += c->get;
		st += c->set;
	}
	if (n)
		printf("vmm: %-44s %9llu %6.2f %6.2f %6.2f\n", "all ISV=0 exits emulated", (unsigned long long)n,
		       (double)g / (double)n, (double)st / (double)n, (double)(g + st) / (double)n);
	if (total_time.isv0 && total_time.isv1)
		printf("vmm: time in the VMM per exit: ISV=0 %.1f us, ISV=1 %.1f us\n",
		       1e6 * total_time.isv0_s / (double)total_time.isv0, 1e6 * total_time.isv1_s / (double)total_time.isv1);
}
