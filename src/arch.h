/* Architectural register fields the emulator uses (Arm ARM DDI 0487). */
#ifndef NISV_ARCH_H
#define NISV_ARCH_H

/* SCTLR_EL1 (Arm ARM D19.2 "SCTLR_EL1") */
#define SCTLR_A (1ull << 1)
#define SCTLR_DSSBS (1ull << 44)
#define SCTLR_DZE (1ull << 14)
#define SCTLR_E0E (1ull << 24)
#define SCTLR_EE (1ull << 25)
#define SCTLR_M (1ull << 0)
#define SCTLR_NAA (1ull << 6)
#define SCTLR_SA (1ull << 3)
#define SCTLR_SA0 (1ull << 4)
#define SCTLR_SPAN (1ull << 23)
#define SCTLR_UCI (1ull << 26)
#define SCTLR_WXN (1ull << 19)

/* TCR_EL1 (D19.2 "TCR_EL1") */
#define TCR_DS (1ull << 59)
#define TCR_E0PD0 (1ull << 55)
#define TCR_EPD0 (1ull << 7)
#define TCR_EPD1 (1ull << 23)
#define TCR_HA (1ull << 39)
#define TCR_HD (1ull << 40)
#define TCR_HPD0 (1ull << 41)
#define TCR_IPS(t) ((unsigned)((t) >> 32) & 7)
#define TCR_TBI0 (1ull << 37)
#define TCR_TBID0 (1ull << 51)

/* Stage-1 descriptors (D8.3 "Translation table descriptor formats") */
#define DESC_AF (1ull << 10)
#define DESC_AP1 (1ull << 6) /* EL0 access */
#define DESC_AP2 (1ull << 7) /* read-only  */
#define DESC_DBM (1ull << 51)
#define DESC_PXN (1ull << 53)
#define DESC_TABLE 2ull
#define DESC_UXN (1ull << 54)
#define DESC_VALID 1ull

/* ESR_ELx (D19.2 "ESR_EL2"): exception classes and Data Abort ISS */
#define EC_DABT_CUR 0x25u
#define EC_DABT_LOWER 0x24u
#define EC_IABT_LOWER 0x20u
#define EC_PC_ALIGN 0x22u
#define EC_SP_ALIGN 0x26u
#define EC_SYS 0x18u
#define EC_UNKNOWN 0x00u
#define ESR_IL (1ull << 25)
#define ISS_AR (1ull << 14)
#define ISS_CM (1ull << 8)
#define ISS_FNV (1ull << 10)
#define ISS_ISV (1ull << 24)
#define ISS_S1PTW (1ull << 7)
#define ISS_SAS(e) ((unsigned)((e) >> 22) & 3)
#define ISS_SF (1ull << 15)
#define ISS_SRT(e) ((uint8_t)(((e) >> 16) & 31))
#define ISS_SSE (1ull << 21)
#define ISS_WNR (1ull << 6)

/* PSTATE as saved in SPSR_EL1 (C5.2.18) */
#define PSTATE_EL(p) (((p) >> 2) & 3)
#define PSTATE_SP(p) ((p)&1)
#define PSTATE_NRW (1ull << 4) /* AArch32 */
#define PSTATE_DAIF (0xfull << 6)
#define PSTATE_DIT (1ull << 24)
#define PSTATE_EL1H 0x5ull
#define PSTATE_NZCV 0xf0000000ull
#define PSTATE_PAN (1ull << 22)
#define PSTATE_SSBS (1ull << 12)
#define PSTATE_TCO (1ull << 25)
#define PSTATE_UAO (1ull << 23)

/* SVCR.SM: streaming SVE mode, SVCR.ZA: ZA storage on (FEAT_SME) */
#define SVCR_SM 1u
#define SVCR_ZA 2u
/* SMCR_EL1.EZT0: ZT0 is accessible (FEAT_SME2) */
#define SMCR_EZT0 (1ull << 30)

#endif
