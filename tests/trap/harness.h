/*
 * The trap-path test guest: one vCPU (nisv_state), guest-physical memory
 * served through nisv_bus (RAM regions + logging devices), a logging wrapper
 * around nisv_bus_mem_ops, hand-built stage-1 translation tables, and the
 * checks every case shares (fault reported / fault injected / nothing done).
 *
 * Expected values come from the Arm ARM, not from nisv:
 *   ESR_EL1 (D19.2 "ESR_EL1", ISS encoding for a Data/Instruction Abort),
 *   FAR_EL1, AArch64.TakeException (new PSTATE, vector offsets),
 *   VMSAv8-64 descriptor formats (D8) and AArch64.S1Translate.
 */
#ifndef NISV_TRAP_HARNESS_H
#define NISV_TRAP_HARNESS_H

#include <stddef.h>
#include <stdint.h>

#include "nisv.h"
#include "memlog.h"
#include "pagetable.h"
#include "state_diff.h"

/* ------------------------------------------------------------------------ */
/* Bookkeeping                                                               */
/* ------------------------------------------------------------------------ */

/* Start a named case; every check until the next tcase() belongs to it. */
void tcase(const char *name);
/* tcase() with a printf-style name. */
void tcasef(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;
/* One check; prints the case, the place and both values when it fails. */
int check_eq(const char *file, int line, const char *what, uint64_t got, uint64_t want);
#define EXPECT_EQ(got, want) check_eq(__FILE__, __LINE__, #got, (uint64_t)(got), (uint64_t)(want))
#define EXPECT_TRUE(cond) check_eq(__FILE__, __LINE__, #cond, (uint64_t)!!(cond), 1)
/* Print "LABEL: N cases, M failed"; returns M. */
unsigned report(const char *label);

/* ------------------------------------------------------------------------ */
/* Architecture constants (Arm ARM)                                          */
/* ------------------------------------------------------------------------ */

/* ESR_EL1.EC */
enum {
	EC_UNKNOWN = 0x00,
	EC_IABT_LOW = 0x20, /* Instruction Abort from a lower EL            */
	EC_IABT_CUR = 0x21, /* Instruction Abort without a change in EL     */
	EC_DABT_LOW = 0x24, /* Data Abort from a lower EL                   */
	EC_DABT_CUR = 0x25, /* Data Abort without a change in EL            */
	EC_SP_ALIGN = 0x26,
};
#define ESR_IL (1u << 25)
/* ISS of a Data Abort */
#define ISS_ISV (1u << 24)
#define ISS_SAS(n) ((uint32_t)(n) << 22)
#define ISS_SSE (1u << 21)
#define ISS_SRT(n) ((uint32_t)(n) << 16)
#define ISS_SF (1u << 15)
#define ISS_AR (1u << 14)
#define ISS_FNV (1u << 10)
#define ISS_CM (1u << 8)
#define ISS_S1PTW (1u << 7)
#define ISS_WNR (1u << 6)
/* DFSC / IFSC */
#define FSC_ADDR_SIZE(l) ((l) < 0 ? 0x29u : 0x00u + (unsigned)(l))
#define FSC_TRANS(l) ((l) < 0 ? 0x2bu : 0x04u + (unsigned)(l))
#define FSC_AF(l) (0x08u + (unsigned)(l))
#define FSC_PERM(l) (0x0cu + (unsigned)(l))
#define FSC_EXT 0x10u
#define FSC_WALK_EXT(l) ((l) < 0 ? 0x13u : 0x14u + (unsigned)(l))
#define FSC_ALIGN 0x21u
#define FSC_EXCL 0x35u

static inline uint32_t esr_of(unsigned ec, uint32_t iss)
{
	return (uint32_t)ec << 26 | ESR_IL | iss;
}

/* PSTATE (SPSR layout) */
#define PS_EL0T 0x0ull
#define PS_EL1T 0x4ull
#define PS_EL1H 0x5ull
#define PS_NRW (1ull << 4)
#define PS_DAIF (0xfull << 6)
#define PS_BTYPE (3ull << 10)
#define PS_SSBS (1ull << 12)
#define PS_IL (1ull << 20)
#define PS_SS (1ull << 21)
#define PS_PAN (1ull << 22)
#define PS_UAO (1ull << 23)
#define PS_DIT (1ull << 24)
#define PS_TCO (1ull << 25)
#define PS_NZCV (0xfull << 28)

/* SCTLR_EL1 */
#define SC_M (1ull << 0)
#define SC_A (1ull << 1)
#define SC_SA (1ull << 3)
#define SC_SA0 (1ull << 4)
#define SC_WXN (1ull << 19)
#define SC_SPAN (1ull << 23)
#define SC_E0E (1ull << 24)
#define SC_EE (1ull << 25)
#define SC_DSSBS (1ull << 44)

/* TCR_EL1 */
#define TCR_EPD0 (1ull << 7)
#define TCR_EPD1 (1ull << 23)
#define TCR_IPS(n) ((uint64_t)(n) << 32)
#define TCR_IPS_MASK (7ull << 32)
#define TCR_TBI0 (1ull << 37)
#define TCR_TBI1 (1ull << 38)
#define TCR_HA (1ull << 39)
#define TCR_HD (1ull << 40)
#define TCR_HPD0 (1ull << 41)
#define TCR_HPD1 (1ull << 42)
#define TCR_E0PD0 (1ull << 55)
#define TCR_E0PD1 (1ull << 56)
#define TCR_DS (1ull << 59)
enum { IPS_32 = 0, IPS_36, IPS_40, IPS_42, IPS_44, IPS_48, IPS_52 };

/* Stage-1 descriptor bits (VMSAv8-64, 4K/16K/64K, 64-bit descriptors) */
#define D_ATTR(n) ((uint64_t)(n) << 2) /* AttrIndx: MAIR_EL1 attribute   */
#define D_AP_EL1_RW (0ull << 6)       /* AP[2:1] = 00                    */
#define D_AP_RW (1ull << 6)           /* AP[2:1] = 01: EL1 and EL0 RW    */
#define D_AP_EL1_RO (2ull << 6)       /* AP[2:1] = 10                    */
#define D_AP_RO (3ull << 6)           /* AP[2:1] = 11: EL1 and EL0 RO    */
#define D_AP_MASK (3ull << 6)
#define D_AP2 (1ull << 7)
#define D_AF (1ull << 10)
#define D_DBM (1ull << 51)
#define D_PXN (1ull << 53)
#define D_UXN (1ull << 54)
/* table descriptors */
#define T_PXN (1ull << 59)
#define T_UXN (1ull << 60)
#define T_AP_NO_EL0 (1ull << 61) /* APTable[0] */
#define T_AP_RO (1ull << 62)     /* APTable[1] */

/* MAIR_EL1 of every case: Attr0 Normal WB, Attr1 Device-nGnRnE, Attr2 Normal NC */
#define MAIR_DEFAULT 0x4400ffull
#define A_NORMAL D_ATTR(0)
#define A_DEVICE D_ATTR(1)

/* Ready-made leaf attributes (AF set). */
#define PG_KDATA (D_AF | A_NORMAL | D_AP_EL1_RW | D_PXN | D_UXN)
#define PG_KCODE (D_AF | A_NORMAL | D_AP_EL1_RO | D_UXN)
#define PG_KDEV (D_AF | A_DEVICE | D_AP_EL1_RW | D_PXN | D_UXN)
#define PG_UDATA (D_AF | A_NORMAL | D_AP_RW | D_PXN | D_UXN)
#define PG_UDEV (D_AF | A_DEVICE | D_AP_RW | D_PXN | D_UXN)
#define PG_UCODE (D_AF | A_NORMAL | D_AP_RO | D_PXN)

/* ------------------------------------------------------------------------ */
/* The guest                                                                 */
/* ------------------------------------------------------------------------ */

/* Guest-physical layout every case starts from. */
#define IPA_PT 0x40000000ull    /* translation tables (PT_SIZE)        */
#define IPA_RAM 0x80000000ull   /* data and code RAM (RAM_SIZE)        */
#define IPA_DEV0 0x09000000ull  /* device 0, DEV_SIZE bytes, then a hole */
#define IPA_HOLE 0x09001000ull  /* nothing here                        */
#define PT_SIZE (1u << 20)
#define RAM_SIZE (256u << 10)
#define DEV_SIZE 0x1000u
#define XRAM_SIZE 0x4000u
#define NXRAM 4
#define NDEV 3

/* Initial register values */
#define VBAR 0xffff800000010000ull
#define PC0 0xffff800000200000ull

struct devcall {
	uint8_t write;
	uint64_t off;
	uint32_t len;
	uint8_t data[16];
};

struct dev {
	uint8_t mem[DEV_SIZE];
	struct devcall log[64];
	unsigned ncalls, reads, writes;
};

struct guest {
	nisv_state st;
	nisv_vcpu v;
	int inject; /* the fault mode set with set_mode() */
	int ram_map; /* what ram_map answers: memlog.h, ram_map_mode */
	uint32_t features;
	nisv_region reg[12];
	nisv_bus bus;
	uint64_t pt_base; /* IPA of PT[] */
	uint64_t pt_used;
	struct dev dev[NDEV];
	struct memlog mem; /* the logging wrapper: data accesses, walks, fetches */
	unsigned warnings;
	uint64_t warn_ipa;
	uint32_t warn_len;
	unsigned bus_locks;
};

extern struct guest G;
extern uint8_t PT[PT_SIZE];
extern uint8_t RAM[RAM_SIZE];
extern uint8_t XRAM[NXRAM][XRAM_SIZE];

/* Fresh guest: MMU off, EL1h, default layout, REPORT mode, no features. */
void guest_reset(void);
/* Move the translation-table RAM (before building tables). */
void guest_pt_at(uint64_t ipa);
/* Extra regions (returns the region for tweaking widths/policy). */
nisv_region *add_ram(uint64_t ipa, void *host, uint64_t size);
nisv_region *add_dev(uint64_t ipa, uint64_t size, unsigned devno);
nisv_region *find_region(uint64_t ipa);
void set_mode(int inject);
/* Run the following cases on nisv_bus_mem_ops itself (1) or the logging wrapper (0). */
void set_bus_direct(int on);
int bus_is_direct(void);
void set_features(uint32_t f);
void set_pa_bits(unsigned bits);

/* Guest-physical byte access for setting up and checking (any region). */
void gp_write(uint64_t ipa, const void *buf, size_t len);
void gp_read(uint64_t ipa, void *buf, size_t len);
void gp_w64(uint64_t ipa, uint64_t val);
uint64_t gp_r64(uint64_t ipa);
void gp_w32(uint64_t ipa, uint32_t val);

#define R(n) (G.st.reg[(n)])

/* ------------------------------------------------------------------------ */
/* Translation tables                                                        */
/* ------------------------------------------------------------------------ */

/* Tables in the guest's translation-table RAM (tests/support/pagetable.h
 * has the builder); a fresh empty root table. */
void pt_init(struct pt *t, unsigned g, unsigned tsz, unsigned flags);

/* The two halves of the EL1&0 regime used by most cases. */
extern struct pt LO, HI;
enum { MMU_DS = 1u << 0, MMU_LPA = 1u << 1, MMU_VA52 = 1u << 2, MMU_BE = 1u << 3 };
/*
 * MMU on with granule g for both halves: T0SZ = T1SZ = 16 (12 with
 * MMU_VA52), IPS 48 (52 with MMU_DS/MMU_LPA, and pa_bits 52), features for
 * DS/LPA, TTBR0/TTBR1 = the fresh roots, SCTLR_EL1.M = 1.
 */
void mmu_on(unsigned g, unsigned flags);
#define tcr_tg pt_tcr_tg

/* ------------------------------------------------------------------------ */
/* Running nisv and checking the outcome                                     */
/* ------------------------------------------------------------------------ */

/* nisv_emulate / nisv_handle_abort after taking a snapshot of everything. */
nisv_status run(uint32_t word, nisv_result *r);
nisv_status run_abort(const nisv_abort *a, nisv_result *r);

/* The fault has no valid FAR (FnV set, UNDEFINED, SP alignment): FAR_EL1 is
 * UNKNOWN after an injection, so it is not checked (REPORT mode: unchanged). */
#define NO_FAR 0x0bad0bad0bad0badull

/*
 * A guest fault: status, res fields and then, by mode,
 * REPORT: nothing at all changed (registers, RAM, tables, devices);
 * INJECT: memory unchanged, and exactly ESR/FAR/ELR/SPSR/PSTATE/PC written
 * as AArch64.TakeException to EL1 does it, every other register unchanged.
 */
#define EXPECT_FAULT(st, r, kind, level, esr, far) \
	expect_fault(__FILE__, __LINE__, st, r, kind, level, esr, far)
void expect_fault(const char *file, int line, nisv_status st, const nisv_result *r, unsigned kind,
                  int level, uint32_t esr, uint64_t far);

/* Nothing changed at all since run()/run_abort(). */
#define EXPECT_NOTHING_DONE() expect_nothing_done(__FILE__, __LINE__)
void expect_nothing_done(const char *file, int line);

/* NISV_OK, PC advanced by 4, and no register but those in `changed`
 * (bit n = nisv_reg n; NISV_PC implied) differs from the snapshot. */
#define EXPECT_OK_REGS(st, changed) expect_ok_regs(__FILE__, __LINE__, st, changed)
void expect_ok_regs(const char *file, int line, nisv_status st, uint64_t changed);
#define BIT(n) (1ull << (n))

/* The PSTATE / vector AArch64.TakeException to EL1 gives from `old`. */
uint64_t entry_pstate(uint64_t old, uint64_t sctlr, uint32_t features);
uint64_t entry_vector(uint64_t old);

/* Device call log helpers */
#define EXPECT_DEVCALL(devno, i, is_write, off, len) \
	expect_devcall(__FILE__, __LINE__, devno, i, is_write, off, len)
void expect_devcall(const char *file, int line, unsigned devno, unsigned i, int is_write, uint64_t off,
                    uint32_t len);
uint64_t devcall_value(unsigned devno, unsigned i); /* little-endian bytes of the call */
void dev_fill(unsigned devno, uint64_t off, const void *bytes, size_t len);
void dev_w64(unsigned devno, uint64_t off, uint64_t val);

/* ------------------------------------------------------------------------ */
/* Case groups                                                               */
/* ------------------------------------------------------------------------ */

void tests_mmu(void);
void tests_exception(void);
void tests_memo(void);
/* SVE predicate p (32 bytes) with only the listed elements (bit e of mask)
 * of `ebytes`-byte elements active. */
void pred_elements(uint8_t *p, unsigned ebytes, unsigned mask);

void tests_sve(void);
void tests_sve_gather(void);
void tests_sme(void);
void tests_sve_multi(void);
void tests_sve_q(void);
void tests_trap(void);

/* A64 encodings used by the cases (checked with binutils). */
#define I_LDR_X1_X0       0xf9400001u /* ldr   x1, [x0]          */
#define I_LDR_W1_X0       0xb9400001u /* ldr   w1, [x0]          */
#define I_LDR_X1_X0_8     0xf9400401u /* ldr   x1, [x0, #8]      */
#define I_LDR_X1_SP       0xf94003e1u /* ldr   x1, [sp]          */
#define I_STR_X1_X0       0xf9000001u /* str   x1, [x0]          */
#define I_STRB_W1_X0      0x39000001u /* strb  w1, [x0]          */
#define I_LDP_X1_X2_X0    0xa9400801u /* ldp   x1, x2, [x0]      */
#define I_STP_X1_X2_X0    0xa9000801u /* stp   x1, x2, [x0]      */
#define I_ST2_B_V0_V1_X0  0x0d200000u /* st2   {v0.b, v1.b}[0], [x0] */
#define I_LDTR_X1_X0      0xf8400801u /* ldtr  x1, [x0]          */
#define I_STTR_X1_X0      0xf8000801u /* sttr  x1, [x0]          */
#define I_LDXR_X1_X0      0xc85f7c01u /* ldxr  x1, [x0]          */
#define I_STXR_W3_X1_X0   0xc8037c01u /* stxr  w3, x1, [x0]      */
#define I_LDADD_X1_X2_X0  0xf8210002u /* ldadd x1, x2, [x0]      */
#define I_CAS_X1_X2_X0    0xc8a17c02u /* cas   x1, x2, [x0]      */
#define I_DC_CIVAC_X0     0xd50b7e20u /* dc    civac, x0         */
#define I_DC_IVAC_X0      0xd5087620u /* dc    ivac, x0          */
#define I_DC_ZVA_X0       0xd50b7420u /* dc    zva, x0           */
#define I_NOP             0xd503201fu /* nop                     */

#endif
