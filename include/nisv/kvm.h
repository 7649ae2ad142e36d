/*
 * nisv on Linux KVM (arm64): finish KVM_EXIT_ARM_NISV and KVM_EXIT_MMIO exits.
 *
 * Linux only. One nisv_kvm_vcpu per vCPU, used only by the thread that runs
 * that vCPU (KVM requires vCPU ioctls from one thread anyway); different
 * vCPUs may handle exits concurrently. The guest-physical memory callbacks
 * (typically nisv_bus_mem_ops over a nisv_bus) are shared by all vCPUs and
 * must be thread-safe.
 *
 * A VMM's run loop:
 *
 *     nisv_kvm_enable_nisv_to_user(vm_fd);                  // once per VM
 *     unsigned feat = nisv_kvm_vm_features(vm_fd);
 *     nisv_kvm_vcpu_init(&kv, vcpu_fd, run, &nisv_bus_mem_ops, &bus, feat);
 *     for (;;) {
 *         ioctl(vcpu_fd, KVM_RUN, 0);
 *         nisv_kvm_exit ex;
 *         int r = nisv_kvm_handle_exit(&kv, &ex);
 *         if (r > 0)  ... an exit that is not MMIO/NISV: the VMM's own
 *         if (r < 0)  ... an ioctl or callback failed (kv.err): stop
 *     }
 *
 * Registers are read with KVM_GET_ONE_REG only when nisv needs them, at
 * most once per nisv call, and only changed registers are written back with
 * KVM_SET_ONE_REG; the counts are reported per exit and in the totals. The
 * backend keeps no register cache of its own: within one call nisv's cache
 * suffices, and only a fault taken through the registers makes a second
 * call (nisv_inject), which reads PSTATE, SCTLR_EL1 and PC again (3 ioctls,
 * see backends/kvm/kvm.c).
 */
#ifndef NISV_KVM_H
#define NISV_KVM_H

#include <stdint.h>
#include <nisv.h>

