/*
 * SVE loads and stores (host_sve_rows.S) against the device, the CPU as
 * the oracle as in host_classes.c: each row runs on a RAM span and on the
 * device's from the same registers; x1-x15 (bases relative), z0-z7 (z6,
 * the address vector, relative), p0-p7, FFR and the span's bytes must
 * agree. At two vector lengths, chosen by the host with ZCR_EL1.LEN;
 * nisv at EL2 reads the host's Z and P registers live.
 *
 * First-fault and non-fault loads are held to the architecture's contract
 * instead (Arm ARM "MemNF": an implementation may suppress any access but
 * LDFF1's first active element, and says so in FFR): FFR on the device is
 * a prefix of the CPU's that keeps LDFF1's first active element, and every
 * element it marks loaded equals the CPU's. nisv suppresses all the others
 * on a device (src/sve_plan.c).
 */
#include "host.h"

#define SPAN 0x200
#define BASE_OFF 0x100
#define DEV_SPAN (PDEV_SCRATCH + 0x100)

struct zctx {
	uint64_t x[16];
	uint8_t z[8][256];
	uint8_t p[8][32];
	uint8_t ffr[32];
};
void run_sve_row(struct zctx *c, uint64_t thunk);
unsigned host_sve_set_len(uint64_t len);
extern const uint32_t sve_rows_any[], sve_rows_any_end[], sve_rows_normal[], sve_rows_normal_end[];
extern const uint32_t sve_rows_ff[], sve_rows_ff_end[];
extern const char sve_names_any[], sve_names_normal[], sve_names_ff[];
/* per first-fault/non-fault row: element size, destination Z, governing P,
 * first-fault (1) or non-fault (0) */
extern const uint8_t sve_ff_meta[][4];

static uint8_t ram_span[SPAN] __attribute__((aligned(4096)));
static struct zctx rc, dc;
static unsigned vl; /* bytes */
static unsigned ff_loaded, ff_elements; /* active first-fault/non-fault elements */

static uint8_t pattern(uint64_t seed, unsigned i)
{
	uint64_t x = (seed * 0x1000 + i) * 0xd6e8feb86659fd93ull;
	return (uint8_t)(x >> 56 ^ x >> 23 ^ i);
}

static uint64_t pattern64(uint64_t seed, unsigned i)
{
	uint64_t v = 0;
	for (unsigned b = 8; b--;)
		v = v << 8 | pattern(seed, i + b);
	return v;
}

static void put64(uint8_t *p, uint64_t v)
{
	for (unsigned b = 0; b < 8; b++)
		p[b] = (uint8_t)(v >> 8 * b);
}

static uint64_t get64(const uint8_t *p)
{
	uint64_t v = 0;
	for (unsigned b = 8; b--;)
		v = v << 8 | p[b];
	return v;
}

static void init_zctx(struct zctx *c, uint64_t span, uint64_t seed)
{
	uint64_t base = span + BASE_OFF;

	for (unsigned i = 1; i < 16; i++)
		c->x[i] = (0x0123456789abcdefull + 0x1111111111111111ull * i) ^ seed << 40;
	c->x[1] = base;
	c->x[15] = base + 3;
	c->x[2] = 16;
	for (unsigned r = 0; r < 8; r++)
		for (unsigned b = 0; b < 256; b++)
			c->z[r][b] = pattern(seed + 100 + r, b);
	for (unsigned e = 0; e < 32; e++) {
		put64(c->z[7] + 8 * e, 8 * e);        /* offsets */
		put64(c->z[6] + 8 * e, base + 8 * e); /* addresses */
	}
	for (unsigned b = 0; b < 32; b++) {
		c->p[0][b] = 0xff;
		c->p[2][b] = b < vl / 16 ? 0xff : 0;
		for (unsigned r = 1; r < 8; r++)
			if (r != 2)
				c->p[r][b] = pattern(seed + 200 + r, b);
	}
}

static int same_bytes(const uint8_t *a, const uint8_t *b, unsigned n)
{
	while (n--)
		if (a[n] != b[n])
			return 0;
	return 1;
}

static void rebase_z6(struct zctx *c, uint64_t span)
{
	for (unsigned e = 0; e < vl / 8; e++)
		put64(c->z[6] + 8 * e, get64(c->z[6] + 8 * e) - span);
}

static int pbit(const uint8_t *p, unsigned bit)
{
	return p[bit / 8] >> bit % 8 & 1;
}

/* The first-fault/non-fault contract (see the top); afterwards the
 * suppressed elements and FFR are the CPU's, for the exact comparison. */
static int ff_contract(const uint8_t *meta)
{
	unsigned es = meta[0], zt = meta[1], pg = meta[2], n = vl / es, first = n, cleared = 0;
	int ok = 1;

	for (unsigned i = n; i--;)
		if (pbit(rc.p[pg], i * es))
			first = i;
	for (unsigned i = 0; i < n; i++) {
		int d = pbit(dc.ffr, i * es);
		ok &= !(d && cleared) && (!d || pbit(rc.ffr, i * es));
		cleared |= !d;
		if (pbit(rc.p[pg], i * es)) {
			ff_elements++;
			ff_loaded += (unsigned)d;
		}
		if (!d)
			memcpy(dc.z[zt] + i * es, rc.z[zt] + i * es, es);
	}
	if (meta[3] && first < n)
		ok &= pbit(dc.ffr, first * es);
	memcpy(dc.ffr, rc.ffr, sizeof(dc.ffr));
	return ok;
}

