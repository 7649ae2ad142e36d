/*
 * The instruction an MSR/MRS/SYS (EC 0x18) or MSRR/MRRS/SYSP (EC 0x14)
 * syndrome describes, with the names of sysreg_names.c (see sysreg.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sysreg.h"

static int by_enc(const void *key, const void *row)
{
	uint16_t a = *(const uint16_t *)key, b = ((const struct sysreg_name *)row)->enc;
	return (a > b) - (a < b);
}

/* The row for enc whose flags have the direction of want, with SR_PAIR as
 * want has it. */
static const struct sysreg_name *find(uint16_t enc, unsigned want)
{
	const struct sysreg_name *end = sysreg_names + sysreg_name_count;
	const struct sysreg_name *r = bsearch(&enc, sysreg_names, sysreg_name_count, sizeof(*r), by_enc);

	if (!r)
		return NULL;
	while (r > sysreg_names && r[-1].enc == enc)
		r--;
	for (; r < end && r->enc == enc; r++)
		if ((r->flags & want & (SR_READ | SR_WRITE)) && (r->flags & SR_PAIR) == (want & SR_PAIR))
			return r;
	return NULL;
}

/* "x5", "xzr"; with pair, "x4, x5" (Rt is even; x31 is xzr) */
static void reg_text(unsigned rt, int pair, char *out, size_t n)
{
	if (pair)
		snprintf(out, n, rt + 1 == 31 ? "x%u, xzr" : "x%u, x%u", rt, rt + 1);
	else
		snprintf(out, n, rt == 31 ? "xzr" : "x%u", rt);
}

/* tmpl with its % replaced by reg; with reg "", without the % and its comma */
static void fill(const char *tmpl, const char *reg, char *out, size_t n)
{
	static const char *const cut[] = { ", %", " %,", " %" };
	const char *at = strchr(tmpl, '%');
	size_t len = 1;

	for (size_t i = 0; at && !*reg && i < sizeof(cut) / sizeof(cut[0]); i++)
		if (strstr(tmpl, cut[i])) {
			at = strstr(tmpl, cut[i]);
			len = strlen(cut[i]);
			break;
		}
	if (!at)
		snprintf(out, n, "%s", tmpl);
	else
		snprintf(out, n, "%.*s%s%s", (int)(at - tmpl), tmpl, reg, at + len);
}

void sysreg_access(uint32_t iss, int pair, struct sysreg_access *out)
{
	unsigned op0 = iss >> 20 & 3, op2 = iss >> 17 & 7, op1 = iss >> 14 & 7, crn = iss >> 10 & 15;
	unsigned crm = iss >> 1 & 15, read = iss & 1;
	unsigned rt = pair ? (iss >> 6 & 15) * 2 : iss >> 5 & 31;
	unsigned want = (read ? SR_READ : SR_WRITE) | (pair && op0 == 1 ? SR_PAIR : 0);
	const struct sysreg_name *r = find(SR(op0, op1, crn, crm, op2), want);
	const char *mnemonic = pair ? (read ? "MRRS" : "MSRR") : (read ? "MRS" : "MSR");
	int hide_reg = op0 == 1 && !pair && rt == 31;
	char reg[16];

	snprintf(out->encoding, sizeof(out->encoding), "S%u_%u_C%u_C%u_%u", op0, op1, crn, crm, op2);
	reg_text(rt, pair, reg, sizeof(reg));
	out->name[0] = 0;
	if (r)
		fill(r->text, "", out->name, sizeof(out->name));

	if (op0 >= 2 && read)
		snprintf(out->insn, sizeof(out->insn), "%s %s, %s", mnemonic, reg, r ? r->text : out->encoding);
	else if (op0 >= 2)
		snprintf(out->insn, sizeof(out->insn), "%s %s, %s", mnemonic, r ? r->text : out->encoding, reg);
	else if (r)
		fill(r->text, hide_reg && (r->flags & SR_XZR_HIDDEN) ? "" : reg, out->insn, sizeof(out->insn));
	else if (op0 == 1 && read)
		snprintf(out->insn, sizeof(out->insn), "SYSL %s, #%u, C%u, C%u, #%u", reg, op1, crn, crm, op2);
	else if (op0 == 1) /* as LLVM: SYS without XZR */
		snprintf(out->insn, sizeof(out->insn), "%s #%u, C%u, C%u, #%u%s%s", pair ? "SYSP" : "SYS", op1, crn,
			 crm, op2, hide_reg ? "" : ", ", hide_reg ? "" : reg);
	else
		snprintf(out->insn, sizeof(out->insn), "%s", out->encoding);
}
