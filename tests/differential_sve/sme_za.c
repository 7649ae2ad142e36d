/*
 * ZA in the SME classes (sme_za.h). Element e of a transfer of E-byte
 * elements (Arm ARM "ZAhslice", "ZAvslice"; the tile's rows interleave
 * with the other tiles'): horizontal slice s of tile t is ZA array vector
 * s * E + t, element e at byte e * E; vertical slice s is element s of
 * vectors t + e * E; LDR/STR ZA move array vector s, byte e. A load
 * writes every element of the slice: the active ones from memory, the
 * inactive ones zero ("LD1B (scalar plus scalar, tile slice)": "Inactive
 * elements in the destination slice are set to zero"); LDR ZA writes the
 * whole vector; stores and the streaming SVE classes leave ZA as it was.
 */
#include "sme_za.h"

#include <stdio.h>
#include <string.h>

#include "report.h"

/* n bytes (a multiple of 8) of a and b differ; b NULL: a is not all
 * POISON. Word by word: memcmp is slow under qemu-user. */
static int differ(const uint8_t *a, const uint8_t *b, size_t n)
{
	uint64_t acc = 0, x, y = 0x0101010101010101ull * POISON;

	for (size_t i = 0; i < n; i += 8) {
		memcpy(&x, a + i, 8);
		if (b)
			memcpy(&y, b + i, 8);
		acc |= x ^ y;
	}
	return acc != 0;
}

/* ZA row and byte of element e of c's transfer. */
static void za_elem(const struct scase *c, unsigned e, unsigned *row, unsigned *off)
{
	unsigned E = 1u << c->esz;

	switch (c->za_kind) {
	case ZK_ARRAY:
		*row = c->slice;
		*off = e;
		break;
	case ZK_H:
		*row = c->slice * E + c->tile;
		*off = e * E;
		break;
	default:
		*row = e * E + c->tile;
		*off = c->slice * E;
		break;
	}
}

static unsigned za_elems(const struct scase *c)
{
	return c->za_kind == ZK_ARRAY ? c->vl : c->vl >> c->esz;
}

/* ZA after c completed, by the Arm ARM; mem: the bytes at c->ea. */
static void za_expect(const struct scase *c, const uint8_t *mem, uint8_t (*want)[256])
{
	unsigned rows = c->vl, E = 1u << c->esz, row, off;

	for (unsigned r = 0; r < rows; r++)
		memcpy(want[r], c->st.za[r], rows);
	if (c->store || c->za_kind == ZK_NONE)
		return;
	for (unsigned e = 0; e < za_elems(c); e++) {
		za_elem(c, e, &row, &off);
		if (c->act[e * E]) /* an active element: its bytes are c->act's */
			memcpy(&want[row][off], mem + e * E, E);
		else
			memset(&want[row][off], 0, E);
	}
}

/*
 * qemu bug 5: qemu 7.2's sme_ld1() (10.0's too) zeroes the inactive
 * elements of a vertical slice only on its way through the active ones:
 * those before the first active element, between it and the last active
 * element of the first page's loop (the elements wholly before a page
 * boundary), and in the second page's loop from its first active element
 * to the end of the 64-byte predicate word of the last active element
 * (the loop runs whole words). The others keep their old value: after the
 * last active element, and across a page boundary the element split by it
 * (when inactive) and those up to the next active one. A horizontal slice
 * is zeroed first, whole. keep[e] = 1: qemu leaves inactive element e.
 */
static void qemu_vkeep(const struct scase *c, uint8_t *keep)
{
	unsigned E = 1u << c->esz, n = c->vl >> c->esz, first = n, last = 0, e, nfull, next, first1, end1;
	uint64_t split = PAGE - c->ea % PAGE; /* bytes before the boundary */

	memset(keep, 0, n);
	for (e = 0; e < n; e++)
		if (c->act[e * E]) {
			if (first == n)
				first = e;
			last = e;
		}
	if (first == n) /* none active: the whole slice zeroed */
		return;
	if ((uint64_t)(last + 1) * E <= split) { /* one page */
		for (e = last + 1; e < n; e++)
			keep[e] = 1;
		return;
	}
	nfull = (unsigned)(split / E);
	for (e = first > nfull ? first : nfull; e < n; e++)
		keep[e] = 1;
	next = split % E ? nfull + 1 : nfull; /* past the split element */
	if (split % E && nfull == last && c->act[nfull * E])
		return; /* the split element is the last active one */
	for (first1 = next; first1 < n && !c->act[first1 * E]; first1++)
		;
	end1 = (last * E / 64 + 1) * 64 / E;
	for (e = first1; e < end1 && e < n; e++)
		keep[e] = 0;
}

