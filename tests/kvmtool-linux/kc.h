/* Shared declarations of kvmtool-checks / kvmtool-isv0 (see main.c for the overview). */
#ifndef KC_H
#define KC_H

#include <stddef.h>
#include <stdint.h>

#define KC_BAR_SIZE 528u	/* MSI-X table: 33 entries x 16 bytes (PBA follows, read-only) */
#define KC_CTRL_OFF 12u		/* ctrl word of an entry; bit0 of its first byte = mask bit */

/* Device pointers; in --selftest both point into an anonymous normal-memory mapping. */
struct kc_devices {
	uint8_t *uart_scr;	/* the 8250 scratch register (offset 7), 1 byte */
	uint8_t *bar;		/* first byte of the MSI-X table BAR */
	uintptr_t uart_page, bar_page;	/* mapped pages, for si_addr checks */
	size_t page;
	int selftest;
};
extern struct kc_devices kc_dev;

/* devices.c */
int kc_map_uart(void);		/* 0 on success, message on stderr otherwise */
int kc_map_bar(void);
int kc_map_selftest(void);
uint8_t *kc_map_phys(uint64_t pa);	/* one page of /dev/mem; NULL on failure */
int kc_addr_in_device(uintptr_t a);
void kc_bar_save(void);		/* remember the original table ... */
void kc_bar_restore(void);	/* ... and put it back (ctrl words last) */

/*
 * Reference path: one volatile ldrb/strb without writeback (ISV=1: KVM decodes it
 * itself), the oracle for what a device byte holds.
 */
static inline uint8_t ref_rd8(const uint8_t *p)
{
	uint32_t v;
	__asm__ volatile("ldrb %w0, [%1]" : "=r"(v) : "r"(p) : "memory");
	return (uint8_t)v;
}

static inline void ref_wr8(uint8_t *p, uint8_t v)
{
	__asm__ volatile("strb %w0, [%1]" : : "r"((uint32_t)v), "r"(p) : "memory");
}

void ref_read(const uint8_t *dev, uint8_t *out, size_t n);
void ref_write(uint8_t *dev, const uint8_t *in, size_t n);

/* Keeps the MSI-X mask bit set in a buffer destined for BAR offset `off`. */
void kc_bar_safe(size_t off, uint8_t *buf, size_t n);
static inline int kc_is_ctrl0(size_t off) { return (off & 15u) == KC_CTRL_OFF; }

/* check.c: per-case and total counters; FAIL lines are printed by kc_check. */
struct kc_stats {
	const char *name;
	unsigned long pass, fail, faults, f_align, f_sve, f_excl, f_other, shown;
};
extern struct kc_stats kc_cur;
extern unsigned long kc_total_pass, kc_total_fail;
void kc_case_begin(const char *name);
void kc_case_end(void);
int kc_check(int ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void kc_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* faults.c: run fn(arg) under SIGBUS/SIGSEGV handlers. */
struct kc_fault {
	int sig, code;
	uintptr_t addr, pc;
	uint32_t insn;
};
enum kc_fault_kind { KC_FAULT_ALIGN, KC_FAULT_SVE, KC_FAULT_EXCL, KC_FAULT_BAD };
int kc_guard(void (*fn)(void *), void *arg, struct kc_fault *f);	/* 1 if it faulted */
enum kc_fault_kind kc_fault_kind(const struct kc_fault *f);
/* Counts the fault in kc_cur and checks it is acceptable (never in selftest). */
int kc_fault_check(const struct kc_fault *f, const char *what);
int kc_insn_is_sve(uint32_t insn);
int kc_insn_is_load_exclusive(uint32_t insn);

/* Pattern helpers (check.c). */
uint8_t kc_pat(uint32_t seed, size_t i);

/* Cases. */
void case_memcpy_to_bar(void);
void case_memcpy_from_bar(void);
void case_memset_bar(void);
void case_memmove_bar(void);
void case_memcpy_uart_scratch(void);
void case_inline_copy(void);
void case_post_index(void);
void case_ldp_stp(void);
void case_atomic(void);
void case_exclusive(void);
void case_sve(void);
void case_hole(void);
void case_atomic_smp(void);
void case_gic(void);
void case_bench(void);
void case_harness(void);
extern int kc_full;	/* --full: all dst x src alignment pairs for every length */
void kc_print_string_variants(void *cpy, void *move, void *set);	/* which.c */

#endif
