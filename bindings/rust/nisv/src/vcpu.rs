//! One vCPU: the library's opaque `nisv_vcpu` bound to a register and a
//! memory implementation.

use std::ptr::{addr_of, addr_of_mut, NonNull};

use nisv_sys as sys;

use crate::insn::flags;
use crate::outcome::{outcome, Fault, FaultMode, Outcome, Result};
use crate::trampoline::{mem_ops, reg_ops};
use crate::{CallbackError, Error, Insn, Memory, Registers};

flags! {
    /// Architecture features of the guest CPU (`NISV_FEAT_*`).
    Features: u32 {
        LSE2 = NISV_FEAT_LSE2,
        LPA = NISV_FEAT_LPA,
        LPA2 = NISV_FEAT_LPA2,
        LVA = NISV_FEAT_LVA,
        HAFDBS = NISV_FEAT_HAFDBS,
        MTE = NISV_FEAT_MTE,
    }
}

flags! {
    /// The access [`Vcpu::translate`] checks, as the AT instructions do.
    XlatFlags: u32 {
        WRITE = NISV_XLAT_WRITE,
        FETCH = NISV_XLAT_FETCH,
        EL0 = NISV_XLAT_EL0,
        PAN = NISV_XLAT_PAN,
    }
}

/// A data abort the hypervisor took (`nisv_abort`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Abort {
    /// ESR_EL2, or only its ISS when `iss_only` (KVM's sanitized esr_iss).
    pub esr: u64,
    /// The faulting IPA, byte-exact (HPFAR_EL2.FIPA:FAR[11:0]).
    pub ipa: u64,
    /// FAR_EL2, when valid.
    pub far: Option<u64>,
    pub iss_only: bool,
}

impl Abort {
    fn raw(&self) -> sys::nisv_abort {
        let flag = |on: bool, f: u32| if on { f } else { 0 };
        sys::nisv_abort {
            esr: self.esr,
            ipa: self.ipa,
            far: self.far.unwrap_or(0),
            flags: flag(self.far.is_some(), sys::NISV_ABORT_FAR_VALID)
                | flag(self.iss_only, sys::NISV_ABORT_ISS_ONLY),
        }
    }
}

/// [`Vcpu::describe`]: the access an instruction would make.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Description {
    pub insn: Insn,
    /// The first byte, as the guest addresses it.
    pub va: u64,
    /// Bytes accessed (0: no data access, e.g. PRFM).
    pub len: u32,
    pub write: bool,
    pub read: bool,
    /// The first page is Device memory.
    pub device: bool,
    /// (va, ipa, len) of each page: one, or two for a page-crossing access.
    pub pages: [(u64, u64, u32); 2],
    pub npages: u8,
    /// Bit r: register r is read / written on success.
    pub regs_read: u64,
    pub regs_written: u64,
    /// Bit n: V[n] (Z[n]) is read / written.
    pub vregs_read: u32,
    pub vregs_written: u32,
    /// Bit n: SVE P[n] is read / written.
    pub pregs_read: u16,
    pub pregs_written: u16,
}

/// [`Vcpu::describe`] and [`Vcpu::translate`] end with a value or a fault.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Checked<T> {
    Ok(T),
    Fault(Fault),
}

/// What nisv holds a pointer to (the callbacks' context): one heap block,
/// reached only through a raw pointer so that no Rust reference to the
/// whole of it exists while the library runs.
pub(crate) struct Inner<R, M> {
    raw: sys::nisv_vcpu,
    reg_ops: sys::nisv_reg_ops,
    mem_ops: sys::nisv_mem_ops,
    pub(crate) regs: R,
    pub(crate) mem: M,
    pub(crate) error: Option<CallbackError>,
}

/// One guest vCPU. Create one per vCPU; different ones may run on
/// different threads at once (the library holds no global state).
pub struct Vcpu<R: Registers, M: Memory> {
    inner: NonNull<Inner<R, M>>,
}

// SAFETY: the library keeps no thread-bound state in a nisv_vcpu; the
// implementations it calls back move with it.
unsafe impl<R: Registers + Send, M: Memory + Send> Send for Vcpu<R, M> {}
// SAFETY: &self methods only read the settings (nisv_vcpu_features & co.).
unsafe impl<R: Registers + Sync, M: Memory + Sync> Sync for Vcpu<R, M> {}