/* want with qemu bug 5's kept elements at their old value. */
static void qemu_bug5(const struct scase *c, uint8_t (*want)[256])
{
	static uint8_t keep[256];
	unsigned E = 1u << c->esz, row, off;

	qemu_vkeep(c, keep);
	for (unsigned e = 0; e < za_elems(c); e++)
		if (keep[e] && !c->act[e * E]) {
			za_elem(c, e, &row, &off);
			memcpy(&want[row][off], &c->st.za[row][off], E);
		}
}

/* The first byte where rows x rows of a and b differ: 0 when none. */
static int za_diff(uint8_t (*a)[256], uint8_t (*b)[256], unsigned rows, unsigned *row, unsigned *off)
{
	for (unsigned r = 0; r < rows; r++)
		if (differ(a[r], b[r], rows))
			for (unsigned i = 0; i < rows; i++)
				if (a[r][i] != b[r][i]) {
					*row = r;
					*off = i;
					return 1;
				}
	return 0;
}

int sme_judge_cpu(struct run *u, const struct native_out *o)
{
	static uint8_t want[256][256], qemu[256][256];
	const struct scase *c = u->c;
	uint8_t(*cpu)[256] = u->cpu->za;
	unsigned rows = c->vl, row = 0, off = 0;
	char why[200];

	za_expect(c, shadow + (c->ea - (uint64_t)(uintptr_t)env.buf), want);
	if (!za_diff(cpu, want, rows, &row, &off))
		return 0;
	if (c->za_kind == ZK_V && !c->store) {
		memcpy(qemu, want, sizeof want);
		qemu_bug5(c, qemu);
		if (!za_diff(cpu, qemu, rows, &row, &off)) {
			u->za_qbug = 1;
			stats[u->ci].za_qk++;
			for (unsigned r = 0; r < rows; r++)
				memcpy(cpu[r], want[r], rows);
			return 0;
		}
	}
	snprintf(why, sizeof why,
	         "ZA is not what the Arm ARM says and no known qemu bug explains it: row %u byte %u, init %02x, "
	         "want %02x, CPU %02x",
	         row, off, c->st.za[row][off], want[row][off], cpu[row][off]);
	report_oracle(u, o, why);
	return -1;
}

void za_nisv_load(struct nisv_sve_state *sv, const struct scase *c)
{
	if (c->st.za)
		for (unsigned r = 0; r < c->vl; r++)
			memcpy(sv->za[r], c->st.za[r], c->vl);
}

void za_nisv_check(struct verdict *v, const struct scase *c, const struct nisv_sve_state *sv,
                   uint8_t (*want)[256], const char *wn)
{
	unsigned rows = c->st.za ? c->vl : 0, r, i, ndiff = 0;

	for (r = 0; r < rows; r++) {
		if (differ(sv->za[r], want[r], rows))
			for (i = 0; i < rows; i++)
				if (sv->za[r][i] != want[r][i] && ndiff++ < 4)
					bad(v, "za%-3u byte %u: init %02x  %s %02x  nisv %02x", r, i, c->st.za[r][i], wn, want[r][i],
					    sv->za[r][i]);
		if (differ(sv->za[r] + rows, NULL, 256 - rows)) {
			bad(v, "za%-3u nisv wrote beyond SVL / 8 bytes (%u)", r, rows);
			return;
		}
	}
	if (ndiff > 4)
		bad(v, "... %u ZA bytes differ", ndiff);
	if (differ(&sv->za[0][0] + rows * 256u, NULL, (256 - rows) * 256u))
		bad(v, "nisv wrote ZA rows %s", rows ? "beyond SVL / 8" : "with PSTATE.ZA off");
}

void za_nisv_poison(struct nisv_sve_state *sv)
{
	memset(sv->za, POISON, sizeof sv->za);
}
