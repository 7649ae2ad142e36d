/*
 * The example platform: the guest-physical memory map the example VMM
 * (examples/vmm) provides and the bare-metal guests (examples/guests) use.
 *
 *   0x09000000  UART (4 KiB)     PL011-like: DR at +0x000 (write a byte),
 *                                FR at +0x018 (reads 0: never busy), and a
 *                                TX burst window at +0x800..+0xfff: every
 *                                byte written there is output in address
 *                                order, NUL bytes skipped (any width, like a
 *                                write-combining BAR).
 *   0x0a000000  test registers   see TEST_* below; 1/2/4/8-byte accesses
 *   0x0a001000  test window      4 KiB of device-backed storage, any width up
 *                                to 16 bytes; exclusives and atomics allowed
 *   0x0b000000  hole             nothing: every access is an external abort
 *   0x40000000  RAM (16 MiB)     the image is loaded at its start and entered
 *                                there on every vCPU with x0 = vCPU index,
 *                                x1 = number of vCPUs, MMU off, EL1h, DAIF set
 */
#ifndef NISV_EXAMPLE_PLATFORM_H
#define NISV_EXAMPLE_PLATFORM_H

#define PLAT_UART_BASE 0x09000000ull
#define PLAT_UART_SIZE 0x1000ull
#define UART_DR 0x000
#define UART_FR 0x018
#define UART_WINDOW 0x800
#define UART_WINDOW_SIZE 0x800

#define PLAT_TEST_BASE 0x0a000000ull
#define PLAT_TEST_SIZE 0x1000ull
#define TEST_DONE 0x00    /* W: verdict, 0 = pass; ends the VM            */
#define TEST_ID 0x08      /* R: TEST_ID_VALUE                             */
#define TEST_NCPUS 0x10   /* R: number of vCPUs                           */
#define TEST_LOG 0x18     /* W: a checkpoint number, logged by the VMM    */
#define TEST_COUNTER 0x20 /* R: returns a counter, then increments it     */
#define TEST_SCRATCH 0x100 /* RW: 32 64-bit registers, 0x100..0x1ff       */
#define TEST_SCRATCH_COUNT 32
#define TEST_ID_VALUE 0x747365747673696eull /* "nisvtest" in memory order */

#define PLAT_WIN_BASE 0x0a001000ull
#define PLAT_WIN_SIZE 0x1000ull

#define PLAT_HOLE 0x0b000000ull

#define PLAT_RAM_BASE 0x40000000ull
#define PLAT_RAM_SIZE 0x01000000ull

#endif
