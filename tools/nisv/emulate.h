/*
 * nisv emulate, the pieces its files share:
 *   emulate.c        the command: parse -> set up -> run -> print
 *   setup.c          registers, regions, features from --set/--ram/--dev/...
 *   sve_state.c      the SVE/SME registers (z, p, ffr, za, zt0), --vl, --svl
 *   state_file.c     the same from a JSON state file (--state)
 *   json_read.c      the JSON reader state_file.c uses
 *   pagetable.c      --identity-map: stage-1 tables with VA == IPA
 *   machine.c        guest memory: regions, the nisv_bus over them, the log
 *                    of device accesses, the instruction fetch
 *   emulate_print.c  the result as text or JSON, and the final state
 */
#ifndef NISV_TOOL_EMULATE_H
#define NISV_TOOL_EMULATE_H

#include "tool.h"

#define MAX_REGIONS 32
#define MAX_REGION_BYTES (16u << 20)
#define MAX_LOG 256

/* ---- guest memory (machine.c) ------------------------------------------------ */

enum region_kind { R_RAM, R_DEV, R_PT };

struct machine;

struct region {
	uint64_t base, size;
	int kind;                 /* enum region_kind                             */
	uint8_t *bytes, *initial; /* now, and before the run                      */
	uint32_t widths, policy;  /* a device's nisv_region.widths and NISV_DEV_*  */
	char origin[96];          /* where it was given, e.g. "--ram 0x1000:0x100" */
	struct machine *m;
};

struct access_log {
	int write;
	uint64_t addr;
	uint32_t size;
	uint8_t bytes[16];
};

struct machine {
	struct region r[MAX_REGIONS];
	unsigned n;
	nisv_region bus_regions[MAX_REGIONS];
	nisv_bus bus;
	nisv_mem_ops ops; /* the bus's, except that a fetch returns `word` (ctx: &bus) */
	uint32_t word;    /* the instruction at PC                                    */
	int fetched;      /* an instruction fetch happened                            */
	int logging;      /* log device accesses                                      */
	struct access_log log[MAX_LOG];
	unsigned nlog, log_dropped;
};

/* A new zero-filled region; NULL after a message on stderr (the limits, an
 * overlap with another region, which it names). */
struct region *machine_add(struct machine *m, uint64_t base, uint64_t size, int kind, const char *origin);
/* The bus over the regions; their bytes now are the "before" of the run. */
void machine_start(struct machine *m);
void machine_free(struct machine *m);

/* ---- the state before the run (setup.c, state_file.c, pagetable.c) ---------- */

enum { IDMAP_NONE, IDMAP_NORMAL, IDMAP_DEVICE };

struct setup {
	nisv_state st;
	uint64_t set_mask;     /* bit r: nisv_reg r was given                       */
	int nzcv_given, sp_given;
	uint64_t nzcv, sp;     /* applied last (setup_finish): order does not matter */
	uint32_t features;     /* NISV_FEAT_*                                       */
	unsigned pa_bits;      /* 0: nisv's default, 48                             */
	int identity;          /* IDMAP_*                                           */
	struct nisv_sve_state *sve; /* st.sve: attached by the first SVE/SME register,
	                               --vl or --svl (sve_state.c)                   */
	unsigned vl, svl;      /* --vl, --svl in bits; 0: not given                 */
	char sve_first[8];     /* the first z, p or ffr given (for the checks)      */
	char sme_first[8];     /* the first za or zt0 given                         */
};

/* A region before it is added: from "ADDR[:SIZE][=HEX|=@FILE][,opts]" or a
 * state file's object. data is malloc'ed (region_add frees it). */
struct region_spec {
	int device;
	uint64_t base, size;
	int has_size;
	uint8_t *data;
	size_t len;
	uint32_t widths, policy;
};

/* Each returns 0, or EXIT_USAGE after one line on stderr naming `where`. */
int setup_reg(struct setup *s, const char *name, const char *value, const char *where);
int setup_feature(struct setup *s, const char *name, const char *where);
int setup_pa_bits(struct setup *s, const char *value, const char *where);
int region_parse(const char *spec, int device, struct region_spec *r);
int region_data_hex(struct region_spec *r, const char *hex, const char *where);
int region_data_file(struct region_spec *r, const char *path, const char *where);
int region_add(struct machine *m, struct region_spec *r, const char *origin);
/* nzcv and sp into the registers (see setup.c for the rule), then the SVE
 * checks (sve_finish); 0 or EXIT_USAGE. */
int setup_finish(struct setup *s);
/* "x3", "sp_el1", "pstate", ...: the name --set takes for nisv_reg r */
const char *reg_name(unsigned r, char *buf, size_t n);
/* "lse2", ... for NISV_FEAT_* bit b; NULL for an unknown bit */
const char *feature_name(uint32_t bit);

/* ---- the SVE and SME state (sve_state.c) ---------------------------------------
 * Values are numbers whose least significant byte is byte 0 of the register. */
/* v<n>=: V[n], or with the SVE file Z[n] bytes 0-15 and zeros above. */
int setup_v(struct setup *s, unsigned n, const nisv_v128 *val);
/* Register n of a nisv_vfile (NISV_VFILE_Z, _P, _FFR, _ZA, _ZT0). */
int setup_sve_reg(struct setup *s, unsigned file, unsigned n, const char *value, const char *where);
/* --vl (streaming 0) or --svl (1), in bits. */
int setup_vector_length(struct setup *s, const char *value, int streaming, const char *where);
int sve_finish(struct setup *s);
/* The vector lengths into the vCPU (nisv_vcpu_set_vector_lengths). */
void sve_vcpu(nisv_vcpu *v, const struct setup *s);
/* f(ctx, "z3", "0x...") for each register of `after` that differs from
 * `before`; with before NULL, for every register (ZA: the rows not zero).
 * Values are as wide as the longest vector length. */
typedef void sve_reg_fn(void *ctx, const char *name, const char *hex);
void sve_each(const struct setup *s, const struct nisv_sve_state *before, const struct nisv_sve_state *after,
              sve_reg_fn *f, void *ctx);

int load_state_file(const char *path, struct setup *s, struct machine *m);
int identity_map(struct setup *s, struct machine *m);

/* ---- the run and its output (emulate.c, emulate_print.c) -------------------- */

struct run {
	nisv_state before, after;  /* .sve: before_sve, after_sve (or NULL)         */
	struct nisv_sve_state *before_sve, *after_sve;
	nisv_result res;
	int memory_insn;      /* the word decodes as a memory instruction        */
	int trap;             /* nisv_handle_abort; else nisv_emulate             */
	uint64_t esr_el2, ipa, far;
	int far_valid;
	char why_direct[96];  /* why nisv_emulate was called instead             */
};

void print_text(const struct run *u, const struct setup *s, const struct machine *m);
void print_state_text(const struct run *u, const struct setup *s, const struct machine *m);
/* One object; with_state: and the final state as "final_state". */
void print_json(const struct run *u, const struct setup *s, const struct machine *m, int with_state);

#endif