impl<R: Registers, M: Memory> Vcpu<R, M> {
    /// A vCPU over `regs` and `mem` (`nisv_vcpu_init`): faults reported,
    /// no optional features, no SVE, 48-bit physical addresses.
    pub fn new(regs: R, mem: M) -> Result<Self> {
        let inner = Box::new(Inner {
            raw: sys::nisv_vcpu::default(),
            reg_ops: reg_ops::<R, M>(),
            mem_ops: mem_ops::<R, M>(),
            regs,
            mem,
            error: None,
        });
        let vcpu = Vcpu {
            inner: NonNull::from(Box::leak(inner)),
        };
        let p = vcpu.inner.as_ptr();
        // SAFETY: every pointer is into the live block, which stays where
        // it is until drop.
        let status = unsafe {
            let ctx = p as *mut std::os::raw::c_void;
            sys::nisv_vcpu_init(
                addr_of_mut!((*p).raw),
                addr_of!((*p).reg_ops),
                ctx,
                addr_of!((*p).mem_ops),
                ctx,
            )
        };
        match status {
            sys::NISV_OK => Ok(vcpu),
            _ => Err(Error::InvalidArgument),
        }
    }

    fn raw(&self) -> *mut sys::nisv_vcpu {
        // SAFETY: a field of the live block; no reference is made.
        unsafe { addr_of_mut!((*self.inner.as_ptr()).raw) }
    }

    /// Run one library call, then turn a callback failure it recorded into
    /// the call's error.
    fn call<T>(&mut self, f: impl FnOnce(*mut sys::nisv_vcpu) -> Result<T>) -> Result<T> {
        let result = f(self.raw());
        // SAFETY: the call has returned: nothing else refers to the block.
        match unsafe { (*self.inner.as_ptr()).error.take() } {
            Some(e) => Err(Error::Callback(e)),
            None => result,
        }
    }

    /// Emulate the instruction `word` at the vCPU's PC (`nisv_emulate`).
    pub fn emulate(&mut self, word: u32) -> Result<Outcome> {
        self.call(|v| {
            let mut res = sys::nisv_result::default();
            // SAFETY: v is initialised; res is a valid out pointer.
            let status = unsafe { sys::nisv_emulate(v, word, &mut res) };
            outcome(status, &res)
        })
    }

    /// Finish a data abort taken from the guest (`nisv_handle_abort`): from
    /// the syndrome (ISV=1), as cache maintenance (CM=1), or by fetching,
    /// decoding and emulating the instruction at PC (ISV=0).
    pub fn handle_abort(&mut self, abort: &Abort) -> Result<Outcome> {
        let raw = abort.raw();
        self.call(|v| {
            let mut res = sys::nisv_result::default();
            // SAFETY: as for emulate.
            let status = unsafe { sys::nisv_handle_abort(v, &raw, &mut res) };
            outcome(status, &res)
        })
    }

    /// Take a fault that a call reported (`nisv_inject`).
    pub fn inject(&mut self, fault: &Fault) -> Result<()> {
        self.call(|v| {
            // SAFETY: fault.raw is the nisv_result the library filled.
            let status = unsafe { sys::nisv_inject(v, &fault.raw) };
            match status {
                sys::NISV_OK => Ok(()),
                sys::NISV_CALLBACK_ERROR => Err(Error::Callback(CallbackError::new("inject"))),
                _ => Err(Error::InvalidArgument),
            }
        })
    }

    /// Plan and check the instruction without performing it (`nisv_describe`).
    pub fn describe(&mut self, word: u32) -> Result<Checked<Description>> {
        self.call(|v| {
            let mut out = sys::nisv_description::default();
            let mut res = sys::nisv_result::default();
            // SAFETY: valid out pointers.
            let status = unsafe { sys::nisv_describe(v, word, &mut out, &mut res) };
            match outcome(status, &res)? {
                Outcome::Fault(f) => Ok(Checked::Fault(f)),
                _ => Ok(Checked::Ok(
                    description(&out).ok_or(Error::InvalidArgument)?,
                )),
            }
        })
    }

    /// Stage-1 translation of `va` with the permission check of `flags`
    /// (`nisv_translate`): the IPA, or the fault AT would report.
    pub fn translate(&mut self, va: u64, flags: XlatFlags) -> Result<Checked<u64>> {
        self.call(|v| {
            let mut ipa = 0;
            let mut res = sys::nisv_result::default();
            // SAFETY: valid out pointers.
            let status = unsafe { sys::nisv_translate(v, va, flags.0, &mut ipa, &mut res) };
            match outcome(status, &res)? {
                Outcome::Fault(f) => Ok(Checked::Fault(f)),
                _ => Ok(Checked::Ok(ipa)),
            }
        })
    }

