/* The classes the SVE differential runs, in report order: name, generator
 * and its argument, needs FEAT_F64MM, judged by the LDFF1/LDNF1 rule. */
#include "sgen.h"

const struct sclass sclasses[] = {
	{"ld1_imm", gen_cont, G_ARG(CF_LD1), 0, 0},
	{"ld1_reg", gen_cont, G_ARG(CF_LD1) | G_REG, 0, 0},
	{"ldnt1_imm", gen_cont, G_ARG(CF_LDNT1), 0, 0},
	{"ldnt1_reg", gen_cont, G_ARG(CF_LDNT1) | G_REG, 0, 0},
	{"st1_imm", gen_cont, G_ARG(CF_ST1), 0, 0},
	{"st1_reg", gen_cont, G_ARG(CF_ST1) | G_REG, 0, 0},
	{"stnt1_imm", gen_cont, G_ARG(CF_STNT1), 0, 0},
	{"stnt1_reg", gen_cont, G_ARG(CF_STNT1) | G_REG, 0, 0},
	{"ldn_imm", gen_ldn, 0, 0, 0},
	{"ldn_reg", gen_ldn, G_REG, 0, 0},
	{"stn_imm", gen_ldn, G_STORE, 0, 0},
	{"stn_reg", gen_ldn, G_STORE | G_REG, 0, 0},
	{"ldr_z", gen_ldr, 0, 0, 0},
	{"str_z", gen_ldr, G_STORE, 0, 0},
	{"ldr_p", gen_ldr, G_PREG, 0, 0},
	{"str_p", gen_ldr, G_STORE | G_PREG, 0, 0},
	{"ld1r", gen_ld1r, 0, 0, 0},
	{"ld1rq_imm", gen_ld1rqo, G_ARG(16), 0, 0},
	{"ld1rq_reg", gen_ld1rqo, G_ARG(16) | G_REG, 0, 0},
	{"ld1ro_imm", gen_ld1rqo, G_ARG(32), 1, 0},
	{"ld1ro_reg", gen_ld1rqo, G_ARG(32) | G_REG, 1, 0},
	{"ldff1_reg", gen_ldff1, 0, 0, 1},
	{"ldnf1_imm", gen_cont, G_ARG(CF_LDNF1), 0, 1},
};

const unsigned nsclasses = sizeof sclasses / sizeof sclasses[0];
