/* A device region's accesses (region.h). */
#include "region.h"

/* Largest allowed power-of-two width <= len at which ipa is aligned. */
static uint32_t device_width(const nisv_region *r, uint64_t ipa, uint32_t len)
{
	for (uint32_t w = len ? 1u << (31 - __builtin_clz(len)) : 0; w; w >>= 1)
		if ((!r->widths || (r->widths >> __builtin_ctz(w) & 1)) && !(ipa & (w - 1)))
			return w;
	return 0;
}

int region_device_io(const nisv_region *r, uint64_t ipa, uint8_t *rbuf, const uint8_t *wbuf, uint32_t len)
{
	uint64_t off = ipa - r->base;

	if (rbuf ? !r->read : !r->write)
		return -1;
	if (!r->widths) /* any width: the piece as it is */
		return (rbuf ? r->read(r->dev, off, rbuf, len) : r->write(r->dev, off, wbuf, len)) ? -1 : 0;
	for (uint32_t done = 0; done < len;) {
		uint32_t w = device_width(r, ipa + done, len - done);
		if (!w || (rbuf ? r->read(r->dev, off + done, rbuf + done, w)
		                : r->write(r->dev, off + done, wbuf + done, w)))
			return -1;
		done += w;
	}
	return 0;
}