    pub fn set_fault_mode(&mut self, mode: FaultMode) {
        let mode = match mode {
            FaultMode::Report => sys::NISV_FAULTS_REPORT,
            FaultMode::Inject => sys::NISV_FAULTS_INJECT,
        };
        // SAFETY: a setting of an initialised vCPU.
        unsafe { sys::nisv_vcpu_set_fault_mode(self.raw(), mode) }
    }

    pub fn set_features(&mut self, features: Features) {
        // SAFETY: as for set_fault_mode.
        unsafe { sys::nisv_vcpu_set_features(self.raw(), features.0) }
    }

    pub fn features(&self) -> Features {
        // SAFETY: reads a setting.
        Features(unsafe { sys::nisv_vcpu_features(self.raw()) })
    }

    /// The implemented SVE and SME vector lengths, as KVM_REG_ARM64_SVE_VLS:
    /// bit i means 128 * (i + 1) bits.
    pub fn set_vector_lengths(&mut self, sve_vqs: u32, sme_vqs: u32) {
        // SAFETY: as for set_fault_mode.
        unsafe { sys::nisv_vcpu_set_vector_lengths(self.raw(), sve_vqs, sme_vqs) }
    }

    pub fn vector_lengths(&self) -> (u32, u32) {
        // SAFETY: reads settings.
        unsafe {
            (
                sys::nisv_vcpu_sve_vqs(self.raw()),
                sys::nisv_vcpu_sme_vqs(self.raw()),
            )
        }
    }

    /// The implemented physical address size in bits (32..52).
    pub fn set_pa_bits(&mut self, bits: u32) {
        // SAFETY: as for set_fault_mode.
        unsafe { sys::nisv_vcpu_set_pa_bits(self.raw(), bits) }
    }

    pub fn pa_bits(&self) -> u32 {
        // SAFETY: reads a setting.
        unsafe { sys::nisv_vcpu_pa_bits(self.raw()) }
    }

    /// Clear the local exclusive monitor (e.g. on an ERET).
    pub fn clear_exclusive(&mut self) {
        // SAFETY: as for set_fault_mode.
        unsafe { sys::nisv_clear_exclusive(self.raw()) }
    }

    pub fn registers(&self) -> &R {
        // SAFETY: no library call runs while self is borrowed.
        unsafe { &(*self.inner.as_ptr()).regs }
    }

    pub fn registers_mut(&mut self) -> &mut R {
        // SAFETY: as for registers.
        unsafe { &mut (*self.inner.as_ptr()).regs }
    }

    pub fn memory(&self) -> &M {
        // SAFETY: as for registers.
        unsafe { &(*self.inner.as_ptr()).mem }
    }

    pub fn memory_mut(&mut self) -> &mut M {
        // SAFETY: as for registers.
        unsafe { &mut (*self.inner.as_ptr()).mem }
    }

    /// Both implementations at once (e.g. the KVM vCPU inside the registers
    /// and the devices inside the memory, in an exit loop).
    pub fn parts_mut(&mut self) -> (&mut R, &mut M) {
        let p = self.inner.as_ptr();
        // SAFETY: as for registers; the two fields are disjoint.
        unsafe { (&mut *addr_of_mut!((*p).regs), &mut *addr_of_mut!((*p).mem)) }
    }

    /// The register and memory implementations back.
    pub fn into_parts(self) -> (R, M) {
        let inner = self.inner;
        std::mem::forget(self);
        // SAFETY: the block came from Box::leak and is owned by self alone.
        let inner = unsafe { Box::from_raw(inner.as_ptr()) };
        (inner.regs, inner.mem)
    }
}

impl<R: Registers, M: Memory> Drop for Vcpu<R, M> {
    fn drop(&mut self) {
        // SAFETY: as for into_parts.
        drop(unsafe { Box::from_raw(self.inner.as_ptr()) });
    }
}

fn description(d: &sys::nisv_description) -> Option<Description> {
    let page = |i: usize| (d.page[i].va, d.page[i].ipa, d.page[i].len);
    Some(Description {
        insn: Insn::from_raw(&d.insn)?,
        va: d.va,
        len: d.len,
        write: d.write != 0,
        read: d.read != 0,
        device: d.device != 0,
        pages: [page(0), page(1)],
        npages: d.npages,
        regs_read: d.regs_read,
        regs_written: d.regs_written,
        vregs_read: d.vregs_read,
        vregs_written: d.vregs_written,
        pregs_read: d.pregs_read,
        pregs_written: d.pregs_written,
    })
}
