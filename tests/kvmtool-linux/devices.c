/* Device discovery and mapping: 8250 UART via /proc/iomem or the device tree + /dev/mem,
 * virtio-pci MSI-X table BAR via sysfs resource2 (or /dev/mem). */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kc.h"

struct kc_devices kc_dev;

static int read_file(const char *path, void *buf, size_t cap, size_t *len);
static int compat_has(const char *buf, size_t len, const char *want);

static uint8_t *map_fd_page(int fd, off_t pgoff_bytes)
{
	void *p = mmap(NULL, kc_dev.page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, pgoff_bytes);
	return p == MAP_FAILED ? NULL : p;
}

uint8_t *kc_map_phys(uint64_t pa)
{
	int fd = open("/dev/mem", O_RDWR | O_SYNC);
	if (fd < 0) {
		fprintf(stderr, "open /dev/mem: %s\n", strerror(errno));
		return NULL;
	}
	uint8_t *p = map_fd_page(fd, (off_t)(pa & ~(uint64_t)(kc_dev.page - 1)));
	if (!p)
		fprintf(stderr, "mmap /dev/mem at %#llx: %s\n", (unsigned long long)pa, strerror(errno));
	close(fd);
	return p ? p + (pa & (kc_dev.page - 1)) : NULL;
}

static void init_page(void)
{
	if (!kc_dev.page)
		kc_dev.page = (size_t)sysconf(_SC_PAGESIZE);
}

/* Device mode writes to physical addresses: refuse unless this is a kvmtool/QEMU virt
 * guest ("linux,dummy-virt"), e.g. when started by mistake under qemu-user on a host. */
static int guest_ok(void)
{
	char buf[256];
	size_t len;
	if (getenv("KC_FORCE"))
		return 1;
	if (!read_file("/sys/firmware/devicetree/base/compatible", buf, sizeof buf - 1, &len)) {
		buf[len] = 0;
		if (compat_has(buf, len, "linux,dummy-virt"))
			return 1;
	}
	fprintf(stderr, "refusing device mode: device tree root is not linux,dummy-virt "
			"(not a kvmtool guest?); use --selftest, or set KC_FORCE=1\n");
	return 0;
}

/* "01000000-01000007 : serial" (any nesting level); lowest start wins. */
static int uart_from_iomem(uint64_t *pa)
{
	FILE *f = fopen("/proc/iomem", "r");
	char line[256];
	int found = 0;
	if (!f)
		return 0;
	while (fgets(line, sizeof line, f)) {
		unsigned long long s, e;
		char *colon = strchr(line, ':');
		if (!colon || sscanf(line, " %llx-%llx", &s, &e) != 2)
			continue;
		if (!strcasestr(colon, "serial") && !strcasestr(colon, "16550") &&
		    !strcasestr(colon, "uart"))
			continue;
		if (s == 0 || e - s + 1 < 8)	/* 0 = addresses hidden from non-root */
			continue;
		if (!found || s < *pa)
			*pa = s;
		found = 1;
	}
	fclose(f);
	return found;
}

static int read_file(const char *path, void *buf, size_t cap, size_t *len)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	ssize_t n = read(fd, buf, cap);
	close(fd);
	if (n < 0)
		return -1;
	*len = (size_t)n;
	return 0;
}

static int compat_has(const char *buf, size_t len, const char *want)
{
	for (size_t i = 0; i < len; i += strlen(buf + i) + 1)
		if (strstr(buf + i, want))
			return 1;
	return 0;
}

static uint64_t be(const uint8_t *p, int n)
{
	uint64_t v = 0;
	for (int i = 0; i < n; i++)
		v = v << 8 | p[i];
	return v;
}

