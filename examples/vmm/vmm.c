/*
 * A minimal KVM VMM for arm64 built on nisv: the code to copy.
 *
 *   create the VM, enable KVM_CAP_ARM_NISV_TO_USER
 *   RAM: one memslot; devices: NOT in any memslot, so every access exits
 *   describe RAM and devices once as a nisv_bus
 *   one thread per vCPU: KVM_RUN -> nisv_kvm_handle_exit() -> KVM_RUN ...
 *
 * KVM_EXIT_MMIO (ISV=1, decoded by KVM) and KVM_EXIT_ARM_NISV (ISV=0,
 * decoded and emulated by nisv) both end in the same device callbacks.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include <linux/kvm.h>

#include <nisv.h>
#include <nisv/kvm.h>

#include "../guests/platform.h"
#include "devices.h"
#include "oracle.h"
#include "vmm.h"

struct vm;

/* ISV=0 exits by instruction class: op, pair, register class, addressing,
 * and whether the guest's MMU was on */
#define NCLASS1 (NISV_OP_COUNT * 2 * 4 * 8)
#define NCLASS (2 * NCLASS1)
struct class_stat {
	uint64_t n, get, set;
	double seconds; /* in nisv_kvm_handle_exit */
};
static unsigned class_index(const nisv_insn *i, int pair, int mmu)
{
	return (mmu ? NCLASS1 : 0) +
	       (((unsigned)i->op % NISV_OP_COUNT * 2 + (unsigned)pair) * 4 + (i->rclass & 3)) * 8 + (i->addr & 7);
}

/* all guests of this process (vmm_print_class_summary) */
static struct class_stat total_class[NCLASS];
static struct {
	uint64_t isv1, isv0;
	double isv1_s, isv0_s;
} total_time;

struct cpu {
	struct vm *vm;
	unsigned index;
	int fd;
	struct kvm_run *run;
	pthread_t thread;
	int started;
	nisv_kvm_vcpu kv; /* nisv's per-vCPU context + KVM register access */
	struct class_stat cls[NCLASS]; /* ISV=0 exits nisv emulated */
	uint64_t faults[16]; /* injected, by nisv_fault_kind */
	double isv1_s, isv0_s; /* time in nisv_kvm_handle_exit */
	uint64_t run_errors;   /* KVM_RUN failures turned into guest faults */
	unsigned logged;
	struct oracle_stats oracle;
};

struct vm {
	const struct vmm_options *opt;
	const char *name;
	int kvm, fd;
	size_t run_size;
	void *ram;
	unsigned features; /* NISV_KVM_* */
	struct uart uart;
	struct testdev test;
	nisv_region regions[5];
	nisv_bus bus;
	pthread_mutex_t bus_lock;
	atomic_int done;
	atomic_uint verdict;
	struct cpu cpu[MAX_CPUS];
};

/* ---- stopping: the guest's verdict, a timeout or an error ---------------- */

static void kick_handler(int sig)
{
	(void)sig; /* only interrupts KVM_RUN (EINTR) */
}

static void stop_all(struct vm *vm, uint32_t verdict)
{
	int expected = 0;

	if (atomic_compare_exchange_strong(&vm->done, &expected, 1))
		atomic_store(&vm->verdict, verdict);
	for (unsigned i = 0; i < vm->opt->ncpus; i++) {
		struct cpu *c = &vm->cpu[i];
		if (!c->run)
			continue;
		/* KVM_RUN returns -EINTR at once while immediate_exit is set, so
		 * a kick that arrives before the vCPU enters KVM_RUN is not lost */
		c->run->immediate_exit = 1;
		if (c->started && !pthread_equal(c->thread, pthread_self()))
			pthread_kill(c->thread, SIGUSR1);
	}
}

static void on_done(void *ctx, uint32_t verdict)
{
	stop_all(ctx, verdict);
}

static uint64_t on_oracle(void *ctx, uint64_t ipa)
{
	struct vm *vm = ctx;
	struct cpu *c = &vm->cpu[(unsigned)current_cpu % MAX_CPUS];

	return oracle_check_batch(c->fd, &c->kv.nisv, &nisv_bus_mem_ops, &vm->bus, ipa, &c->oracle);
}

