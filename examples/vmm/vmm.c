/*
 * A minimal KVM VMM for arm64 built on nisv: the code to copy.
 *
 *   create the VM, enable KVM_CAP_ARM_NISV_TO_USER
 *   RAM: one memslot; devices: NOT in any memslot, so every access exits
 *   describe RAM and devices once as a nisv_bus
 *   one thread per vCPU: KVM_RUN -> nisv_kvm_handle_exit() -> KVM_RUN ...
 *
 * KVM_EXIT_MMIO (ISV=1, decoded by KVM) and KVM_EXIT_ARM_NISV (ISV=0,
 * decoded and emulated by nisv) both end in the same device callbacks
 * (devices.c). A program using it:
 *
 *   struct vm *vm = calloc(1, sizeof(*vm));
 *   if (vm_create(vm, "guest.bin", &(struct vm_config){ .ncpus = 2 }) == 0 && vm_start(vm) == 0)
 *           vm_wait(vm);    // until the guest writes its verdict
 *   vm_destroy(vm);
 *
 * The e2e instrumentation (e2e.c, stats.c, oracle.c) hooks in only through
 * vm->on_exit; a copy drops those lines.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include <linux/kvm.h>

#include "../guests/platform.h"
#include "vmm.h"

#define CORE_REG(name) (KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM_CORE | KVM_REG_ARM_CORE_REG(name))

double vm_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void kick_handler(int sig)
{
	(void)sig; /* only interrupts KVM_RUN (EINTR) */
}

void vm_stop(struct vm *vm, uint32_t verdict)
{
	int expected = 0;

	if (atomic_compare_exchange_strong(&vm->done, &expected, 1))
		atomic_store(&vm->verdict, verdict);
	for (unsigned i = 0; i < vm->cfg.ncpus; i++) {
		struct vcpu *c = &vm->cpu[i];
		if (!c->run)
			continue;
		/* KVM_RUN returns EINTR at once while immediate_exit is set, so
		 * a kick that arrives before the vCPU enters KVM_RUN is not lost */
		c->run->immediate_exit = 1;
		if (c->started && !pthread_equal(c->thread, pthread_self()))
			pthread_kill(c->thread, SIGUSR1);
	}
}

static void on_done(void *vm, uint32_t verdict) { vm_stop(vm, verdict); }
static void bus_lock(void *mutex) { pthread_mutex_lock(mutex); }
static void bus_unlock(void *mutex) { pthread_mutex_unlock(mutex); }

static void ram_warning(void *ctx, uint64_t ipa, uint32_t len)
{
	(void)ctx;
	printf("vmm: cpu%d: ISV=0 emulation touched RAM at 0x%llx (+%u)\n", current_cpu, (unsigned long long)ipa,
	       len);
}

/* ---- the vCPU thread: the run loop ----------------------------------------- */

static void *vcpu_thread(void *arg)
{
	struct vcpu *c = arg;
	struct vm *vm = c->vm;

	current_cpu = (int)c->index;
	while (!atomic_load(&vm->done)) {
		nisv_kvm_exit ex;
		int r, e = ioctl(c->fd, KVM_RUN, 0) < 0 ? errno : 0;
		double t = vm->on_exit ? vm_now() : 0;

		if (e == EINTR || e == EAGAIN)
			continue;
		/* ENOEXEC: the guest executes from outside RAM; nisv gives it an
		 * instruction abort. Else: an MMIO or NISV exit nisv finishes. */
		r = e ? nisv_kvm_handle_run_error(&c->kv, e, &ex) : nisv_kvm_handle_exit(&c->kv, &ex);
		if (vm->on_exit)
			vm->on_exit(c, e, &ex, r, vm_now() - t);
		if (r == 0)
			continue;
		if (r < 0) {
			if (e)
				printf("vmm: cpu%u: KVM_RUN: %s\n", c->index, strerror(e));
			else
				printf("vmm: cpu%u: cannot finish the access: %s%s%s\n", c->index,
				       nisv_status_name(ex.res.status), c->kv.err ? ", " : "",
				       c->kv.err ? strerror(c->kv.err) : "");
			vm_stop(vm, VERDICT_VMM_ERROR);
			break;
		}
		/* not a memory access: the VMM's own business */
		if (c->run->exit_reason == KVM_EXIT_SYSTEM_EVENT) { /* PSCI SYSTEM_OFF / RESET */
			vm_stop(vm, VERDICT_NO_VERDICT);
		} else {
			printf("vmm: cpu%u: unexpected exit %u\n", c->index, c->run->exit_reason);
			vm_stop(vm, VERDICT_VMM_ERROR);
		}
	}
	return NULL;
}