#ifdef __cplusplus
extern "C" {
#endif

struct kvm_run;

/* nisv_kvm_vm_features() / nisv_kvm_vcpu_init() flags */
enum {
	/* KVM_CAP_ARM_NISV_TO_USER is enabled on the VM */
	NISV_KVM_NISV_TO_USER = 1u << 0,
	/* KVM_CAP_ARM_INJECT_EXT_DABT: KVM_SET_VCPU_EVENTS can pend an
	 * external data abort for the access that exited */
	NISV_KVM_EXT_DABT = 1u << 1,
	/* (vcpu_init only) take every fault through the registers, with
	 * nisv's precise ESR, even when KVM could inject an external abort */
	NISV_KVM_FAULTS_VIA_REGS = 1u << 2,
};

/* KVM_CHECK_EXTENSION on a /dev/kvm or VM fd: its value (>= 0) or -errno. */
NISV_API long nisv_kvm_check_extension(int fd, long cap);

/* KVM_ENABLE_CAP(KVM_CAP_ARM_NISV_TO_USER) on a VM fd: 0 or -errno. */
NISV_API int nisv_kvm_enable_nisv_to_user(int vm_fd);

/* The NISV_KVM_* features a VM supports (NISV_TO_USER if it is enabled). */
NISV_API unsigned nisv_kvm_vm_features(int vm_fd);

/* Per-vCPU totals (since init). */
typedef struct nisv_kvm_stats {
	uint64_t mmio_exits;        /* KVM_EXIT_MMIO: ISV=1, decoded by KVM      */
	uint64_t mmio_reads, mmio_writes;
	uint64_t nisv_exits;        /* KVM_EXIT_ARM_NISV: ISV=0, decoded by nisv */
	uint64_t emulated;          /* NISV exits finished by nisv (NISV_OK)     */
	uint64_t by_op[NISV_OP_COUNT]; /* emulated, by nisv_insn.op            */
	uint64_t retries;           /* stale faults: re-entered, nothing done    */
	uint64_t faults_ext_dabt;   /* injected with KVM_SET_VCPU_EVENTS         */
	uint64_t faults_regs;       /* taken through the registers (nisv)        */
	uint64_t fetch_aborts;      /* KVM_RUN ENOEXEC turned into instruction aborts */
	uint64_t get_one_reg;       /* KVM_GET_ONE_REG calls made for NISV exits */
	uint64_t set_one_reg;       /* KVM_SET_ONE_REG calls made for NISV exits */
} nisv_kvm_stats;

/* How a guest fault was delivered. */
typedef enum nisv_kvm_delivery {
	NISV_KVM_NO_FAULT = 0,
	NISV_KVM_VIA_EXT_DABT, /* KVM_SET_VCPU_EVENTS ext_dabt_pending          */
	NISV_KVM_VIA_REGS,     /* ESR/FAR/ELR/SPSR_EL1, PSTATE, PC set by nisv   */
} nisv_kvm_delivery;

/* What one exit was and what was done about it. */
typedef enum nisv_kvm_exit_kind {
	NISV_KVM_EXIT_OTHER = 0,
	NISV_KVM_EXIT_MMIO,
	NISV_KVM_EXIT_NISV,
} nisv_kvm_exit_kind;

typedef struct nisv_kvm_exit {
	uint8_t kind;     /* nisv_kvm_exit_kind                               */
	uint8_t write;    /* the access writes                                */
	uint8_t delivery; /* nisv_kvm_delivery                                */
	uint32_t len;     /* MMIO: access length                              */
	uint64_t ipa;     /* the faulting IPA                                 */
	uint32_t get_one_reg, set_one_reg; /* register ioctls of this exit    */
	/* for logs: PC, PSTATE and SCTLR_EL1 as nisv read them during this
	 * exit (0 when it did not read them: MMIO exits without a fault) */
	uint64_t pc, pstate, sctlr;
	nisv_result res;  /* NISV exits: nisv's result; MMIO: status + fault  */
} nisv_kvm_exit;

/*
 * One vCPU. Fields are private except `nisv` (the core context, e.g. for
 * nisv_vcpu_set_features or nisv_translate), `err`, `stats` and `sve`
 * (read-only); initialise with nisv_kvm_vcpu_init.
 */
typedef struct nisv_kvm_vcpu {
	int fd;
	struct kvm_run *run;
	unsigned flags;        /* NISV_KVM_*                                     */
	int err;               /* errno of the last failed ioctl, else 0         */
	nisv_vcpu nisv;
	const nisv_mem_ops *mem; /* guest-physical memory (KVM_EXIT_MMIO too)    */
	void *mem_ctx;
	uint64_t dczid;        /* DCZID_EL0: constant, read once at init        */
	int sve;               /* SVE vCPU: V[n] is Z[n] bits [127:0], SVE is
	                          emulated (set by init)                      */
	nisv_kvm_exit *exit;   /* the exit being handled (its counters)          */
	unsigned enoexec_streak;
	nisv_kvm_stats stats;
} nisv_kvm_vcpu;

/*
 * Set up a vCPU created and initialised (KVM_ARM_VCPU_INIT) by the VMM.
 * run is its mmap'ed struct kvm_run. mem/mem_ctx: guest-physical memory
 * (RAM for instruction fetch and page-table walks, and the devices).
 * Reads the guest's ID registers once to tell nisv the CPU's features
 * (FEAT_LSE2, LPA/LPA2/LVA, HAFDBS, MTE) and physical address size, and
 * DCZID_EL0 (KVM does not trap it: the host CPU's value is the guest's).
 * It also tells whether the vCPU has SVE (KVM_ARM_VCPU_SVE: the
 * KVM_REG_ARM64_SVE_VLS register exists; kv->sve) and gives nisv the
 * vector lengths KVM_REG_ARM64_SVE_VLS offers (nisv_vcpu_set_vector_lengths;
 * the VMM may restrict them before KVM_ARM_VCPU_FINALIZE). On such a vCPU
 * nisv emulates the SVE loads and stores (LD1*, ST1*, LD2-LD4, LD1R*,
 * LDR/STR Z and P, ...): Z[n], P[n] and FFR are KVM_REG_ARM64_SVE_ZREG(n, 0),
 * _PREG(n, 0) and _FFR(0), one ioctl per register read, and a write at a
 * vector length below the vCPU's largest reads the register first to keep
 * its upper bytes; ZCR_EL1 is the system register. KVM refuses the
 * KVM_REG_ARM_CORE V registers there: V[n] is read as bits [127:0] of Z[n]
 * and written as Z[n] with bits [VL-1:128] zero, as an AdvSIMD&FP write to
 * Vn does. SME (SVCR, SMCR_EL1, ZA, ZT0) is refused: KVM offers no SME.
 * Call it after KVM_ARM_VCPU_INIT (and KVM_ARM_VCPU_FINALIZE for SVE).
 * Returns 0 or -errno.
 */
NISV_API int nisv_kvm_vcpu_init(nisv_kvm_vcpu *kv, int vcpu_fd, struct kvm_run *run, const nisv_mem_ops *mem,
                                void *mem_ctx, unsigned flags);

/*
 * Handle the exit in kv->run after KVM_RUN returned 0:
 * - KVM_EXIT_MMIO: perform the access KVM decoded on the memory callbacks
 *   (reads fill run->mmio.data; KVM completes the load on the next KVM_RUN);
 * - KVM_EXIT_ARM_NISV: nisv_handle_abort() with the sanitised ISS and IPA.
 * An access nobody serves, and an instruction nisv does not emulate (SVE
 * gathers and scatters, SME, MOPS, ...; NISV_UNSUPPORTED
 * too), becomes a synchronous external abort in the guest
 * (KVM_SET_VCPU_EVENTS when available) and the vCPU runs on; other guest
 * faults nisv reports (alignment, translation, UNDEFINED, ...) are taken
 * through the registers: nisv_inject() with the fault the one
 * nisv_handle_abort() found (nothing is fetched or walked again). A
 * faulting MMIO access that KVM cannot inject (or with
 * NISV_KVM_FAULTS_VIA_REGS) has no syndrome to build an ESR from: nisv
 * decodes the instruction at PC once, reports the fault and it is injected.
 * Returns 0 when the vCPU can be run again, 1 for an exit that is neither
 * (out->kind == NISV_KVM_EXIT_OTHER), -1 on failure (kv->err, out->res).
 * out may be NULL.
 */
NISV_API int nisv_kvm_handle_exit(nisv_kvm_vcpu *kv, nisv_kvm_exit *out);

/*
 * KVM_RUN failed with errno `err`. On arm64, ENOEXEC means the guest fetched
 * an instruction from an IPA outside every memslot (an MMIO page or a hole):
 * KVM gives userspace no syndrome for it. nisv walks the guest's PC and, when
 * it cannot be fetched from RAM either, takes the guest's instruction abort
 * (synchronous external abort on the fetch, ESR EC 0x20/0x21, FAR = PC)
 * through the registers; if the PC fetches fine by nisv's walk (the guest
 * changed its tables meanwhile) the vCPU is simply run again, and after
 * three such attempts in a row KVM's external data abort is the floor.
 * Returns 0 when the vCPU can be run again, -1 for any other error
 * (kv->err = err).
 */
NISV_API int nisv_kvm_handle_run_error(nisv_kvm_vcpu *kv, int err, nisv_kvm_exit *out);

/* Names for logs: "ext-dabt", "regs", "-"; "MMIO", "NISV", "other". */
NISV_API const char *nisv_kvm_delivery_name(unsigned d);
NISV_API const char *nisv_kvm_exit_name(unsigned kind);

#ifdef __cplusplus
}
#endif
#endif /* NISV_KVM_H */
