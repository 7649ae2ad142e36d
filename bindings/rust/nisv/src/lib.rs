//! Safe Rust API of libnisv, which finishes the AArch64 guest memory
//! accesses a hypervisor traps and the hardware could not describe
//! (ESR_EL2.ISV == 0): decode, translate, check, perform, commit.
//!
//! - [`decode`] turns a word into an [`Insn`], printed in objdump syntax.
//! - A [`Vcpu`] runs the library over a [`Registers`] and a [`Memory`]
//!   implementation; [`Vcpu::handle_abort`] is the exit handler's call.
//!   Results are [`Outcome`]s (done, retry, guest fault) or [`Error`]s.
//! - [`Bus`] (feature `vm-memory`) is a ready [`Memory`]: a vm-memory
//!   `GuestMemory` (e.g. `GuestMemoryMmap`) as RAM, plus MMIO devices.
//!
//! Callbacks that return an error or panic stop the call with
//! [`Error::Callback`]; no panic crosses into C.
//!
//! ```
//! let insn = nisv::decode(0xa981_0861).unwrap();
//! assert_eq!(insn.to_string(), "stp x1, x2, [x3, #16]!");
//! assert_eq!((insn.op, insn.nregs, insn.imm), (nisv::Op::Store, 2, 16));
//! ```
//!
//! docs/guide-rust.md wires it into a rust-vmm exit loop.

#[cfg(feature = "vm-memory")]
mod bus;
mod display;
mod display_sve;
mod insn;
mod memory;
mod names;
mod outcome;
mod regs;
mod trampoline;
mod vcpu;

#[cfg(feature = "vm-memory")]
pub use bus::{Bus, BusLock, DevicePolicy, MmioDevice};
pub use display::AtPc;
pub use insn::{decode, AddrMode, AtomicOp, DcOp, Extend, Insn, InsnFlags, Op, RegClass, PG_ALL};
pub use memory::{Access, Cas, MemFlags, Memory, Page};
pub use outcome::{
    CallbackError, Done, Error, Fault, FaultKind, FaultMode, Outcome, Result, Status,
};
pub use regs::{Reg, RegisterFile, Registers, VecFile};
pub use vcpu::{Abort, Checked, Description, Features, Vcpu, XlatFlags};

/// The library's version (major << 16 | minor << 8 | patch), as linked.
pub fn library_version() -> u32 {
    // SAFETY: a constant.
    unsafe { nisv_sys::nisv_version() }
}