/* ---- creating the VM --------------------------------------------------------- */

static int set_reg(int fd, uint64_t id, uint64_t val)
{
	struct kvm_one_reg r = { .id = id, .addr = (uint64_t)(uintptr_t)&val };
	return ioctl(fd, KVM_SET_ONE_REG, &r);
}

/*
 * Offer the guest only the vector lengths up to max_vl bits: clear the
 * higher ones in KVM_REG_ARM64_SVE_VLS (bit vq - 1: vq * 128 bits) before
 * KVM_ARM_VCPU_FINALIZE. KVM takes any prefix of the host's lengths and
 * caps the guest's with ZCR_EL2.LEN; nisv learns the set from the same
 * register (nisv_kvm_vcpu_init).
 */
static int restrict_sve(int fd, unsigned max_vl)
{
	uint64_t vls[KVM_ARM64_SVE_VLS_WORDS];
	struct kvm_one_reg r = { .id = KVM_REG_ARM64_SVE_VLS, .addr = (uint64_t)(uintptr_t)vls };
	unsigned max_vq = max_vl / 128;

	if (max_vq < 1 || ioctl(fd, KVM_GET_ONE_REG, &r) < 0)
		return -1;
	for (unsigned w = 0; w < KVM_ARM64_SVE_VLS_WORDS; w++)
		vls[w] &= w * 64 >= max_vq ? 0 : max_vq - w * 64 >= 64 ? ~0ull : (1ull << (max_vq - w * 64)) - 1;
	return ioctl(fd, KVM_SET_ONE_REG, &r);
}

static int create_vcpu(struct vm *vm, unsigned i, const struct kvm_vcpu_init *target)
{
	struct vcpu *c = &vm->cpu[i];
	struct kvm_vcpu_init init = *target;
	int sve = KVM_ARM_VCPU_SVE, err;

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
	/* SVE with every vector length KVM offers, as kvmtool does (or those
	 * up to cfg.sve_max_vl): KVM then serves the V registers only as Z
	 * registers, and nisv emulates SVE loads and stores (the backend
	 * knows) */
	if (vm->cfg.sve)
		init.features[0] |= 1u << KVM_ARM_VCPU_SVE;
	if (ioctl(c->fd, KVM_ARM_VCPU_INIT, &init) < 0)
		return -1;
	if (vm->cfg.sve && ((vm->cfg.sve_max_vl && restrict_sve(c->fd, vm->cfg.sve_max_vl)) ||
	                    ioctl(c->fd, KVM_ARM_VCPU_FINALIZE, &sve) < 0))
		return -1;
	/* every vCPU starts at the image's entry: x0 = index, x1 = count */
	if (set_reg(c->fd, CORE_REG(regs.pc), PLAT_RAM_BASE) || set_reg(c->fd, CORE_REG(regs.regs[0]), i) ||
	    set_reg(c->fd, CORE_REG(regs.regs[1]), vm->cfg.ncpus))
		return -1;
	/* nisv for this vCPU: registers by KVM_GET/SET_ONE_REG, memory = the bus */
	err = nisv_kvm_vcpu_init(&c->kv, c->fd, c->run, &nisv_bus_mem_ops, &vm->bus, vm->features | vm->cfg.kvm_flags);
	errno = -err;
	return err ? -1 : 0;
}

/* Guest-physical space as nisv sees it: RAM (also the memslot) and the
 * devices, which are in no memslot. Shared by the vCPUs: the lock makes an
 * emulated atomic or CAS on a device atomic against the other vCPUs. */
static void setup_bus(struct vm *vm)
{
	unsigned n = 0;

	vm->regions[n++] = (nisv_region){ .base = PLAT_RAM_BASE, .size = PLAT_RAM_SIZE, .ram = vm->ram };
	vm->regions[n++] = (nisv_region){ .base = PLAT_UART_BASE, .size = PLAT_UART_SIZE, .read = uart_read,
		                          .write = uart_write, .dev = &vm->uart };
	n += testdev_regions(&vm->test, &vm->regions[n]);
	pthread_mutex_init(&vm->bus_lock, NULL);
	vm->bus = (nisv_bus){ .regions = vm->regions, .count = n, .ram_warning = ram_warning,
		              .lock = bus_lock, .unlock = bus_unlock, .lock_ctx = &vm->bus_lock };
}

