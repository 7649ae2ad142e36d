/*
 * The guest memory of nisv emulate: RAM regions (host buffers), device
 * regions whose callbacks log every access and behave as memory, and page
 * tables; a nisv_bus over them, used through nisv_bus_mem_ops except that an
 * instruction fetch returns the word given on the command line.
 */
#include <stdlib.h>
#include <string.h>

#include "emulate.h"

struct region *machine_add(struct machine *m, uint64_t base, uint64_t size, int kind, const char *origin)
{
	struct region *r;

	if (m->n == MAX_REGIONS) {
		usage_error("too many memory regions (at most 32)", origin);
		return NULL;
	}
	if (!size || size > MAX_REGION_BYTES) {
		usage_error("region size must be 1 byte to 16 MiB", origin);
		return NULL;
	}
	if (base + size - 1 < base) {
		usage_error("region wraps around the 64-bit address space", origin);
		return NULL;
	}
	for (unsigned i = 0; i < m->n; i++) {
		const struct region *o = &m->r[i];
		if (base < o->base + o->size && o->base < base + size) {
			uint64_t lo = base > o->base ? base : o->base;
			uint64_t hi = base + size < o->base + o->size ? base + size : o->base + o->size;
			fprintf(stderr, "nisv: region overlaps '%s' at 0x%llx-0x%llx: '%s'\n", o->origin,
			        (unsigned long long)lo, (unsigned long long)(hi - 1), origin);
			return NULL;
		}
	}
	r = &m->r[m->n];
	*r = (struct region){ .base = base, .size = size, .kind = kind, .m = m };
	snprintf(r->origin, sizeof(r->origin), "%s", origin);
	r->bytes = calloc(1, (size_t)size);
	r->initial = calloc(1, (size_t)size);
	if (!r->bytes || !r->initial) {
		free(r->bytes);
		free(r->initial);
		fprintf(stderr, "nisv: out of memory\n");
		return NULL;
	}
	m->n++;
	return r;
}

void machine_free(struct machine *m)
{
	for (unsigned i = 0; i < m->n; i++) {
		free(m->r[i].bytes);
		free(m->r[i].initial);
	}
	m->n = 0;
}

static const struct region *find_region(const struct machine *m, uint64_t addr, uint64_t len)
{
	for (unsigned i = 0; i < m->n; i++) {
		const struct region *r = &m->r[i];
		if (addr >= r->base && addr - r->base < r->size && len <= r->size - (addr - r->base))
			return r;
	}
	return NULL;
}

static void log_access(struct machine *m, int write, uint64_t addr, const void *buf, uint32_t len)
{
	struct access_log *l;

	if (!m->logging)
		return;
	if (m->nlog == MAX_LOG) {
		m->log_dropped++;
		return;
	}
	l = &m->log[m->nlog++];
	l->write = write;
	l->addr = addr;
	l->size = len;
	memcpy(l->bytes, buf, len > 16 ? 16 : len);
}

static int dev_read(void *dev, uint64_t offset, void *buf, uint32_t len)
{
	struct region *r = dev;
	memcpy(buf, r->bytes + offset, len);
	log_access(r->m, 0, r->base + offset, buf, len);
	return 0;
}

static int dev_write(void *dev, uint64_t offset, const void *buf, uint32_t len)
{
	struct region *r = dev;
	memcpy(r->bytes + offset, buf, len);
	log_access(r->m, 1, r->base + offset, buf, len);
	return 0;
}

/* The ops' ctx is &m->bus: the machine around it. */
static struct machine *machine_of(void *bus)
{
	return (struct machine *)(void *)((char *)bus - offsetof(struct machine, bus));
}

/* A fetch returns the word (and puts it in guest RAM at PC when RAM is there,
 * so that a PC-relative load of PC reads it); every other read is the bus's. */
static int fetch_or_read(void *ctx, uint64_t ipa, void *buf, uint32_t len, unsigned flags)
{
	struct machine *m = machine_of(ctx);
	const struct region *r;
	uint8_t w[4] = { (uint8_t)m->word, (uint8_t)(m->word >> 8), (uint8_t)(m->word >> 16), (uint8_t)(m->word >> 24) };

	if (!(flags & NISV_MEM_FETCH))
		return nisv_bus_mem_ops.read(ctx, ipa, buf, len, flags);
	m->fetched = 1;
	r = find_region(m, ipa, 4);
	if (r && r->kind == R_RAM) {
		memcpy(r->bytes + (ipa - r->base), w, 4);
		memcpy(r->initial + (ipa - r->base), w, 4);
	}
	memcpy(buf, w, len < 4 ? len : 4);
	return 0;
}

void machine_start(struct machine *m)
{
	for (unsigned i = 0; i < m->n; i++) {
		struct region *r = &m->r[i];
		nisv_region *b = &m->bus_regions[i];
		memcpy(r->initial, r->bytes, (size_t)r->size);
		*b = (nisv_region){ .base = r->base, .size = r->size };
		if (r->kind == R_DEV) {
			b->read = dev_read;
			b->write = dev_write;
			b->dev = r;
			b->widths = r->widths;
			b->policy = r->policy;
		} else {
			b->ram = r->bytes;
		}
	}
	m->bus = (nisv_bus){ .regions = m->bus_regions, .count = m->n };
	m->ops = nisv_bus_mem_ops;
	m->ops.read = fetch_or_read;
	m->ops.ram_map = NULL; /* every fetch goes through fetch_or_read */
}
