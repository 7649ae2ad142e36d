/* The host's flat image (host.bin), carried by the hypervisor's ELF and
 * placed at HOST_BASE by hyp.ld. */
	.section .host_image, "a"
	.incbin	HOST_BIN
