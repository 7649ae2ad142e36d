/* The classes the SVE differential runs, in report order: name,
 * generator, needs FEAT_F64MM, judged by the LDFF1/LDNF1 rule. */
#include "sgen.h"

const struct sclass sclasses[] = {
	{"ld1_imm", gen_ld1_imm, 0, 0},     {"ld1_reg", gen_ld1_reg, 0, 0},     {"ldnt1_imm", gen_ldnt1_imm, 0, 0},
	{"ldnt1_reg", gen_ldnt1_reg, 0, 0}, {"st1_imm", gen_st1_imm, 0, 0},     {"st1_reg", gen_st1_reg, 0, 0},
	{"stnt1_imm", gen_stnt1_imm, 0, 0}, {"stnt1_reg", gen_stnt1_reg, 0, 0}, {"ldn_imm", gen_ldn_imm, 0, 0},
	{"ldn_reg", gen_ldn_reg, 0, 0},     {"stn_imm", gen_stn_imm, 0, 0},     {"stn_reg", gen_stn_reg, 0, 0},
	{"ldr_z", gen_ldr_z, 0, 0},         {"str_z", gen_str_z, 0, 0},         {"ldr_p", gen_ldr_p, 0, 0},
	{"str_p", gen_str_p, 0, 0},         {"ld1r", gen_ld1r, 0, 0},           {"ld1rq_imm", gen_ld1rq_imm, 0, 0},
	{"ld1rq_reg", gen_ld1rq_reg, 0, 0}, {"ld1ro_imm", gen_ld1ro_imm, 1, 0}, {"ld1ro_reg", gen_ld1ro_reg, 1, 0},
	{"ldff1_reg", gen_ldff1_reg, 0, 1}, {"ldnf1_imm", gen_ldnf1_imm, 0, 1},
};

const unsigned nsclasses = sizeof sclasses / sizeof sclasses[0];
