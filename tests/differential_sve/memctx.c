/* The data-piece rule (memctx.h). */
#include "memctx.h"

#include <string.h>

static int sve_piece(struct memcheck *mc, uint64_t a, uint64_t ipa, uint32_t len, unsigned flags, int write)
{
	struct memctx *m = mc->rule;
	const struct scase *c = m->c;
	int outside = 0;
	unsigned extra = 0;

	if (a + len > m->guard_lo && a < m->guard_hi) {
		memcheck_error(mc, write ? "write to the unmapped (guard) page" : "read of the unmapped (guard) page", ipa,
		               len, flags);
		return -1;
	}
	for (uint64_t i = 0; i < len; i++) {
		uint64_t o = a + i - c->ea;

		if (a + i < c->ea || o >= c->span) {
			outside = 1;
		} else if (!c->act[o] && !(c->ff && pred_active(c->st.p[c->pg], (unsigned)(o >> c->msz), c->esz))) {
			outside = 1;
		} else {
			extra |= !c->act[o] ? 1u : 0u;
			if (m->cnt[o] < 255)
				m->cnt[o]++;
		}
	}
	m->nextra += extra;
	if (outside)
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
	memset(m->cnt, 0, sizeof m->cnt);
	m->nextra = 0;
}
