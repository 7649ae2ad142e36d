/*
 * The case loop of the CPU-oracle differentials: the classes --class
 * selects that the CPU can run, a quota of cases of each (with --index only
 * that one), and every CLASS_LOOP_CHECK cases, and at the end, a check that
 * nothing changed outside the windows the cases predicted.
 */
#ifndef SUPPORT_CLASS_LOOP_H
#define SUPPORT_CLASS_LOOP_H

#include <stdint.h>

#define CLASS_LOOP_CHECK 4096u

struct class_loop {
	const char *prog;                        /* for the messages           */
	unsigned n;                              /* classes                    */
	const char *(*name)(unsigned ci);
	int (*supported)(unsigned ci);           /* 0: skipped (it says why)   */
	void (*run)(unsigned ci, uint64_t index);
	int (*intact)(void);                     /* the buffer is as it was    */
	const char *changed;                     /* what a failed intact() means */
};

/* sel[ci] = 1 for the classes to run: only (all when NULL) and supported.
 * Returns how many, or -1 when no class has that name (said on stderr). */
int class_select(const struct class_loop *l, const char *only, uint8_t *sel);

/* Cases [0, quota) of each selected class, or with index >= 0 case index;
 * returns how many ran. A harness error (intact() fails) ends the program
 * with status 3. */
uint64_t class_run(const struct class_loop *l, const uint8_t *sel, uint64_t quota, int64_t index);

#endif