/* Top-level nodes compatible with ns16550*; reg is <addr-cells> <size-cells> big-endian. */
static int uart_from_dt(uint64_t *pa)
{
	const char *base = "/sys/firmware/devicetree/base";
	char path[512], buf[256];
	uint8_t cells[4];
	size_t len;
	int acells = 2, found = 0;
	snprintf(path, sizeof path, "%s/#address-cells", base);
	if (!read_file(path, cells, 4, &len) && len == 4)
		acells = (int)be(cells, 4);
	DIR *d = opendir(base);
	if (!d)
		return 0;
	for (struct dirent *e; (e = readdir(d));) {
		uint8_t reg[32];
		snprintf(path, sizeof path, "%s/%s/compatible", base, e->d_name);
		if (read_file(path, buf, sizeof buf - 1, &len))
			continue;
		buf[len] = 0;
		if (!compat_has(buf, len, "ns16550"))
			continue;
		snprintf(path, sizeof path, "%s/%s/reg", base, e->d_name);
		if (read_file(path, reg, sizeof reg, &len) || len < (size_t)acells * 4)
			continue;
		uint64_t a = be(reg, acells * 4);
		if (!found || a < *pa)
			*pa = a;
		found = 1;
	}
	closedir(d);
	return found;
}

int kc_map_uart(void)
{
	uint64_t pa = 0;
	init_page();
	if (!guest_ok())
		return -1;
	if (!uart_from_iomem(&pa) && !uart_from_dt(&pa)) {
		fprintf(stderr, "no 8250 UART in /proc/iomem or the device tree\n");
		return -1;
	}
	uint8_t *base = kc_map_phys(pa);
	if (!base)
		return -1;
	kc_dev.uart_scr = base + 7;
	kc_dev.uart_page = (uintptr_t)base & ~(uintptr_t)(kc_dev.page - 1);
	printf("uart: 8250 at %#llx, scratch register at %#llx\n", (unsigned long long)pa,
	       (unsigned long long)pa + 7);
	return 0;
}

static int sysfs_line(const char *dir, const char *file, char *buf, size_t cap)
{
	char path[512];
	size_t len;
	snprintf(path, sizeof path, "%s/%s", dir, file);
	if (read_file(path, buf, cap - 1, &len))
		return -1;
	buf[len] = 0;
	return 0;
}

/* Returns 1 if dir is a usable virtio-pci device; fills BAR2's physical range. */
static int virtio_bar2(const char *dir, uint64_t *start, uint64_t *size)
{
	char buf[4096];
	unsigned long long s, e, fl;
	if (sysfs_line(dir, "vendor", buf, sizeof buf) || strtoul(buf, NULL, 0) != 0x1af4)
		return 0;
	if (sysfs_line(dir, "resource", buf, sizeof buf))
		return 0;
	char *l = buf;
	for (int i = 0; i < 2 && l; i++)
		if ((l = strchr(l, '\n')))
			l++;
	if (!l || sscanf(l, "%llx %llx %llx", &s, &e, &fl) != 3 || !s || !(fl & 0x200))
		return 0;
	*start = s;
	*size = e - s + 1;
	return *size >= KC_BAR_SIZE;
}