static void bus_lock(void *ctx)
{
	pthread_mutex_lock(ctx);
}

static void bus_unlock(void *ctx)
{
	pthread_mutex_unlock(ctx);
}

static void ram_warning(void *ctx, uint64_t ipa, uint32_t len)
{
	(void)ctx;
	printf("vmm: cpu%d: ISV=0 emulation touched RAM at 0x%llx (+%u)\n", current_cpu, (unsigned long long)ipa,
	       len);
}

/* ---- the exit log and the table ------------------------------------------- */

static const char *mode_name(unsigned addr)
{
	static const char *const n[] = { "base", "offset", "pre-index", "post-index", "register", "post-index reg",
		                         "literal" };
	return addr < sizeof(n) / sizeof(n[0]) ? n[addr] : "?";
}

static const char *rclass_name(unsigned rc)
{
	static const char *const n[] = { "", " W", " X", " SIMD&FP" };
	return rc < 4 ? n[rc] : "";
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

static void log_exit(struct cpu *c, const nisv_kvm_exit *ex)
{
	const nisv_result *r = &ex->res;
	char line[320];
	int n;

	if (ex->kind == NISV_KVM_EXIT_MMIO) {
		printf("vmm: cpu%u MMIO %s ipa 0x%llx len %u -> %s, delivered via %s\n", c->index,
		       ex->write ? "write" : "read", (unsigned long long)ex->ipa, ex->len, fault_name(r->fault),
		       nisv_kvm_delivery_name(ex->delivery));
		return;
	}
	/* one printf per line: vCPU threads log concurrently */
	n = snprintf(line, sizeof(line), "vmm: cpu%u NISV ipa 0x%llx %s word %08x %s%s%s %s -> %s", c->index,
	             (unsigned long long)ex->ipa, ex->write ? "W" : "R", r->insn.word, nisv_op_name(r->insn.op),
	             is_pair(&r->insn) ? " pair" : "", rclass_name(r->insn.rclass), mode_name(r->insn.addr),
	             nisv_status_name(r->status));
	if (r->status == NISV_FAULT && n > 0 && (size_t)n < sizeof(line))
		n += snprintf(line + n, sizeof(line) - (size_t)n, " %s, ESR 0x%08x FAR 0x%llx, delivered via %s",
		              fault_name(r->fault), r->esr, (unsigned long long)r->va,
		              nisv_kvm_delivery_name(ex->delivery));
	if (n > 0 && (size_t)n < sizeof(line))
		snprintf(line + n, sizeof(line) - (size_t)n, " (KVM_GET_ONE_REG %u, KVM_SET_ONE_REG %u)",
		         ex->get_one_reg, ex->set_one_reg);
	printf("%s\n", line);
}

static void account(struct cpu *c, const nisv_kvm_exit *ex, double seconds)
{
	const nisv_result *r = &ex->res;

	if (ex->kind == NISV_KVM_EXIT_NISV) {
		c->isv0_s += seconds;
		if (r->status == NISV_OK && r->insn.op < NISV_OP_COUNT) {
			/* SCTLR_EL1 as nisv read it during this exit */
			int mmu = (c->kv.reg_valid >> NISV_SCTLR_EL1 & 1) && (c->kv.reg[NISV_SCTLR_EL1] & 1);
			struct class_stat *k = &c->cls[class_index(&r->insn, is_pair(&r->insn), mmu)];
			k->n++;
			k->get += ex->get_one_reg;
			k->set += ex->set_one_reg;
			k->seconds += seconds;
		}
	} else if (ex->kind == NISV_KVM_EXIT_MMIO) {
		c->isv1_s += seconds;
	}
	if (ex->delivery)
		c->faults[r->fault & 15]++;
	if ((ex->kind == NISV_KVM_EXIT_NISV || ex->delivery) && c->logged < c->vm->opt->log_exits) {
		c->logged++;
		log_exit(c, ex);
	}
}

/* one row: label, one count per vCPU and the total; rows of zeros skipped
 * unless `always` */
static void row(struct vm *vm, const char *label, const uint64_t *per_cpu, int always)
{
	uint64_t total = 0;
	unsigned n = vm->opt->ncpus;

	for (unsigned i = 0; i < n; i++)
		total += per_cpu[i];
	if (!total && !always)
		return;
	printf("vmm: %-52s", label);
	for (unsigned i = 0; i < n; i++)
		printf(" %7llu", (unsigned long long)per_cpu[i]);
	printf(" %8llu\n", (unsigned long long)total);
}

#define ROW(label, expr, always)                                  \
	do {                                                      \
		uint64_t v_[MAX_CPUS];                            \
		for (unsigned i_ = 0; i_ < vm->opt->ncpus; i_++) { \
			const struct cpu *c = &vm->cpu[i_];       \
			v_[i_] = (expr);                          \
		}                                                 \
		row(vm, label, v_, always);                       \
	} while (0)

static void class_label(char *buf, size_t n, unsigned k)
{
	unsigned mmu = k >= NCLASS1, am = k % 8, rc = k / 8 % 4, pair = k / 32 % 2, op = k % NCLASS1 / 64;
	snprintf(buf, n, "%s%s%s, %s%s", nisv_op_name(op), pair ? " pair" : "", rclass_name(rc), mode_name(am),
	         mmu ? " (MMU on)" : "");
}

static void print_table(struct vm *vm)
{
	char label[96];
	uint64_t gets = 0, sets = 0, nisv = 0, mmio = 0;
	double t0 = 0, t1 = 0;

	printf("vmm: %-52s", "exits");
	for (unsigned i = 0; i < vm->opt->ncpus; i++)
		printf("    cpu%u", i);
	printf("    total\n");
	ROW("KVM_EXIT_MMIO (ISV=1, decoded by KVM): reads", c->kv.stats.mmio_reads, 1);
	ROW("KVM_EXIT_MMIO (ISV=1, decoded by KVM): writes", c->kv.stats.mmio_writes, 1);
	ROW("KVM_EXIT_ARM_NISV (ISV=0, emulated by nisv)", c->kv.stats.nisv_exits, 1);
	for (unsigned k = 0; k < NCLASS; k++) {
		class_label(label, sizeof(label), k);
		char l2[100];
		snprintf(l2, sizeof(l2), "  %s", label);
		ROW(l2, c->cls[k].n, 0);
	}
	ROW("  stale (re-entered, nothing done)", c->kv.stats.retries, 0);
	ROW("faults injected: external abort (KVM_SET_VCPU_EVENTS)", c->kv.stats.faults_ext_dabt, 1);
	ROW("faults injected: exception entry via registers", c->kv.stats.faults_regs, 1);
	for (unsigned f = 1; f < 16; f++) {
		snprintf(label, sizeof(label), "  %s", fault_name(f));
		ROW(label, c->faults[f], 0);
	}
	ROW("KVM_RUN errors turned into guest aborts", c->run_errors, 0);
	for (unsigned i = 0; i < vm->opt->ncpus; i++) {
		const struct cpu *c = &vm->cpu[i];
		gets += c->kv.stats.get_one_reg;
		sets += c->kv.stats.set_one_reg;
		nisv += c->kv.stats.nisv_exits;
		mmio += c->kv.stats.mmio_exits;
		t0 += c->isv0_s;
		t1 += c->isv1_s;
		for (unsigned k = 0; k < NCLASS; k++) {
			total_class[k].n += c->cls[k].n;
			total_class[k].get += c->cls[k].get;
			total_class[k].set += c->cls[k].set;
			total_class[k].seconds += c->cls[k].seconds;
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

void vmm_print_class_summary(void)
{
	char label[96];
	uint64_t n = 0, g = 0, st = 0;

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

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- vCPUs ------------------------------------------------------------------ */

static void *cpu_thread(void *arg)
{
	struct cpu *c = arg;
	struct vm *vm = c->vm;

	current_cpu = (int)c->index;
	while (!atomic_load(&vm->done)) {
		nisv_kvm_exit ex;
		double t;
		int r;

		if (ioctl(c->fd, KVM_RUN, 0) < 0) {
			int e = errno;
			if (e == EINTR || e == EAGAIN)
				continue;
			/* ENOEXEC: the guest executes from outside RAM; nisv gives it an
			 * instruction abort */
			if (nisv_kvm_handle_run_error(&c->kv, e, &ex) == 0) {
				c->run_errors++;
				if (ex.delivery)
					c->faults[ex.res.fault & 15]++;
				continue;
			}
			printf("vmm: cpu%u: KVM_RUN: %s\n", c->index, strerror(e));
			stop_all(vm, VERDICT_VMM_ERROR);
			break;
		}
		t = now();
		r = nisv_kvm_handle_exit(&c->kv, &ex);
		if (r == 0) {
			account(c, &ex, now() - t);
			continue;
		}
		if (r < 0) {
			log_exit(c, &ex);
			printf("vmm: cpu%u: cannot finish the access: %s%s%s\n", c->index,
			       nisv_status_name(ex.res.status), c->kv.err ? ", " : "",
			       c->kv.err ? strerror(c->kv.err) : "");
			stop_all(vm, VERDICT_VMM_ERROR);
			break;
		}
		/* not a memory access: the VMM's own business */
		switch (c->run->exit_reason) {
		case KVM_EXIT_SYSTEM_EVENT: /* PSCI SYSTEM_OFF / RESET */
			stop_all(vm, VERDICT_NO_VERDICT);
			break;
		default:
			printf("vmm: cpu%u: unexpected exit %u\n", c->index, c->run->exit_reason);
			stop_all(vm, VERDICT_VMM_ERROR);
			break;
		}
	}
	return NULL;
}

static int set_reg(int fd, uint64_t id, uint64_t val)
{
	struct kvm_one_reg r = { .id = id, .addr = (uint64_t)(uintptr_t)&val };
	return ioctl(fd, KVM_SET_ONE_REG, &r);
}

#define CORE_REG(name) (KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM_CORE | KVM_REG_ARM_CORE_REG(name))

/*
 * SVE on the vCPU (-s): KVM_ARM_VCPU_SVE at init, then
 * KVM_ARM_VCPU_FINALIZE with the vector lengths KVM offers (all of them, as
 * kvmtool does). KVM then refuses the core V registers: nisv's backend uses
 * the Z registers (nisv_kvm_vcpu.sve).
 */
static int finalize_sve(struct cpu *c)
{
	int feature = KVM_ARM_VCPU_SVE;
	uint64_t vls[KVM_ARM64_SVE_VLS_WORDS] = { 0 };
	struct kvm_one_reg r = { .id = KVM_REG_ARM64_SVE_VLS, .addr = (uint64_t)(uintptr_t)vls };
	unsigned max_vq = 0;

	if (ioctl(c->fd, KVM_GET_ONE_REG, &r) < 0 || ioctl(c->fd, KVM_ARM_VCPU_FINALIZE, &feature) < 0)
		return -1;
	for (unsigned vq = KVM_ARM64_SVE_VQ_MIN; vq <= KVM_ARM64_SVE_VQ_MAX; vq++)
		if (vls[(vq - KVM_ARM64_SVE_VQ_MIN) / 64] >> ((vq - KVM_ARM64_SVE_VQ_MIN) % 64) & 1)
			max_vq = vq;
	if (c->index == 0)
		printf("vmm: SVE vCPUs, vector length up to %u bits\n", max_vq * 128);
	return 0;
}

static int create_cpu(struct vm *vm, unsigned i, const struct kvm_vcpu_init *proto)
{
	struct cpu *c = &vm->cpu[i];
	struct kvm_vcpu_init init = *proto;

	c->vm = vm;
	c->index = i;
	c->fd = ioctl(vm->fd, KVM_CREATE_VCPU, i);
	if (c->fd < 0)
		return -1;
	c->run = mmap(NULL, vm->run_size, PROT_READ | PROT_WRITE, MAP_SHARED, c->fd, 0);
	if (c->run == MAP_FAILED) {
		c->run = NULL;
		return -1;
	}
	init.features[0] |= 1u << KVM_ARM_VCPU_PSCI_0_2;
	if (vm->opt->sve)
		init.features[0] |= 1u << KVM_ARM_VCPU_SVE;
	if (ioctl(c->fd, KVM_ARM_VCPU_INIT, &init) < 0 || (vm->opt->sve && finalize_sve(c)))
		return -1;
	/* every vCPU starts at the image's entry: x0 = index, x1 = count */
	if (set_reg(c->fd, CORE_REG(regs.pc), PLAT_RAM_BASE) || set_reg(c->fd, CORE_REG(regs.regs[0]), i) ||
	    set_reg(c->fd, CORE_REG(regs.regs[1]), vm->opt->ncpus))
		return -1;
	if (nisv_kvm_vcpu_init(&c->kv, c->fd, c->run, &nisv_bus_mem_ops, &vm->bus,
	                       vm->features | vm->opt->kvm_flags))
		return -1;
	if (c->kv.sve != !!vm->opt->sve) {
		printf("vmm: vCPU %u: nisv sees %s SVE vCPU\n", i, c->kv.sve ? "an" : "no");
		errno = EINVAL;
		return -1;
	}
	return 0;
}

/* ---- the VM ------------------------------------------------------------------ */

static int load_image(struct vm *vm, const char *path)
{
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f) {
		printf("vmm: %s: %s\n", path, strerror(errno));
		return -1;
	}
	n = fread(vm->ram, 1, PLAT_RAM_SIZE, f);
	fclose(f);
	if (n == 0 || n == PLAT_RAM_SIZE) {
		printf("vmm: %s: empty or larger than RAM\n", path);
		return -1;
	}
	return 0;
}

static void setup_bus(struct vm *vm)
{
	vm->regions[0] = (nisv_region){ .base = PLAT_RAM_BASE, .size = PLAT_RAM_SIZE, .ram = vm->ram };
	vm->regions[1] = (nisv_region){ .base = PLAT_UART_BASE, .size = PLAT_UART_SIZE, .read = uart_read,
		                        .write = uart_write, .dev = &vm->uart };
	vm->regions[2] = (nisv_region){ .base = PLAT_TEST_BASE, .size = PLAT_TEST_SIZE, .read = testdev_read,
		                        .write = testdev_write, .dev = &vm->test, .widths = 1 | 2 | 4 | 8 };
	vm->regions[3] = (nisv_region){ .base = PLAT_WIN_BASE, .size = PLAT_WIN_SIZE, .read = testwin_read,
		                        .write = testwin_write, .dev = &vm->test,
		                        /* no NISV_DEV_EXCLUSIVE: on KVM a store-exclusive to MMIO
		                         * fails in the CPU (its local monitor was never armed by the
		                         * emulated LDXR) without exiting, so LDXR/STXR loops could
		                         * never succeed; LDXR faults with DFSC 0x35 instead */
		                        .policy = NISV_DEV_ATOMIC };
	/* the exclusive window: exclusives allowed, to show what happens */
	vm->regions[4] = (nisv_region){ .base = PLAT_EXCL_BASE, .size = PLAT_EXCL_SIZE, .read = exclwin_read,
		                        .write = exclwin_write, .dev = &vm->test,
		                        .policy = NISV_DEV_ATOMIC | NISV_DEV_EXCLUSIVE };
	pthread_mutex_init(&vm->bus_lock, NULL);
	vm->bus = (nisv_bus){ .regions = vm->regions, .count = 5, .ram_warning = ram_warning,
		              .lock = bus_lock, .unlock = bus_unlock, .lock_ctx = &vm->bus_lock };
}

static int setup_vm(struct vm *vm, const char *path)
{
	struct kvm_userspace_memory_region slot;
	struct kvm_vcpu_init init;
	int sz;

	vm->kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (vm->kvm < 0) {
		printf("vmm: /dev/kvm: %s\n", strerror(errno));
		return -1;
	}
	vm->fd = ioctl(vm->kvm, KVM_CREATE_VM, 0);
	if (vm->fd < 0) {
		printf("vmm: KVM_CREATE_VM: %s\n", strerror(errno));
		return -1;
	}
	vm->features = nisv_kvm_vm_features(vm->fd);
	if (!(vm->features & NISV_KVM_NISV_TO_USER)) {
		printf("vmm: KVM_CAP_ARM_NISV_TO_USER is not available\n");
		return -1;
	}
	vm->ram = mmap(NULL, PLAT_RAM_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
	               -1, 0);
	if (vm->ram == MAP_FAILED)
		return -1;
	if (load_image(vm, path))
		return -1;
	slot = (struct kvm_userspace_memory_region){ .slot = 0, .guest_phys_addr = PLAT_RAM_BASE,
		                                     .memory_size = PLAT_RAM_SIZE,
		                                     .userspace_addr = (uint64_t)(uintptr_t)vm->ram };
	if (ioctl(vm->fd, KVM_SET_USER_MEMORY_REGION, &slot) < 0) {
		printf("vmm: KVM_SET_USER_MEMORY_REGION: %s\n", strerror(errno));
		return -1;
	}
	uart_init(&vm->uart, "guest");
	testdev_init(&vm->test, vm->opt->ncpus);
	vm->test.on_done = on_done;
	vm->test.on_oracle = on_oracle;
	vm->test.done_ctx = vm;
	vm->test.verbose = vm->opt->verbose;
	setup_bus(vm);

	sz = ioctl(vm->kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (sz <= 0 || ioctl(vm->fd, KVM_ARM_PREFERRED_TARGET, &init) < 0)
		return -1;
	vm->run_size = (size_t)sz;
	if (vm->opt->sve && nisv_kvm_check_extension(vm->fd, KVM_CAP_ARM_SVE) <= 0) {
		printf("vmm: SVE requested, but KVM has no KVM_CAP_ARM_SVE\n");
		return -1;
	}
	for (unsigned i = 0; i < vm->opt->ncpus; i++)
		if (create_cpu(vm, i, &init)) {
			printf("vmm: vCPU %u: %s\n", i, strerror(errno));
			return -1;
		}
	return 0;
}

static void teardown(struct vm *vm)
{
	for (unsigned i = 0; i < vm->opt->ncpus; i++) {
		struct cpu *c = &vm->cpu[i];
		if (c->run)
			munmap(c->run, vm->run_size);
		if (c->fd > 0)
			close(c->fd);
	}
	if (vm->ram && vm->ram != MAP_FAILED)
		munmap(vm->ram, PLAT_RAM_SIZE);
	if (vm->fd > 0)
		close(vm->fd);
	if (vm->kvm > 0)
		close(vm->kvm);
}

void vmm_run_guest(const char *path, const char *name, const struct vmm_options *opt, struct vmm_result *res)
{
	struct vm *vm = calloc(1, sizeof(*vm));
	struct sigaction sa;
	uint32_t verdict;
	double t0, limit;

	memset(res, 0, sizeof(*res));
	res->verdict = VERDICT_VMM_ERROR;
	if (!vm || opt->ncpus < 1 || opt->ncpus > MAX_CPUS) {
		free(vm);
		return;
	}
	vm->opt = opt;
	vm->name = name;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = kick_handler; /* no SA_RESTART: KVM_RUN must see EINTR */
	sigaction(SIGUSR1, &sa, NULL);

	printf("vmm: running guest '%s' on %u vCPU%s\n", name, opt->ncpus, opt->ncpus > 1 ? "s" : "");
	if (setup_vm(vm, path)) {
		teardown(vm);
		free(vm);
		return;
	}
	t0 = now();
	for (unsigned i = 0; i < opt->ncpus; i++) {
		if (pthread_create(&vm->cpu[i].thread, NULL, cpu_thread, &vm->cpu[i])) {
			stop_all(vm, VERDICT_VMM_ERROR);
			break;
		}
		vm->cpu[i].started = 1;
	}
	limit = opt->timeout_s ? opt->timeout_s : 60;
	while (!atomic_load(&vm->done) && now() - t0 < limit)
		usleep(2000);
	if (!atomic_load(&vm->done)) {
		printf("vmm: guest '%s' gave no verdict in %.0f s\n", name, limit);
		stop_all(vm, VERDICT_TIMEOUT);
	}
	for (unsigned i = 0; i < opt->ncpus; i++)
		if (vm->cpu[i].started)
			pthread_join(vm->cpu[i].thread, NULL);
	res->seconds = now() - t0;
	uart_flush(&vm->uart);
	verdict = atomic_load(&vm->verdict);
	print_table(vm);
	for (unsigned i = 0; i < opt->ncpus; i++) {
		const struct cpu *c = &vm->cpu[i];
		res->isv1 += c->kv.stats.mmio_exits;
		res->isv0 += c->kv.stats.nisv_exits;
		res->faults += c->kv.stats.faults_ext_dabt + c->kv.stats.faults_regs;
		res->oracle_checked += c->oracle.checked;
		res->oracle_mismatches += c->oracle.mismatches;
	}
	if (res->oracle_checked) {
		struct oracle_stats o = { 0 };
		for (unsigned i = 0; i < opt->ncpus; i++) {
			const struct oracle_stats *s = &vm->cpu[i].oracle;
			o.ok += s->ok, o.xlat += s->xlat, o.af += s->af, o.perm += s->perm, o.size += s->size;
			o.other += s->other;
			o.edge_checked += s->edge_checked;
			o.edge_mismatches += s->edge_mismatches;
		}
		printf("vmm: oracle 4 (AT + PAR_EL1 vs nisv's walker): %llu VAs, %llu mismatches; CPU results: "
		       "%llu translated, %llu translation faults, %llu access flag, %llu permission, %llu address size, "
		       "%llu other\n",
		       (unsigned long long)res->oracle_checked, (unsigned long long)res->oracle_mismatches,
		       (unsigned long long)o.ok, (unsigned long long)o.xlat, (unsigned long long)o.af,
		       (unsigned long long)o.perm, (unsigned long long)o.size, (unsigned long long)o.other);
		if (o.edge_checked)
			printf("vmm: oracle 4 edge cases (blocks at levels allowed only with TCR_EL1.DS or FEAT_LPA): %llu VAs, "
			       "%llu differences\n",
			       (unsigned long long)o.edge_checked, (unsigned long long)o.edge_mismatches);
	}
	res->have_counts = vm->test.have_counts;
	res->passed = vm->test.passed;
	res->failed = vm->test.failed;
	res->verdict = verdict;
	printf("vmm: guest '%s' verdict 0x%x (%s) after %.3f s\n", name, verdict, verdict ? "FAIL" : "PASS",
	       res->seconds);
	teardown(vm);
	free(vm);
}

/* ---- probe: what this KVM offers ------------------------------------------- */

int vmm_probe(void)
{
	static const struct {
		const char *name;
		uint64_t id;
	} regs[] = {
		{ "SCTLR_EL1", ARM64_SYS_REG(3, 0, 1, 0, 0) },  { "TCR_EL1", ARM64_SYS_REG(3, 0, 2, 0, 2) },
		{ "TTBR0_EL1", ARM64_SYS_REG(3, 0, 2, 0, 0) },  { "TTBR1_EL1", ARM64_SYS_REG(3, 0, 2, 0, 1) },
		{ "MAIR_EL1", ARM64_SYS_REG(3, 0, 10, 2, 0) },  { "VBAR_EL1", ARM64_SYS_REG(3, 0, 12, 0, 0) },
		{ "ESR_EL1", ARM64_SYS_REG(3, 0, 5, 2, 0) },    { "FAR_EL1", ARM64_SYS_REG(3, 0, 6, 0, 0) },
		{ "DCZID_EL0", ARM64_SYS_REG(3, 3, 0, 0, 7) },  { "ELR_EL1 (sysreg)", ARM64_SYS_REG(3, 0, 4, 0, 1) },
		{ "SPSR_EL1 (sysreg)", ARM64_SYS_REG(3, 0, 4, 0, 0) }, { "SP_EL1 (core)", CORE_REG(sp_el1) },
		{ "ELR_EL1 (core)", CORE_REG(elr_el1) },       { "SPSR_EL1 (core)", CORE_REG(spsr[KVM_SPSR_EL1]) },
	};
	static const struct {
		const char *name;
		long cap;
	} caps[] = {
		{ "KVM_CAP_ARM_NISV_TO_USER", KVM_CAP_ARM_NISV_TO_USER },
		{ "KVM_CAP_ARM_INJECT_EXT_DABT", KVM_CAP_ARM_INJECT_EXT_DABT },
		{ "KVM_CAP_VCPU_EVENTS", KVM_CAP_VCPU_EVENTS },
		{ "KVM_CAP_ARM_EL1_32BIT", KVM_CAP_ARM_EL1_32BIT },
		{ "KVM_CAP_ARM_SVE", KVM_CAP_ARM_SVE },
		{ "KVM_CAP_ARM_PTRAUTH_ADDRESS", KVM_CAP_ARM_PTRAUTH_ADDRESS },
		{ "KVM_CAP_ARM_MTE", KVM_CAP_ARM_MTE },
		{ "KVM_CAP_ARM_VM_IPA_SIZE", KVM_CAP_ARM_VM_IPA_SIZE },
	};
	struct kvm_vcpu_init init;
	struct kvm_reg_list probe = { .n = 0 }, *list = NULL;
	int kvm, vm, vcpu, ok = 0;

	kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (kvm < 0) {
		printf("probe: /dev/kvm: %s\n", strerror(errno));
		return -1;
	}
	printf("probe: KVM_GET_API_VERSION %d\n", ioctl(kvm, KVM_GET_API_VERSION, 0));
	for (unsigned i = 0; i < sizeof(caps) / sizeof(caps[0]); i++) {
		long v = nisv_kvm_check_extension(kvm, caps[i].cap);
		printf("probe: %-30s (%3ld) = %ld\n", caps[i].name, caps[i].cap, v);
		if (caps[i].cap == KVM_CAP_ARM_NISV_TO_USER)
			ok = v > 0;
	}
	vm = ioctl(kvm, KVM_CREATE_VM, 0);
	if (vm < 0 || ioctl(vm, KVM_ARM_PREFERRED_TARGET, &init) < 0 || (vcpu = ioctl(vm, KVM_CREATE_VCPU, 0)) < 0 ||
	    ioctl(vcpu, KVM_ARM_VCPU_INIT, &init) < 0) {
		printf("probe: cannot create a vCPU: %s\n", strerror(errno));
		return -1;
	}
	printf("probe: KVM_ENABLE_CAP(NISV_TO_USER) = %d\n", nisv_kvm_enable_nisv_to_user(vm));
	ioctl(vcpu, KVM_GET_REG_LIST, &probe); /* E2BIG: tells the count */
	list = calloc(1, sizeof(*list) + probe.n * sizeof(list->reg[0]));
	if (list) {
		list->n = probe.n;
		if (ioctl(vcpu, KVM_GET_REG_LIST, list) < 0)
			list->n = 0;
	}
	printf("probe: KVM_GET_REG_LIST: %llu registers\n", list ? (unsigned long long)list->n : 0ull);
	for (unsigned i = 0; i < sizeof(regs) / sizeof(regs[0]); i++) {
		uint64_t v = 0;
		struct kvm_one_reg r = { .id = regs[i].id, .addr = (uint64_t)(uintptr_t)&v };
		int listed = 0, got = ioctl(vcpu, KVM_GET_ONE_REG, &r);
		int e = errno;
		for (uint64_t k = 0; list && k < list->n; k++)
			listed |= list->reg[k] == regs[i].id;
		printf("probe: %-18s %s, KVM_GET_ONE_REG %s", regs[i].name, listed ? "listed" : "not listed",
		       got == 0 ? "ok" : strerror(e));
		if (got == 0)
			printf(" = 0x%llx", (unsigned long long)v);
		printf("\n");
	}
#if defined(__aarch64__)
	{
		uint64_t dczid;
		__asm__ volatile("mrs %0, dczid_el0" : "=r"(dczid));
		printf("probe: host DCZID_EL0 = 0x%llx (the guest sees the same: KVM does not trap it)\n",
		       (unsigned long long)dczid);
	}
#endif
	free(list);
	close(vcpu);
	close(vm);
	close(kvm);
	return ok ? 0 : -1;
}
