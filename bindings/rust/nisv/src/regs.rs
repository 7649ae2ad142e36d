//! The vCPU's registers as nisv reads and writes them.

use std::fmt::{self, Debug, Formatter};

use nisv_sys as sys;

use crate::insn::c_enum;
use crate::CallbackError;

/// A general or system register (`nisv_reg`). A newtype rather than an enum:
/// a newer library may name registers this binding does not know.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Reg(pub u32);

impl Reg {
    pub const SP_EL0: Reg = Reg(sys::NISV_SP_EL0);
    pub const SP_EL1: Reg = Reg(sys::NISV_SP_EL1);
    pub const PC: Reg = Reg(sys::NISV_PC);
    /// SPSR-format: M[3:0] (EL, SP), NZCV, DAIF, PAN, ...
    pub const PSTATE: Reg = Reg(sys::NISV_PSTATE);
    pub const SCTLR_EL1: Reg = Reg(sys::NISV_SCTLR_EL1);
    pub const TCR_EL1: Reg = Reg(sys::NISV_TCR_EL1);
    pub const TTBR0_EL1: Reg = Reg(sys::NISV_TTBR0_EL1);
    pub const TTBR1_EL1: Reg = Reg(sys::NISV_TTBR1_EL1);
    pub const MAIR_EL1: Reg = Reg(sys::NISV_MAIR_EL1);
    pub const VBAR_EL1: Reg = Reg(sys::NISV_VBAR_EL1);
    pub const ESR_EL1: Reg = Reg(sys::NISV_ESR_EL1);
    pub const FAR_EL1: Reg = Reg(sys::NISV_FAR_EL1);
    pub const ELR_EL1: Reg = Reg(sys::NISV_ELR_EL1);
    pub const SPSR_EL1: Reg = Reg(sys::NISV_SPSR_EL1);
    pub const DCZID_EL0: Reg = Reg(sys::NISV_DCZID_EL0);
    pub const ZCR_EL1: Reg = Reg(sys::NISV_ZCR_EL1);
    pub const SVCR: Reg = Reg(sys::NISV_SVCR);
    pub const SMCR_EL1: Reg = Reg(sys::NISV_SMCR_EL1);
    /// Register numbers stay below this (`NISV_REG_SLOTS`).
    pub const SLOTS: usize = sys::NISV_REG_SLOTS as usize;

    /// X0-X30.
    pub const fn x(n: u32) -> Reg {
        assert!(n <= 30);
        Reg(sys::NISV_X0 + n)
    }

    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl Debug for Reg {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        const NAMES: [&str; 18] = [
            "SP_EL0",
            "SP_EL1",
            "PC",
            "PSTATE",
            "SCTLR_EL1",
            "TCR_EL1",
            "TTBR0_EL1",
            "TTBR1_EL1",
            "MAIR_EL1",
            "VBAR_EL1",
            "ESR_EL1",
            "FAR_EL1",
            "ELR_EL1",
            "SPSR_EL1",
            "DCZID_EL0",
            "ZCR_EL1",
            "SVCR",
            "SMCR_EL1",
        ];
        match self.0 {
            n @ 0..=30 => write!(f, "X{n}"),
            n => match NAMES.get((n - sys::NISV_SP_EL0) as usize) {
                Some(name) => f.write_str(name),
                None => write!(f, "Reg({n})"),
            },
        }
    }
}

c_enum! {
    /// A vector register file, read and written as little-endian bytes
    /// (`nisv_vfile`): byte 0 holds bits [7:0].
    VecFile {
        /// V0-V31, 16 bytes. A write is an AArch64 write of V[n]: the bits
        /// of Z[n] above 127 become zero.
        V = NISV_VFILE_V,
        /// Z0-Z31, VL / 8 bytes.
        Z = NISV_VFILE_Z,
        /// P0-P15, VL / 64 bytes.
        P = NISV_VFILE_P,
        /// The first-fault register (n = 0), VL / 64 bytes.
        Ffr = NISV_VFILE_FFR,
        /// Row n of ZA, SVL / 8 bytes.
        Za = NISV_VFILE_ZA,
        /// ZT0 (n = 0), 64 bytes.
        Zt0 = NISV_VFILE_ZT0,
    }
}

