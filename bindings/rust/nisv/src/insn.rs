//! One decoded memory instruction: `nisv_insn` with Rust types.

use nisv_sys as sys;

/// A Rust enum over one of the C enums: `from_raw` (None for a value this
/// binding does not know) and `raw`.
macro_rules! c_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $c:ident,)* }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vdoc])* $variant,)*
        }

        impl $name {
            /// The variant of a raw C value, if it is one.
            pub fn from_raw(raw: u32) -> Option<Self> {
                $(if raw == sys::$c as u32 {
                    return Some(Self::$variant);
                })*
                None
            }

            /// The raw C value.
            pub fn raw(self) -> u32 {
                match self {
                    $(Self::$variant => sys::$c as u32,)*
                }
            }
        }
    };
}
pub(crate) use c_enum;

c_enum! {
    /// What the instruction does, by family (`nisv_op`).
    Op {
        Load = NISV_OP_LOAD,
        Store = NISV_OP_STORE,
        Prefetch = NISV_OP_PREFETCH,
        LoadExcl = NISV_OP_LOAD_EXCL,
        StoreExcl = NISV_OP_STORE_EXCL,
        Atomic = NISV_OP_ATOMIC,
        Cas = NISV_OP_CAS,
        Casp = NISV_OP_CASP,
        LdMulti = NISV_OP_LD_MULTI,
        StMulti = NISV_OP_ST_MULTI,
        LdLane = NISV_OP_LD_LANE,
        StLane = NISV_OP_ST_LANE,
        LdRepl = NISV_OP_LD_REPL,
        DcZva = NISV_OP_DC_ZVA,
        DcGva = NISV_OP_DC_GVA,
        DcGzva = NISV_OP_DC_GZVA,
        DcMaint = NISV_OP_DC_MAINT,
        SveLoad = NISV_OP_SVE_LOAD,
        SveStore = NISV_OP_SVE_STORE,
        SveLoadRepl = NISV_OP_SVE_LOAD_REPL,
    }
}

c_enum! {
    /// Register class of the transfer registers (`nisv_rclass`).
    RegClass {
        /// No transfer register (DC by VA uses Rt as the address).
        None = NISV_RC_NONE,
        W = NISV_RC_W,
        X = NISV_RC_X,
        V = NISV_RC_V,
        Z = NISV_RC_Z,
        P = NISV_RC_P,
        Za = NISV_RC_ZA,
        ZaH = NISV_RC_ZA_H,
        ZaV = NISV_RC_ZA_V,
        Zt0 = NISV_RC_ZT0,
    }
}

c_enum! {
    /// How the address is formed (`nisv_addr_mode`).
    AddrMode {
        Base = NISV_AM_BASE,
        Offset = NISV_AM_OFFSET,
        Pre = NISV_AM_PRE,
        Post = NISV_AM_POST,
        Reg = NISV_AM_REG,
        PostReg = NISV_AM_POST_REG,
        Literal = NISV_AM_LITERAL,
        MulVl = NISV_AM_MUL_VL,
        VecImm = NISV_AM_VEC_IMM,
        ScalarVec = NISV_AM_SCALAR_VEC,
        VecScalar = NISV_AM_VEC_SCALAR,
    }
}

c_enum! {
    /// The extension of an offset register (`nisv_extend`).
    Extend {
        Uxtw = NISV_EXT_UXTW,
        /// UXTX
        Lsl = NISV_EXT_LSL,
        Sxtw = NISV_EXT_SXTW,
        Sxtx = NISV_EXT_SXTX,
    }
}

c_enum! {
    /// An atomic memory operation (`nisv_atomic`).
    AtomicOp {
        Add = NISV_AT_ADD,
        /// AND NOT
        Clr = NISV_AT_CLR,
        Eor = NISV_AT_EOR,
        /// OR
        Set = NISV_AT_SET,
        Smax = NISV_AT_SMAX,
        Smin = NISV_AT_SMIN,
        Umax = NISV_AT_UMAX,
        Umin = NISV_AT_UMIN,
        Swp = NISV_AT_SWP,
    }
}

c_enum! {
    /// The cache maintenance of a DC by VA (`nisv_dc`).
    DcOp {
        Ivac = NISV_DC_IVAC,
        Cvac = NISV_DC_CVAC,
        Cvau = NISV_DC_CVAU,
        Civac = NISV_DC_CIVAC,
        Cvap = NISV_DC_CVAP,
        Cvadp = NISV_DC_CVADP,
    }
}

