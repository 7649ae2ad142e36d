/* The memory callbacks (memctx.h). */
#include "memctx.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

void memctx_init(struct memctx *m, const struct sve_pt *pt, const struct scase *c, const struct native_env *env)
{
	memset(m, 0, sizeof *m);
	m->pt = pt;
	m->c = c;
	m->lo = (uint64_t)(uintptr_t)env->buf;
	m->hi = m->lo + env->bufsz;
	m->guard_lo = env->guard_lo;
	m->guard_hi = env->guard_hi;
}

static void mem_error(struct memctx *m, const char *what, uint64_t ipa, uint32_t len, unsigned flags)
{
	uint64_t va = sve_pt_ipa(m->pt, ipa);

	if (m->nerr < 4) {
		if (va != ipa)
			snprintf(m->err[m->nerr], sizeof m->err[0], "%s: ipa 0x%" PRIx64 " (va 0x%" PRIx64 ") len %u flags 0x%x",
			         what, ipa, va, len, flags);
		else
			snprintf(m->err[m->nerr], sizeof m->err[0], "%s: ipa 0x%" PRIx64 " len %u flags 0x%x", what, ipa, len,
			         flags);
	}
	m->nerr++;
}

/* A data piece: its host address, or 0 when it must not be performed. */
static uint64_t mem_check(struct memctx *m, uint64_t ipa, uint32_t len, unsigned flags, int write)
{
	const struct scase *c = m->c;
	uint64_t a = sve_pt_ipa(m->pt, ipa), i;
	int outside = 0;
	unsigned extra = 0;

	m->ndata++;
	if (len == 0 || len > 16 || (len & (len - 1)) || (ipa & (len - 1)))
		mem_error(m, write ? "write piece not naturally aligned or bad size"
		                   : "read piece not naturally aligned or bad size",
		          ipa, len, flags);
	if (a < m->lo || a > m->hi || len > m->hi - a) {
		mem_error(m, write ? "write out of the buffer" : "read out of the buffer", ipa, len, flags);
		return 0;
	}
	if (a + len > m->guard_lo && a < m->guard_hi) {
		mem_error(m, write ? "write to the unmapped (guard) page" : "read of the unmapped (guard) page", ipa, len,
		          flags);
		return 0;
	}
	for (i = 0; i < len; i++) {
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
		mem_error(m, write ? "write of bytes no active element touches" : "read of bytes no active element touches",
		          ipa, len, flags);
	else if (write && !c->store)
		mem_error(m, "write by a load", ipa, len, flags);
	else if (!write && c->store)
		mem_error(m, "read by a store", ipa, len, flags);
	if (m->t_lo == m->t_hi) {
		m->t_lo = a;
		m->t_hi = a + len;
	} else {
		if (a < m->t_lo)
			m->t_lo = a;
		if (a + len > m->t_hi)
			m->t_hi = a + len;
	}
	return a;
}

static int mem_read(void *ctx, uint64_t ipa, void *buf, uint32_t len, unsigned flags)
{
	struct memctx *m = ctx;
	uint64_t a;

	if (flags & NISV_MEM_WALK) { /* a descriptor (the tables are mapped 1:1) */
		if (ipa < m->pt->lo || ipa >= m->pt->hi || len != 8 || (ipa & 7)) {
			mem_error(m, "walk read outside the translation tables", ipa, len, flags);
			return -1;
		}
		m->nwalk++;
		memcpy(buf, (const void *)(uintptr_t)ipa, len);
		return 0;
	}
	if (flags & NISV_MEM_FETCH) {
		m->nfetch++;
		if (ipa != m->fetch_ipa || len != 4) {
			mem_error(m, "instruction fetch from the wrong IPA or of the wrong size", ipa, len, flags);
			return -1;
		}
		memcpy(buf, (const void *)(uintptr_t)ipa, len); /* the stub page is identity-mapped */
		return 0;
	}
	a = mem_check(m, ipa, len, flags, 0);
	if (!a)
		return -1;
	memcpy(buf, (const void *)(uintptr_t)a, len);
	return 0;
}

static int mem_write(void *ctx, uint64_t ipa, const void *buf, uint32_t len, unsigned flags)
{
	struct memctx *m = ctx;
	uint64_t a = mem_check(m, ipa, len, flags, 1);

	if (!a)
		return -1;
	memcpy((void *)(uintptr_t)a, buf, len);
	return 0;
}

static void mem_lock(void *ctx)
{
	struct memctx *m = ctx;

	if (m->lock_depth != 0)
		mem_error(m, "lock while locked", 0, 0, 0);
	m->lock_depth++;
}

static void mem_unlock(void *ctx)
{
	struct memctx *m = ctx;

	if (m->lock_depth != 1)
		mem_error(m, "unlock while not locked", 0, 0, 0);
	m->lock_depth--;
}

/* The translation tables as the RAM ram_map offers; data stays behind
 * read()/write(). */
static const void *mem_ram_map(void *ctx, uint64_t ipa, uint64_t *base, uint64_t *size)
{
	struct memctx *m = ctx;

	if (ipa < m->pt->lo || ipa >= m->pt->hi)
		return NULL;
	m->nwalk++;
	*base = m->pt->lo;
	*size = m->pt->hi - m->pt->lo;
	return (const void *)(uintptr_t)m->pt->lo;
}

const nisv_mem_ops memctx_ops = {.read = mem_read, .write = mem_write, .lock = mem_lock, .unlock = mem_unlock};
const nisv_mem_ops memctx_ops_mapped = {
	.read = mem_read, .write = mem_write, .lock = mem_lock, .unlock = mem_unlock, .ram_map = mem_ram_map};