int kc_map_bar(void)
{
	char dir[300], best[300] = "", path[512];
	uint64_t start = 0, size = 0;
	int best_bound = 2;
	init_page();
	if (!guest_ok())
		return -1;
	DIR *d = opendir("/sys/bus/pci/devices");
	if (!d) {
		fprintf(stderr, "no /sys/bus/pci/devices\n");
		return -1;
	}
	/* Prefer a device without a driver: nobody relies on its MSI-X routes. */
	for (struct dirent *e; (e = readdir(d));) {
		uint64_t s, z;
		if (e->d_name[0] == '.')
			continue;
		snprintf(dir, sizeof dir, "/sys/bus/pci/devices/%s", e->d_name);
		if (!virtio_bar2(dir, &s, &z))
			continue;
		snprintf(path, sizeof path, "%s/driver", dir);
		int bound = access(path, F_OK) == 0;
		if (bound < best_bound) {
			best_bound = bound;
			start = s;
			size = z;
			snprintf(best, sizeof best, "%s", dir);
		}
	}
	closedir(d);
	if (!best[0]) {
		fprintf(stderr, "no virtio-pci device (vendor 0x1af4) with a memory BAR2\n");
		return -1;
	}
	char buf[16] = "";
	if (!sysfs_line(best, "enable", buf, sizeof buf) && buf[0] == '0') {
		snprintf(path, sizeof path, "%s/enable", best);
		int fd = open(path, O_WRONLY);
		if (fd < 0 || write(fd, "1", 1) != 1)
			fprintf(stderr, "warning: could not enable %s: %s\n", best, strerror(errno));
		if (fd >= 0)
			close(fd);
	}
	uint8_t *p = NULL;
	snprintf(path, sizeof path, "%s/resource2", best);
	int fd = open(path, O_RDWR | O_SYNC);
	if (fd >= 0) {
		/* sysfs maps the page holding the BAR: the BAR sits at its in-page offset. */
		p = map_fd_page(fd, 0);
		close(fd);
		if (p)
			p += start & (kc_dev.page - 1);
	}
	if (!p) {
		fprintf(stderr, "mmap %s failed (%s), trying /dev/mem\n", path, strerror(errno));
		p = kc_map_phys(start);
	}
	if (!p)
		return -1;
	kc_dev.bar = p;
	kc_dev.bar_page = (uintptr_t)p & ~(uintptr_t)(kc_dev.page - 1);
	printf("bar: %s resource2 at %#llx size %#llx%s\n", best, (unsigned long long)start,
	       (unsigned long long)size, best_bound ? " (driver bound: its MSI-X routes are disturbed)" : "");
	return 0;
}

int kc_map_selftest(void)
{
	init_page();
	uint8_t *p = mmap(NULL, 2 * kc_dev.page, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		perror("mmap");
		return -1;
	}
	kc_dev.selftest = 1;
	kc_dev.uart_page = (uintptr_t)p;
	kc_dev.uart_scr = p + 7;
	kc_dev.bar_page = (uintptr_t)p + kc_dev.page;
	kc_dev.bar = p + kc_dev.page + 0x400;	/* same in-page offset kind as a real BAR */
	printf("selftest: devices replaced by normal memory at %p\n", (void *)p);
	return 0;
}

int kc_addr_in_device(uintptr_t a)
{
	return (kc_dev.uart_scr && a - kc_dev.uart_page < kc_dev.page) ||
	       (kc_dev.bar && a - kc_dev.bar_page < kc_dev.page);
}

void ref_read(const uint8_t *dev, uint8_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = ref_rd8(dev + i);
}

void ref_write(uint8_t *dev, const uint8_t *in, size_t n)
{
	for (size_t i = 0; i < n; i++)
		ref_wr8(dev + i, in[i]);
}

void kc_bar_safe(size_t off, uint8_t *buf, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (kc_is_ctrl0(off + i))
			buf[i] |= 1;
}

static uint8_t saved[KC_BAR_SIZE];
static int have_saved;

void kc_bar_save(void)
{
	ref_read(kc_dev.bar, saved, KC_BAR_SIZE);
	have_saved = 1;
	/* Mask every vector before anything else touches the table. */
	for (size_t o = KC_CTRL_OFF; o < KC_BAR_SIZE; o += 16)
		ref_wr8(kc_dev.bar + o, saved[o] | 1);
}

void kc_bar_restore(void)
{
	if (!have_saved)
		return;
	for (size_t o = 0; o < KC_BAR_SIZE; o++)
		if (!kc_is_ctrl0(o))
			ref_wr8(kc_dev.bar + o, saved[o]);
	for (size_t o = KC_CTRL_OFF; o < KC_BAR_SIZE; o += 16)
		ref_wr8(kc_dev.bar + o, saved[o]);
}
