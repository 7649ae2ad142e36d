/*
 * The EL2 example's memory map and interfaces, shared by the hypervisor
 * (hyp_*.c, EL2) and its host (host_*.c, EL1). The machine is QEMU's virt
 * board: -M virt,virtualization=on,gic-version=3 -cpu max -smp 2 -m 128M.
 *
 *   0x09000000  PL011 UART       mapped in the host's stage 2 (never traps)
 *   0x0b000000  protected device 4 KiB, NOT mapped in stage 2: every host
 *                                access traps to EL2, which emulates it with
 *                                nisv (registers below)
 *   0x0b001000  nothing          the page after the device: not mapped either
 *   0x40000000  RAM (128 MiB)    the host's, identity-mapped in stage 2,
 *                                except the hypervisor's 2 MiB:
 *   0x40200000  hypervisor       image, stacks, page tables, nisv state:
 *                                unmapped from the host (pKVM-style)
 *   0x40400000  host image       entered at EL1 with x0 = CPU index; its
 *                                stacks at the end of RAM, 64 KiB per CPU
 */
#ifndef EL2_H
#define EL2_H

#define UART_BASE 0x09000000ul
#define UART_DR 0x000
#define UART_FR 0x018
#define UART_FR_TXFF (1u << 5)

#define RAM_BASE 0x40000000ul
#define RAM_SIZE 0x08000000ul
#define HYP_BASE 0x40200000ul
#define HYP_SIZE 0x00200000ul
#define HOST_BASE 0x40400000ul

#define NCPUS 2
#define HYP_STACK 0x10000 /* EL2 stack per CPU (hyp.ld reserves NCPUS of them) */

/*
 * The protected device: a 4 KiB register block. Any access width (1-16
 * bytes); LSE atomics and CAS allowed (performed under the hypervisor's bus
 * lock); exclusives refused (DFSC 0x35).
 */
#define PDEV_BASE 0x0b000000ul
#define PDEV_SIZE 0x1000ul
#define PDEV_ID 0x000      /* R: PDEV_ID_VALUE; writes are ignored          */
#define PDEV_COUNTER 0x008 /* RW: a 64-bit counter (the SMP LDADD target)   */
#define PDEV_TICKET 0x010  /* R: returns n, then n + 1: once per access     */
#define PDEV_SCRATCH 0x100 /* RW: scratch bytes up to the end of the block  */
#define PDEV_ID_VALUE 0x32656c2d7673696eul /* "nisv-el2" in memory order */

/*
 * Hypercalls (HVC #0, SMCCC: function in x0, arguments x1-x3, results
 * x0-x3). PSCI calls are proxied to the firmware (QEMU's, through SMC);
 * the host's SMCs trap to EL2 (HCR_EL2.TSC) and are handled the same way.
 */
#define PSCI_VERSION 0x84000000u
#define PSCI_CPU_ON 0xc4000003u
#define PSCI_SYSTEM_OFF 0x84000008u
#define HC_REPORT 0xc6000001u     /* x1 checks passed, x2 failed: print the
                                     summary line, power off              */
#define HC_LAST_FAULT 0xc6000002u /* -> x0 faults nisv injected into this
                                     CPU, x1 the last one's ESR_EL1, x2 its
                                     FAR_EL1                                */

#endif
