/* The checking memory callbacks (memcheck.h). */
#include "memcheck.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "range.h"

void memcheck_init(struct memcheck *m, const struct el0_pt *pt, uint64_t buf_lo, uint64_t buf_hi,
                   memcheck_piece_fn *piece, void *rule)
{
	memset(m, 0, sizeof *m);
	m->pt = pt;
	m->lo = buf_lo;
	m->hi = buf_hi;
	m->piece = piece;
	m->rule = rule;
}

void memcheck_error(struct memcheck *m, const char *what, uint64_t ipa, uint32_t len, unsigned flags)
{
	uint64_t va = el0_pt_ipa(m->pt, ipa);

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

void memcheck_verdict(struct verdict *v, const struct memcheck *m)
{
	for (unsigned i = 0; i < m->nerr && i < 4; i++)
		bad(v, "memory callback: %s", m->err[i]);
	if (m->nerr > 4)
		bad(v, "memory callback: ... %u more errors", m->nerr - 4);
	if (m->lock_depth != 0)
		bad(v, "memory callback: lock left held");
}

/* A data piece: its host address, or 0 when it must not be performed. */
static uint64_t data_piece(struct memcheck *m, uint64_t ipa, uint32_t len, unsigned flags, int write)
{
	uint64_t a = el0_pt_ipa(m->pt, ipa);

	m->ndata++;
	if (len == 0 || len > 16 || (len & (len - 1)) || (ipa & (len - 1)))
		memcheck_error(m, write ? "write piece not naturally aligned or bad size"
		                        : "read piece not naturally aligned or bad size",
		               ipa, len, flags);
	if (a < m->lo || a > m->hi || len > m->hi - a) {
		memcheck_error(m, write ? "write out of the buffer" : "read out of the buffer", ipa, len, flags);
		return 0;
	}
	if (m->piece(m, a, ipa, len, flags, write) != 0)
		return 0;
	range_hull(&m->t_lo, &m->t_hi, a, a + len);
	return a;
}

static int mem_read(void *ctx, uint64_t ipa, void *buf, uint32_t len, unsigned flags)
{
	struct memcheck *m = ctx;
	uint64_t a;

	if (flags & NISV_MEM_WALK) { /* a descriptor (the tables are mapped 1:1) */
		if (ipa < m->pt->lo || ipa >= m->pt->hi || len != 8 || (ipa & 7)) {
			memcheck_error(m, "walk read outside the translation tables", ipa, len, flags);
			return -1;
		}
		m->ndesc++;
		m->nwalk++;
		memcpy(buf, (const void *)(uintptr_t)ipa, len);
		return 0;
	}
	if (flags & NISV_MEM_FETCH) {
		if (m->no_fetch) {
			memcheck_error(m, "instruction fetch although ISV = 1 describes the access", ipa, len, flags);
			return -1;
		}
		if (ipa != m->fetch_ipa || len != 4) {
			memcheck_error(m, "instruction fetch from the wrong IPA or of the wrong size", ipa, len, flags);
			return -1;
		}
		memcpy(buf, (const void *)(uintptr_t)el0_pt_ipa(m->pt, ipa), len);
		return 0;
	}
	a = data_piece(m, ipa, len, flags, 0);
	if (!a)
		return -1;
	memcpy(buf, (const void *)(uintptr_t)a, len);
	return 0;
}

static int mem_write(void *ctx, uint64_t ipa, const void *buf, uint32_t len, unsigned flags)
{
	struct memcheck *m = ctx;
	uint64_t a = data_piece(m, ipa, len, flags, 1);

	if (!a)
		return -1;
	memcpy((void *)(uintptr_t)a, buf, len);
	return 0;
}

static void mem_lock(void *ctx)
{
	struct memcheck *m = ctx;

	if (m->lock_depth != 0)
		memcheck_error(m, "lock while locked", 0, 0, 0);
	m->lock_depth++;
}

static void mem_unlock(void *ctx)
{
	struct memcheck *m = ctx;

	if (m->lock_depth != 1)
		memcheck_error(m, "unlock while not locked", 0, 0, 0);
	m->lock_depth--;
}

/* The translation tables (mapped 1:1) as the RAM that ram_map offers; the
 * code and data pages stay behind read()/write(). */
static const void *mem_ram_map(void *ctx, uint64_t ipa, uint64_t *base, uint64_t *size)
{
	struct memcheck *m = ctx;

	if (ipa < m->pt->lo || ipa >= m->pt->hi)
		return NULL;
	m->nwalk++; /* a walk is under way */
	*base = m->pt->lo;
	*size = m->pt->hi - m->pt->lo;
	return (const void *)(uintptr_t)m->pt->lo;
}

const nisv_mem_ops memcheck_ops = {.read = mem_read, .write = mem_write, .lock = mem_lock, .unlock = mem_unlock};
const nisv_mem_ops memcheck_ops_mapped = {
	.read = mem_read, .write = mem_write, .lock = mem_lock, .unlock = mem_unlock, .ram_map = mem_ram_map};
