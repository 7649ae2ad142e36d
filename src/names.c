/* Printable names of the public enums. */
#include "nisv.h"

#define NAME(table, i) ((i) < sizeof(table) / sizeof(table[0]) && table[i] ? table[i] : "?")

NISV_API const char *nisv_status_name(nisv_status s)
{
	static const char *const names[] = {
		[NISV_OK] = "NISV_OK",
		[NISV_RETRY] = "NISV_RETRY",
		[NISV_FAULT] = "NISV_FAULT",
		[NISV_UNSUPPORTED] = "NISV_UNSUPPORTED",
		[NISV_CALLBACK_ERROR] = "NISV_CALLBACK_ERROR",
		[NISV_INVALID_ARGUMENT] = "NISV_INVALID_ARGUMENT",
	};
	return NAME(names, (unsigned)s);
}

NISV_API const char *nisv_op_name(unsigned op)
{
	static const char *const names[] = {
		[NISV_OP_NONE] = "NONE",
		[NISV_OP_LOAD] = "LOAD",
		[NISV_OP_STORE] = "STORE",
		[NISV_OP_PREFETCH] = "PREFETCH",
		[NISV_OP_LOAD_EXCL] = "LOAD_EXCL",
		[NISV_OP_STORE_EXCL] = "STORE_EXCL",
		[NISV_OP_ATOMIC] = "ATOMIC",
		[NISV_OP_CAS] = "CAS",
		[NISV_OP_CASP] = "CASP",
		[NISV_OP_LD_MULTI] = "LD_MULTI",
		[NISV_OP_ST_MULTI] = "ST_MULTI",
		[NISV_OP_LD_LANE] = "LD_LANE",
		[NISV_OP_ST_LANE] = "ST_LANE",
		[NISV_OP_LD_REPL] = "LD_REPL",
		[NISV_OP_DC_ZVA] = "DC_ZVA",
		[NISV_OP_DC_GVA] = "DC_GVA",
		[NISV_OP_DC_GZVA] = "DC_GZVA",
		[NISV_OP_DC_MAINT] = "DC_MAINT",
		[NISV_OP_SVE_LOAD] = "SVE_LOAD",
		[NISV_OP_SVE_STORE] = "SVE_STORE",
		[NISV_OP_SVE_LOAD_REPL] = "SVE_LOAD_REPL",
	};
	return NAME(names, op);
}

NISV_API const char *nisv_atomic_name(unsigned atomic)
{
	static const char *const names[] = { "ADD", "CLR", "EOR", "SET", "SMAX", "SMIN", "UMAX", "UMIN", "SWP" };
	return NAME(names, atomic);
}
