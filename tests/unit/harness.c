/* The test vCPU: counting, checking, failure-injecting callbacks. */
#include "harness.h"

#include <string.h>

static int t_get(void *ctx, unsigned reg, uint64_t *val)
{
	struct test_regs *r = ctx;
	long idx = (long)r->gets++;

	if (reg >= NISV_REG_COUNT) {
		r->bad_index = 1;
		return -1;
	}
	if (idx == r->fail_get) {
		r->failed = 1;
		return -1;
	}
	r->get[reg]++;
	return nisv_state_reg_ops.get(&r->st, reg, val);
}

static int t_set(void *ctx, unsigned reg, uint64_t val)
{
	struct test_regs *r = ctx;
	long idx = (long)r->sets++;

	if (reg >= NISV_REG_COUNT) {
		r->bad_index = 1;
		return -1;
	}
	if (idx == r->fail_set) {
		r->failed = r->set_failed = 1;
		return -1;
	}
	r->set[reg]++;
	return nisv_state_reg_ops.set(&r->st, reg, val);
}

/* A whole register: V (16 bytes), Z (VL / 8), P or FFR (VL / 64), VL
 * 128..2048, ZT0 (64); a ZA row (SVL / 8) or, for a vertical tile slice,
 * one element of it (1-16 bytes, aligned). */
static int whole_vec(unsigned file, unsigned n, uint32_t offset, uint32_t len)
{
	if (offset && file != NISV_VFILE_ZA)
		return 0;
	switch (file) {
	case NISV_VFILE_V:
		return n < 32 && len == 16;
	case NISV_VFILE_Z:
		return n < 32 && len && len <= 256 && !(len & 15);
	case NISV_VFILE_P:
		return n < 16 && len && len <= 32 && !(len & 1);
	case NISV_VFILE_FFR:
		return n == 0 && len && len <= 32 && !(len & 1);
	case NISV_VFILE_ZA:
		return n < 256 && len && offset + len <= 256 &&
		       ((!offset && !(len & 15)) || (len <= 16 && !(len & (len - 1)) && !(offset % len)));
	case NISV_VFILE_ZT0:
		return n == 0 && len == 64;
	default:
		return 0;
	}
}

static int t_get_vec(void *ctx, unsigned file, unsigned n, uint32_t offset, void *buf, uint32_t len)
{
	struct test_regs *r = ctx;
	long idx = (long)r->gets++;

	if (!whole_vec(file, n, offset, len)) {
		r->bad_index = 1;
		return -1;
	}
	if (idx == r->fail_get) {
		r->failed = 1;
		return -1;
	}
	if (file <= NISV_VFILE_Z)
		r->get_v[n]++;
	/* a state without the SVE files has no Z or P registers */
	if (nisv_state_reg_ops.get_vec(&r->st, file, n, offset, buf, len)) {
		r->failed = 1;
		return -1;
	}
	return 0;
}

static int t_set_vec(void *ctx, unsigned file, unsigned n, uint32_t offset, const void *buf, uint32_t len)
{
	struct test_regs *r = ctx;
	long idx = (long)r->sets++;

	if (!whole_vec(file, n, offset, len)) {
		r->bad_index = 1;
		return -1;
	}
	if (idx == r->fail_set) {
		r->failed = r->set_failed = 1;
		return -1;
	}
	if (file <= NISV_VFILE_Z)
		r->set_v[n]++;
	if (nisv_state_reg_ops.set_vec(&r->st, file, n, offset, buf, len)) {
		r->failed = r->set_failed = 1;
		return -1;
	}
	return 0;
}

const nisv_reg_ops test_reg_ops = { .get = t_get, .set = t_set, .get_vec = t_get_vec, .set_vec = t_set_vec };

void test_regs_begin(struct test_regs *r)
{
	memset(r->get, 0, sizeof(r->get));
	memset(r->set, 0, sizeof(r->set));
	memset(r->get_v, 0, sizeof(r->get_v));
	memset(r->set_v, 0, sizeof(r->set_v));
	r->gets = r->sets = 0;
	r->failed = r->set_failed = 0;
	r->bad_index = 0;
}