/// A set of bit flags over a raw integer.
macro_rules! flags {
    ($(#[$doc:meta])* $name:ident : $raw:ty { $($(#[$fdoc:meta])* $flag:ident = $c:ident,)* }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
        pub struct $name(pub $raw);

        impl $name {
            $($(#[$fdoc])* pub const $flag: Self = Self(sys::$c as $raw);)*

            /// Every flag of `other` is set.
            pub fn contains(self, other: Self) -> bool {
                self.0 & other.0 == other.0
            }
        }

        impl std::ops::BitOr for $name {
            type Output = Self;
            fn bitor(self, other: Self) -> Self {
                Self(self.0 | other.0)
            }
        }
    };
}
pub(crate) use flags;

flags! {
    /// `nisv_insn.flags` (`NISV_F_*`).
    InsnFlags: u16 {
        SIGNED = NISV_F_SIGNED,
        ACQUIRE = NISV_F_ACQUIRE,
        RELEASE = NISV_F_RELEASE,
        RCPC = NISV_F_RCPC,
        UNPRIV = NISV_F_UNPRIV,
        NONTEMP = NISV_F_NONTEMP,
        PAC = NISV_F_PAC,
        PAC_KEY_B = NISV_F_PAC_KEY_B,
        TAG = NISV_F_TAG,
        NO_RESULT = NISV_F_NO_RESULT,
        FIRST_FAULT = NISV_F_FIRST_FAULT,
        NON_FAULT = NISV_F_NON_FAULT,
        PRED_AS_COUNTER = NISV_F_PRED_AS_COUNTER,
    }
}

/// `pg` of an SVE access that no predicate governs (LDR/STR).
pub const PG_ALL: u8 = sys::NISV_PG_ALL as u8;

/// One decoded memory instruction: the fields of `nisv_insn` (include/nisv.h
/// says what each holds). Fields a form does not have are 0; `atomic` and
/// `dc` mean something only for [`Op::Atomic`] and [`Op::DcMaint`].
/// `Display` prints it in the syntax of binutils objdump, with a literal's
/// target relative to address 0 ([`Insn::display_at`] takes the PC).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Insn {
    pub word: u32,
    pub op: Op,
    pub rclass: RegClass,
    pub esize_log2: u8,
    pub nregs: u8,
    pub selem: u8,
    pub vbytes: u8,
    pub lane: u8,
    pub atomic: AtomicOp,
    pub dc: DcOp,
    pub rt: u8,
    pub rt2: u8,
    pub rs: u8,
    pub rn: u8,
    pub rm: u8,
    pub addr: AddrMode,
    /// The extension of Rm (`AddrMode::Reg`, `AddrMode::ScalarVec`).
    pub extend: Option<Extend>,
    pub shift: u8,
    pub pg: u8,
    pub flags: InsnFlags,
    pub imm: i64,
    pub msize_log2: u8,
    pub rstride: u8,
}

impl Insn {
    /// The instruction of a `nisv_insn`; None for `NISV_OP_NONE` or a value
    /// this binding does not know (a newer library).
    pub fn from_raw(raw: &sys::nisv_insn) -> Option<Insn> {
        Some(Insn {
            word: raw.word,
            op: Op::from_raw(raw.op.into())?,
            rclass: RegClass::from_raw(raw.rclass.into())?,
            esize_log2: raw.esize_log2,
            nregs: raw.nregs,
            selem: raw.selem,
            vbytes: raw.vbytes,
            lane: raw.lane,
            atomic: AtomicOp::from_raw(raw.atomic.into())?,
            dc: DcOp::from_raw(raw.dc.into())?,
            rt: raw.rt,
            rt2: raw.rt2,
            rs: raw.rs,
            rn: raw.rn,
            rm: raw.rm,
            addr: AddrMode::from_raw(raw.addr.into())?,
            extend: match raw.extend {
                0 => None,
                e => Some(Extend::from_raw(e.into())?),
            },
            shift: raw.shift,
            pg: raw.pg,
            flags: InsnFlags(raw.flags),
            imm: raw.imm,
            msize_log2: raw.msize_log2,
            rstride: raw.rstride,
        })
    }

    /// Bytes of one element: `1 << esize_log2`.
    pub fn element_bytes(&self) -> u32 {
        1 << self.esize_log2
    }

    /// The name of its family, as `nisv_op_name` gives it ("LOAD", ...).
    pub fn op_name(&self) -> &'static str {
        crate::names::op_name(self.op)
    }
}

/// Decode one A64 word: the memory instruction it is, or None for every
/// other word (`nisv_decode`). Pure: a function of the word only.
pub fn decode(word: u32) -> Option<Insn> {
    let mut raw = sys::nisv_insn::default();
    // SAFETY: nisv_decode writes only *out, a valid nisv_insn.
    let status = unsafe { sys::nisv_decode(word, &mut raw) };
    if status != sys::NISV_OK {
        return None;
    }
    Insn::from_raw(&raw)
}
