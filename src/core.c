/*
 * The core as one translation unit: every stage's file, in the order the
 * trap path uses them. The functions they share are NISV_INTERNAL (static,
 * internal.h), so the compiler sees the whole path and can inline across
 * stages; only the nisv_* API is exported. The generated decode tables
 * (decode_table.c) are compiled on their own.
 */
#include "regcache.c"
#include "state.c"
#include "bus.c"
#include "guest_ram.c"
#include "walk_cfg.c"
#include "walk_memo.c"
#include "mmu.c"
#include "decode.c"
#include "names.c"
#include "plan.c"
#include "translate.c"
#include "layout.c"
#include "atomic_ops.c"
#include "perform.c"
#include "exception.c"
#include "emulate.c"
#include "trap.c"
