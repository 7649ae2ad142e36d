/* Text for decoded instructions (the nisv tool's decode output). */
#ifndef NISV_TOOL_FORMAT_H
#define NISV_TOOL_FORMAT_H

#include <stddef.h>
#include <nisv.h>

/* "ldp x1, x2, [x3, #16]!" */
void format_insn(const nisv_insn *d, char *out, size_t n);
/* "op=LOAD bytes=16 element=8 regs=2 class=X addressing=pre-index writeback" */
void format_access(const nisv_insn *d, char *out, size_t n);

#endif