/// The vCPU's registers (`nisv_reg_ops`). `get` is called lazily, at most
/// once per register per call; `set` only at commit, once per register that
/// changed. An error (or a panic) stops the call with
/// [`crate::Error::Callback`].
pub trait Registers {
    fn get(&mut self, reg: Reg) -> Result<u64, CallbackError>;
    fn set(&mut self, reg: Reg, value: u64) -> Result<(), CallbackError>;

    /// Bytes `[offset, offset + buf.len())` of register `n` of `file`. The
    /// default holds no vector registers.
    fn get_vec(
        &mut self,
        file: VecFile,
        n: u32,
        offset: u32,
        buf: &mut [u8],
    ) -> Result<(), CallbackError> {
        let _ = (n, offset, buf);
        Err(CallbackError::new(format!("no {file:?} registers")))
    }

    fn set_vec(
        &mut self,
        file: VecFile,
        n: u32,
        offset: u32,
        data: &[u8],
    ) -> Result<(), CallbackError> {
        let _ = (n, offset, data);
        Err(CallbackError::new(format!("no {file:?} registers")))
    }
}

/// A plain in-memory register state: the general and system registers by
/// number and V0-V31 (no SVE or SME files), like the C library's
/// `nisv_state` without its `sve` part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegisterFile {
    pub reg: [u64; Reg::SLOTS],
    /// V0-V31, bits [127:0].
    pub v: [u128; 32],
}

impl Default for RegisterFile {
    fn default() -> Self {
        RegisterFile {
            reg: [0; Reg::SLOTS],
            v: [0; 32],
        }
    }
}

impl std::ops::Index<Reg> for RegisterFile {
    type Output = u64;
    fn index(&self, r: Reg) -> &u64 {
        &self.reg[r.index()]
    }
}

impl std::ops::IndexMut<Reg> for RegisterFile {
    fn index_mut(&mut self, r: Reg) -> &mut u64 {
        &mut self.reg[r.index()]
    }
}

impl RegisterFile {
    /// The bytes [offset, offset + len) of V[n], if it has them.
    fn v_range(n: u32, offset: u32, len: usize) -> Option<(usize, std::ops::Range<usize>)> {
        let (n, start) = (n as usize, offset as usize);
        (n < 32 && start + len <= 16).then(|| (n, start..start + len))
    }
}

impl Registers for RegisterFile {
    fn get(&mut self, reg: Reg) -> Result<u64, CallbackError> {
        self.reg
            .get(reg.index())
            .copied()
            .ok_or_else(|| CallbackError::new(format!("no register {reg:?}")))
    }

    fn set(&mut self, reg: Reg, value: u64) -> Result<(), CallbackError> {
        let slot = self
            .reg
            .get_mut(reg.index())
            .ok_or_else(|| CallbackError::new(format!("no register {reg:?}")))?;
        *slot = value;
        Ok(())
    }

    fn get_vec(
        &mut self,
        file: VecFile,
        n: u32,
        offset: u32,
        buf: &mut [u8],
    ) -> Result<(), CallbackError> {
        match (file, RegisterFile::v_range(n, offset, buf.len())) {
            (VecFile::V, Some((n, range))) => {
                buf.copy_from_slice(&self.v[n].to_le_bytes()[range]);
                Ok(())
            }
            _ => Err(CallbackError::new(format!(
                "no {file:?}{n} bytes at {offset}"
            ))),
        }
    }

    fn set_vec(
        &mut self,
        file: VecFile,
        n: u32,
        offset: u32,
        data: &[u8],
    ) -> Result<(), CallbackError> {
        match (file, RegisterFile::v_range(n, offset, data.len())) {
            (VecFile::V, Some((n, range))) => {
                let mut bytes = self.v[n].to_le_bytes();
                bytes[range].copy_from_slice(data);
                self.v[n] = u128::from_le_bytes(bytes);
                Ok(())
            }
            _ => Err(CallbackError::new(format!(
                "no {file:?}{n} bytes at {offset}"
            ))),
        }
    }
}
