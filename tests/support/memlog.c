/* A logging wrapper around any nisv_mem_ops (memlog.h). */
#include "memlog.h"

#include <string.h>

static void log_access(struct memlog *m, uint64_t ipa, uint32_t len, unsigned flags, int write)
{
	if (m->nlog < sizeof m->log / sizeof m->log[0])
		m->log[m->nlog] = (struct memlog_access){ .ipa = ipa, .len = len, .flags = flags, .write = (uint8_t)write };
	m->nlog++;
}

static int ml_read(void *ctx, uint64_t ipa, void *buf, uint32_t len, unsigned flags)
{
	struct memlog *m = ctx;

	if (flags & NISV_MEM_WALK) {
		m->walk_reads++;
	} else if (flags & NISV_MEM_FETCH) {
		m->fetches++;
	} else {
		m->reads++;
		m->read_flags |= flags;
		log_access(m, ipa, len, flags, 0);
	}
	return m->inner->read(m->inner_ctx, ipa, buf, len, flags);
}

static int ml_write(void *ctx, uint64_t ipa, const void *buf, uint32_t len, unsigned flags)
{
	struct memlog *m = ctx;

	m->writes++;
	m->write_flags |= flags;
	if (!(flags & NISV_MEM_WALK))
		log_access(m, ipa, len, flags, 1);
	return m->inner->write(m->inner_ctx, ipa, buf, len, flags);
}

static void ml_lock(void *ctx)
{
	struct memlog *m = ctx;

	m->locks++;
	if (m->inner->lock)
		m->inner->lock(m->inner_ctx);
}

static void ml_unlock(void *ctx)
{
	struct memlog *m = ctx;

	if (m->inner->unlock)
		m->inner->unlock(m->inner_ctx);
}

static int ml_cas64(void *ctx, uint64_t ipa, uint64_t *expected, uint64_t desired)
{
	struct memlog *m = ctx;

	m->cas++;
	return m->inner->cas64 ? m->inner->cas64(m->inner_ctx, ipa, expected, desired) : -1;
}

static int ml_check(void *ctx, nisv_access *a)
{
	struct memlog *m = ctx;
	int fault;

	m->checks++;
	fault = m->inner->check ? m->inner->check(m->inner_ctx, a) : 0;
	a->device = NULL;
	return fault;
}

static const void *ml_ram_map(void *ctx, uint64_t ipa, uint64_t *base, uint64_t *size)
{
	struct memlog *m = ctx;
	int mode = m->ram_map_mode ? *m->ram_map_mode : 1;
	const void *host;

	m->ram_maps++;
	if (!mode || !m->inner->ram_map || !(host = m->inner->ram_map(m->inner_ctx, ipa, base, size)))
		return 0;
	if (mode == 2)
		*size = ipa - *base;
	return host;
}

const nisv_mem_ops memlog_ops = { .read = ml_read, .write = ml_write, .lock = ml_lock, .unlock = ml_unlock,
	                          .cas64 = ml_cas64, .check = ml_check, .ram_map = ml_ram_map };

void memlog_init(struct memlog *m, const nisv_mem_ops *inner, void *inner_ctx)
{
	*m = (struct memlog){ .inner = inner, .inner_ctx = inner_ctx };
}

void memlog_clear(struct memlog *m)
{
	struct memlog keep = { .inner = m->inner, .inner_ctx = m->inner_ctx, .ram_map_mode = m->ram_map_mode };

	*m = keep;
}