static int fail(const char *what)
{
	printf("vmm: %s: %s\n", what, strerror(errno));
	return -1;
}

int vm_create(struct vm *vm, const char *image, const struct vm_config *cfg)
{
	struct kvm_userspace_memory_region slot;
	struct kvm_vcpu_init target;
	FILE *f;
	size_t n;
	int sz;

	if (cfg->ncpus < 1 || cfg->ncpus > MAX_CPUS)
		return -1;
	vm->cfg = *cfg;
	if ((vm->kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC)) < 0)
		return fail("/dev/kvm");
	if ((vm->fd = ioctl(vm->kvm, KVM_CREATE_VM, 0)) < 0)
		return fail("KVM_CREATE_VM");
	vm->features = nisv_kvm_vm_features(vm->fd); /* enables NISV_TO_USER */
	if (!(vm->features & NISV_KVM_NISV_TO_USER)) {
		printf("vmm: KVM_CAP_ARM_NISV_TO_USER is not available\n");
		return -1;
	}
	vm->ram = mmap(NULL, PLAT_RAM_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (vm->ram == MAP_FAILED) {
		vm->ram = NULL;
		return fail("RAM");
	}
	if (!(f = fopen(image, "rb")))
		return fail(image);
	n = fread(vm->ram, 1, PLAT_RAM_SIZE, f);
	fclose(f);
	if (n == 0 || n == PLAT_RAM_SIZE) {
		printf("vmm: %s: empty or larger than RAM\n", image);
		return -1;
	}
	slot = (struct kvm_userspace_memory_region){ .slot = 0, .guest_phys_addr = PLAT_RAM_BASE,
		                                     .memory_size = PLAT_RAM_SIZE,
		                                     .userspace_addr = (uint64_t)(uintptr_t)vm->ram };
	if (ioctl(vm->fd, KVM_SET_USER_MEMORY_REGION, &slot) < 0)
		return fail("KVM_SET_USER_MEMORY_REGION");
	uart_init(&vm->uart, "guest");
	testdev_init(&vm->test, cfg->ncpus);
	vm->test.on_done = on_done; /* the guest's verdict stops the VM */
	vm->test.done_ctx = vm;
	setup_bus(vm);

	if ((sz = ioctl(vm->kvm, KVM_GET_VCPU_MMAP_SIZE, 0)) <= 0 || ioctl(vm->fd, KVM_ARM_PREFERRED_TARGET, &target) < 0)
		return fail("KVM_GET_VCPU_MMAP_SIZE/KVM_ARM_PREFERRED_TARGET");
	vm->run_size = (size_t)sz;
	if (cfg->sve && nisv_kvm_check_extension(vm->fd, KVM_CAP_ARM_SVE) <= 0) {
		printf("vmm: SVE requested, but KVM has no KVM_CAP_ARM_SVE\n");
		return -1;
	}
	for (unsigned i = 0; i < cfg->ncpus; i++)
		if (create_vcpu(vm, i, &target)) {
			printf("vmm: vCPU %u: %s\n", i, strerror(errno));
			return -1;
		}
	return 0;
}

/* ---- running and stopping ----------------------------------------------------- */

int vm_start(struct vm *vm)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = kick_handler; /* no SA_RESTART: KVM_RUN must see EINTR */
	sigaction(SIGUSR1, &sa, NULL);
	for (unsigned i = 0; i < vm->cfg.ncpus; i++) {
		if (pthread_create(&vm->cpu[i].thread, NULL, vcpu_thread, &vm->cpu[i])) {
			vm_stop(vm, VERDICT_VMM_ERROR);
			return -1;
		}
		vm->cpu[i].started = 1;
	}
	return 0;
}

void vm_wait(struct vm *vm)
{
	for (unsigned i = 0; i < vm->cfg.ncpus; i++)
		if (vm->cpu[i].started)
			pthread_join(vm->cpu[i].thread, NULL);
	uart_flush(&vm->uart);
}

void vm_destroy(struct vm *vm)
{
	for (unsigned i = 0; i < vm->cfg.ncpus; i++) {
		if (vm->cpu[i].run)
			munmap(vm->cpu[i].run, vm->run_size);
		if (vm->cpu[i].fd > 0)
			close(vm->cpu[i].fd);
	}
	if (vm->ram)
		munmap(vm->ram, PLAT_RAM_SIZE);
	if (vm->fd > 0)
		close(vm->fd);
	if (vm->kvm > 0)
		close(vm->kvm);
}