static int run_case(const struct pass *p, const uint32_t *thunk, const char *name, unsigned seed,
                    const uint8_t *ff_meta)
{
	uint64_t ram = (uint64_t)ram_span + p->ram, dev = p->dev + DEV_SPAN, code = (uint64_t)thunk + p->code;
	uint64_t esr_r, esr_d;
	int same = 1;

	for (unsigned i = 0; i < SPAN; i += 8) {
		*(volatile uint64_t *)(ram + i) = pattern64(seed, i);
		w64(dev + i, pattern64(seed, i));
	}
	init_zctx(&rc, ram, seed);
	init_zctx(&dc, dev, seed);
	esr_r = run_sve_row_once(&rc, code);
	esr_d = run_sve_row_once(&dc, code);
	rebase_z6(&rc, ram);
	rebase_z6(&dc, dev);
	if (ff_meta && !ff_contract(ff_meta)) {
		rt_printf("host: sve, %s, VL %u: '%s': FFR 0x%lx breaks the first-fault contract\n", p->name, vl * 8,
		          name, get64(dc.ffr));
		same = 0;
	}
	if (esr_r || esr_d) {
		rt_printf("host: sve, %s, VL %u: '%s': RAM ESR 0x%lx, device ESR 0x%lx\n", p->name, vl * 8, name,
		          esr_r & 0xffffffff, esr_d & 0xffffffff);
		same = 0;
	}
	for (unsigned i = 1; i < 16; i++)
		if (rc.x[i] - (i == 1 || i == 15 ? ram : 0) != dc.x[i] - (i == 1 || i == 15 ? dev : 0)) {
			rt_printf("host: sve, %s, VL %u: '%s': x%u differs\n", p->name, vl * 8, name, i);
			same = 0;
		}
	for (unsigned r = 0; r < 8; r++) {
		if (!same_bytes(rc.z[r], dc.z[r], vl)) {
			rt_printf("host: sve, %s, VL %u: '%s': z%u RAM 0x%lx.. device 0x%lx..\n", p->name, vl * 8, name, r,
			          get64(rc.z[r]), get64(dc.z[r]));
			same = 0;
		}
		if (!same_bytes(rc.p[r], dc.p[r], vl / 8)) {
			rt_printf("host: sve, %s, VL %u: '%s': p%u differs\n", p->name, vl * 8, name, r);
			same = 0;
		}
	}
	if (!same_bytes(rc.ffr, dc.ffr, vl / 8)) {
		rt_printf("host: sve, %s, VL %u: '%s': FFR RAM 0x%lx device 0x%lx\n", p->name, vl * 8, name,
		          get64(rc.ffr), get64(dc.ffr));
		same = 0;
	}
	for (unsigned i = 0; i < SPAN; i += 8) {
		uint64_t m = *(volatile uint64_t *)(ram + i), d = r64(dev + i);
		if (m != d) {
			rt_printf("host: sve, %s, VL %u: '%s': span +0x%x RAM 0x%lx, device 0x%lx\n", p->name, vl * 8, name,
			          i, m, d);
			same = 0;
		}
	}
	CHECK(same);
	return same;
}

static unsigned run_table(const struct pass *p, const uint32_t *rows, const uint32_t *end, const char *names,
                          const uint8_t (*ff_meta)[4], unsigned seed0, unsigned *n)
{
	unsigned same = 0;

	for (const uint32_t *r = rows; r < end; r += 2, (*n)++) {
		unsigned i = (unsigned)(r - rows) / 2;
		same += (unsigned)run_case(p, r, names, seed0 + i, ff_meta ? ff_meta[i] : 0);
		while (*names++)
			;
	}
	return same;
}

void sve(const struct pass *p)
{
	static const unsigned lens[] = { 0, 3 }; /* ZCR_EL1.LEN: 128 and 512 bits, where offered */

	if (!(SYSREG_READ(id_aa64pfr0_el1) >> 32 & 0xf)) {
		rt_printf("host: sve: the CPU has no SVE\n");
		CHECK(0);
		return;
	}
	for (unsigned i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		unsigned n = 0, same;
		vl = host_sve_set_len(lens[i]);
		ff_loaded = ff_elements = 0;
		same = run_table(p, sve_rows_any, sve_rows_any_end, sve_names_any, 0, 1, &n);
		if (p->normal) {
			same += run_table(p, sve_rows_normal, sve_rows_normal_end, sve_names_normal, 0, 501, &n);
			same += run_table(p, sve_rows_ff, sve_rows_ff_end, sve_names_ff, sve_ff_meta, 701, &n);
		}
		rt_printf("host: sve, %s, VL %u bits: %u instructions, RAM and device agree on %u", p->name, vl * 8, n,
		          same);
		if (ff_elements)
			rt_printf(" (first-fault/non-fault: %u of %u active elements loaded, FFR says which)",
			          ff_loaded, ff_elements);
		rt_printf("\n");
	}
}
