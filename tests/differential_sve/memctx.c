/* The data-piece rule (memctx.h). */
#include "memctx.h"

#include <string.h>

/*
 * A gather's or scatter's piece: inside one active element (each element
 * is an access of its own), and in element order: that of the previous
 * piece or a later one. Returns what is wrong, or NULL.
 */
static const char *gather_rule(struct memctx *m, const struct scase *c, uint64_t a, uint32_t len, int write)
{
	int e = gather_piece_elem(c, a, len, m->elem);

	if (e == -1)
		return write ? "write out of element order" : "read out of element order";
	if (e < 0)
		return write ? "write not inside one active element" : "read not inside one active element";
	m->elem = (unsigned)e;
	return NULL;
}

static int sve_piece(struct memcheck *mc, uint64_t a, uint64_t ipa, uint32_t len, unsigned flags, int write)
{
	struct memctx *m = mc->rule;
	const struct scase *c = m->c;
	int outside = 0;
	unsigned extra = 0;
	const char *gbad = NULL;

	if (a + len > m->guard_lo && a < m->guard_hi) {
		memcheck_error(mc, write ? "write to the unmapped (guard) page" : "read of the unmapped (guard) page", ipa,
		               len, flags);
		return -1;
	}
	if (c->shape == SK_GATHER)
		gbad = gather_rule(m, c, a, len, write);
	for (uint64_t i = 0; i < len; i++) {
		uint64_t o = a + i - c->ea;

		/* LDFF1/LDNF1 may read any active element (a gather's: gather_rule) */
		if (a + i < c->ea || o >= c->span) {
			outside = 1;
		} else if (!c->act[o] && !(c->ff && (c->shape == SK_GATHER ||
		                                     pred_active(c->st.p[c->pg], (unsigned)(o >> c->msz), c->esz)))) {
			outside = 1;
		} else {
			extra |= m->cnt[o] >= c->act[o] ? 1u : 0u;
			if (m->cnt[o] < 255)
				m->cnt[o]++;
		}
	}
	m->nextra += extra;
	if (gbad && !outside)
		memcheck_error(mc, gbad, ipa, len, flags);
	else if (outside)
		memcheck_error(mc, write ? "write of bytes no active element touches"
		                         : "read of bytes no active element touches",
		               ipa, len, flags);
	else if (write && !c->store)
		memcheck_error(mc, "write by a load", ipa, len, flags);
	else if (!write && c->store)
		memcheck_error(mc, "read by a store", ipa, len, flags);
	return 0;
}

void memctx_init(struct memctx *m, const struct el0_pt *pt, const struct scase *c, const struct native_env *env)
{
	uint64_t buf = (uint64_t)(uintptr_t)env->buf;

	memcheck_init(&m->mc, pt, buf, buf + env->bufsz, sve_piece, m);
	m->c = c;
	m->guard_lo = env->guard_lo;
	m->guard_hi = env->guard_hi;
	memset(m->cnt, 0, c->span); /* the bytes the rule counts */
	m->nextra = 0;
	m->elem = 0;
}
