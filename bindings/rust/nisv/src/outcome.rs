//! What a call returns: statuses, outcomes, faults and errors as Rust types.

use std::fmt::{self, Display, Formatter};

use nisv_sys as sys;

use crate::insn::{c_enum, Insn};

c_enum! {
    /// The library's status codes (`nisv_status`).
    Status {
        Ok = NISV_OK,
        Retry = NISV_RETRY,
        Fault = NISV_FAULT,
        Unsupported = NISV_UNSUPPORTED,
        CallbackError = NISV_CALLBACK_ERROR,
        InvalidArgument = NISV_INVALID_ARGUMENT,
    }
}

impl Display for Status {
    /// The C constant's name, e.g. "NISV_OK".
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(crate::names::status_name(*self))
    }
}

c_enum! {
    /// The guest exception that is due (`nisv_fault_kind`).
    FaultKind {
        /// DFSC 0x21
        Alignment = NISV_FAULT_ALIGNMENT,
        /// Synchronous external abort, DFSC 0x10
        External = NISV_FAULT_EXTERNAL,
        /// DFSC 0x35: an exclusive or atomic the location does not support
        UnsupportedExcl = NISV_FAULT_UNSUPPORTED_EXCL,
        /// Not a memory instruction, or a prohibited one
        Undefined = NISV_FAULT_UNDEFINED,
        SpAlignment = NISV_FAULT_SP_ALIGNMENT,
        AddressSize = NISV_FAULT_ADDRESS_SIZE,
        Translation = NISV_FAULT_TRANSLATION,
        AccessFlag = NISV_FAULT_ACCESS_FLAG,
        Permission = NISV_FAULT_PERMISSION,
        WalkExternal = NISV_FAULT_WALK_EXTERNAL,
        /// EC 0x18: DC at EL0 without SCTLR_EL1.DZE/UCI
        SysTrap = NISV_FAULT_SYS_TRAP,
        /// EC 0x22
        PcAlignment = NISV_FAULT_PC_ALIGNMENT,
    }
}

/// An emulation that completed (`NISV_OK`): registers committed, PC += 4.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Done {
    /// The instruction (None for a trap finished from the syndrome alone).
    pub insn: Option<Insn>,
    /// The access's virtual address (for a trap finished from the
    /// syndrome alone, the FAR) and whether it writes.
    pub va: u64,
    pub write: bool,
}

/// A guest exception that is due (`NISV_FAULT`).
#[derive(Clone, Copy, Debug)]
pub struct Fault {
    pub kind: FaultKind,
    /// ESR_EL1 of the exception.
    pub esr: u32,
    /// The FAR (the faulting access's VA).
    pub far: u64,
    /// The faulting access writes.
    pub write: bool,
    /// Already taken through the registers ([`FaultMode::Inject`]).
    pub injected: bool,
    /// Lookup level of a translation, access flag or permission fault.
    pub level: i8,
    /// The instruction, when it decoded.
    pub insn: Option<Insn>,
    pub(crate) raw: sys::nisv_result,
}

impl PartialEq for Fault {
    fn eq(&self, o: &Fault) -> bool {
        (
            self.kind,
            self.esr,
            self.far,
            self.write,
            self.injected,
            self.level,
            self.insn,
        ) == (o.kind, o.esr, o.far, o.write, o.injected, o.level, o.insn)
    }
}

/// How a call that ran ended.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Outcome {
    /// Emulated: registers committed, PC advanced. Re-enter the guest.
    Done(Done),
    /// The fault was stale (the guest changed the instruction or the
    /// mapping): nothing was done. Re-enter the guest.
    Retry,
    /// A guest exception is due; with [`FaultMode::Inject`] it was taken.
    Fault(Fault),
}

impl Outcome {
    pub fn status(&self) -> Status {
        match self {
            Outcome::Done(_) => Status::Ok,
            Outcome::Retry => Status::Retry,
            Outcome::Fault(_) => Status::Fault,
        }
    }
}

/// A callback's failure: what it returned, or the panic it raised (caught
/// at the FFI boundary).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallbackError {
    Failed(String),
    Panicked(String),
}

impl CallbackError {
    pub fn new(message: impl Into<String>) -> CallbackError {
        CallbackError::Failed(message.into())
    }
}

impl Display for CallbackError {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            CallbackError::Failed(m) => write!(f, "callback failed: {m}"),
            CallbackError::Panicked(m) => write!(f, "callback panicked: {m}"),
        }
    }
}

impl std::error::Error for CallbackError {}

/// What stops a call from running.
#[derive(Clone, Debug, PartialEq)]
pub enum Error {
    /// Not a memory instruction (`insn` None: the guest gets UNDEFINED), or
    /// one nisv does not emulate yet.
    Unsupported { insn: Option<Insn> },
    /// A register or memory callback failed; the first failure. Registers
    /// are written only at commit, so only a memory callback failing midway
    /// or a register write at commit leaves anything written.
    Callback(CallbackError),
    /// An inconsistent setup.
    InvalidArgument,
}

impl Error {
    pub fn status(&self) -> Status {
        match self {
            Error::Unsupported { .. } => Status::Unsupported,
            Error::Callback(_) => Status::CallbackError,
            Error::InvalidArgument => Status::InvalidArgument,
        }
    }
}

impl Display for Error {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Error::Unsupported { insn: Some(i) } => write!(f, "not emulated: {i}"),
            Error::Unsupported { insn: None } => f.write_str("not a memory instruction"),
            Error::Callback(e) => e.fmt(f),
            Error::InvalidArgument => f.write_str("invalid argument"),
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;

/// What nisv does with a guest fault.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FaultMode {
    /// Return [`Outcome::Fault`]; the caller injects it (or [`crate::Vcpu::inject`]).
    Report,
    /// Also take it: ESR/FAR/ELR/SPSR_EL1, PSTATE and PC are written.
    Inject,
}

impl Fault {
    pub(crate) fn from_raw(raw: &sys::nisv_result) -> Option<Fault> {
        Some(Fault {
            kind: FaultKind::from_raw(raw.fault.into())?,
            esr: raw.esr,
            far: raw.va,
            write: raw.write != 0,
            injected: raw.injected != 0,
            level: raw.level,
            insn: Insn::from_raw(&raw.insn),
            raw: *raw,
        })
    }
}

/// The Rust result of a call's status and `nisv_result`.
pub(crate) fn outcome(status: sys::nisv_status, res: &sys::nisv_result) -> Result<Outcome> {
    match Status::from_raw(status) {
        Some(Status::Ok) => Ok(Outcome::Done(Done {
            insn: Insn::from_raw(&res.insn),
            va: res.va,
            write: res.write != 0,
        })),
        Some(Status::Retry) => Ok(Outcome::Retry),
        Some(Status::Fault) => Fault::from_raw(res)
            .map(Outcome::Fault)
            .ok_or(Error::InvalidArgument),
        Some(Status::Unsupported) => Err(Error::Unsupported {
            insn: Insn::from_raw(&res.insn),
        }),
        Some(Status::CallbackError) => Err(Error::Callback(CallbackError::new(
            "the library reported a callback error",
        ))),
        Some(Status::InvalidArgument) | None => Err(Error::InvalidArgument),
    }
}