/* The bytes behind [ipa, ipa + len), or NULL where there is no memory. */
static uint8_t *backing(struct test_mem *m, uint64_t ipa, uint32_t len)
{
	if (ipa >= RAM && ipa - RAM <= RAM_SIZE && len <= RAM_SIZE - (ipa - RAM))
		return m->ram + (ipa - RAM);
	if (ipa >= TABLES && ipa - TABLES <= TABLES_SIZE && len <= TABLES_SIZE - (ipa - TABLES))
		return m->tables + (ipa - TABLES);
	return NULL;
}

/* Common checks of one memory callback; returns the bytes or NULL (fail). */
static uint8_t *mem_call(struct test_mem *m, uint64_t ipa, uint32_t len, unsigned flags, int write)
{
	uint8_t *p = backing(m, ipa, len);
	long idx = (long)(m->calls + m->walk_calls);

	if (len == 0 || len > 16 || (len & (len - 1)) || (ipa & (len - 1)))
		m->piece_errors++;
	if ((flags & NISV_MEM_ATOMIC) && !m->locked)
		m->atomic_unlocked++;
	if (p && p >= m->tables && p < m->tables + TABLES_SIZE) {
		m->walk_calls++;
	} else {
		if (m->calls++ == 0) {
			m->flags_seen_and = flags;
			m->flags_seen_or = flags;
		} else {
			m->flags_seen_and &= flags;
			m->flags_seen_or |= flags;
		}
	}
	if (idx == m->fail_call || !p) {
		m->failed = 1;
		m->failed_write = write;
		return NULL;
	}
	return p;
}

static int t_read(void *ctx, uint64_t ipa, void *buf, uint32_t len, unsigned flags)
{
	struct test_mem *m = ctx;
	uint8_t *p = mem_call(m, ipa, len, flags, 0);

	if (!p)
		return -1;
	memcpy(buf, p, len);
	m->reads++;
	return 0;
}

static int t_write(void *ctx, uint64_t ipa, const void *buf, uint32_t len, unsigned flags)
{
	struct test_mem *m = ctx;
	uint8_t *p = mem_call(m, ipa, len, flags, 1);

	if (!p)
		return -1;
	memcpy(p, buf, len);
	m->writes++;
	return 0;
}

static void t_lock(void *ctx)
{
	struct test_mem *m = ctx;

	if (m->locked)
		m->lock_errors++;
	m->locked = 1;
}

static void t_unlock(void *ctx)
{
	struct test_mem *m = ctx;

	if (!m->locked)
		m->lock_errors++;
	m->locked = 0;
}

const nisv_mem_ops test_mem_ops = { .read = t_read, .write = t_write, .lock = t_lock, .unlock = t_unlock };

void test_mem_begin(struct test_mem *m)
{
	m->reads = m->writes = m->calls = m->walk_calls = 0;
	m->failed = m->failed_write = 0;
	m->locked = 0;
	m->lock_errors = m->piece_errors = m->atomic_unlocked = 0;
	m->flags_seen_and = m->flags_seen_or = 0;
}

void test_normal_memory(nisv_state *st, struct test_mem *m)
{
	uint64_t desc = NORMAL_BLOCK;

	st->reg[NISV_SCTLR_EL1] |= SCTLR_M;
	st->reg[NISV_TCR_EL1] |= NORMAL_TCR;
	st->reg[NISV_TTBR0_EL1] = TABLES;
	st->reg[NISV_MAIR_EL1] = NORMAL_MAIR;
	/* level 1, index VA[38:30] = 2 for VA 0x80000000 */
	for (unsigned k = 0; k < 8; k++)
		m->tables[2 * 8 + k] = (uint8_t)(desc >> (8 * (st->reg[NISV_SCTLR_EL1] & SCTLR_EE ? 7 - k : k)));
}
