/*
 * A device region's accesses (region.c), shared by the bus's read/write
 * and by perform() when mem_ops.check named the access's device.
 */
#ifndef NISV_REGION_H
#define NISV_REGION_H

#include "nisv.h"

/* One piece at ipa in device region r, in its allowed widths: read into
 * rbuf, or write wbuf. 0, or -1 when a callback fails or is missing. */
int region_device_io(const nisv_region *r, uint64_t ipa, uint8_t *rbuf, const uint8_t *wbuf, uint32_t len);

#endif
