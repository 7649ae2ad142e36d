//! The extern "C" callbacks nisv calls: each turns its arguments into Rust
//! types, calls the Registers or Memory implementation inside
//! catch_unwind, and records the first error or panic for the Vcpu to
//! return. No panic crosses the FFI boundary.

use std::os::raw::{c_int, c_uint, c_void};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr::addr_of_mut;
use std::slice;

use nisv_sys as sys;

use crate::memory::{Access, Cas, MemFlags, Memory};
use crate::regs::{Reg, Registers, VecFile};
use crate::vcpu::Inner;
use crate::CallbackError;

fn panic_message(payload: Box<dyn std::any::Any + Send>) -> String {
    match payload.downcast::<String>() {
        Ok(s) => *s,
        Err(payload) => payload
            .downcast_ref::<&str>()
            .map_or_else(|| "(not a string)".into(), |s| s.to_string()),
    }
}

/// Run `f` on the implementation `part` picks out of the context `ctx`;
/// on an error or a panic, record it (the first one) and return `failed`.
///
/// SAFETY: ctx is the `Inner<R, M>` the Vcpu gave nisv, and nisv calls back
/// only while a Vcpu method that holds it exclusively runs.
unsafe fn guard<R, M, P, T>(
    ctx: *mut c_void,
    failed: T,
    part: impl FnOnce(*mut Inner<R, M>) -> *mut P,
    f: impl FnOnce(&mut P) -> Result<T, CallbackError>,
) -> T {
    let inner = ctx as *mut Inner<R, M>;
    let target = &mut *part(inner);
    let error = match catch_unwind(AssertUnwindSafe(|| f(target))) {
        Ok(Ok(value)) => return value,
        Ok(Err(e)) => e,
        Err(payload) => CallbackError::Panicked(panic_message(payload)),
    };
    let slot = &mut *addr_of_mut!((*inner).error);
    slot.get_or_insert(error);
    failed
}

fn regs<R, M>(p: *mut Inner<R, M>) -> *mut R {
    // SAFETY: p points to a live Inner (guard's contract); no reference is made.
    unsafe { addr_of_mut!((*p).regs) }
}

fn mem<R, M>(p: *mut Inner<R, M>) -> *mut M {
    // SAFETY: as for regs.
    unsafe { addr_of_mut!((*p).mem) }
}

fn vec_file(file: c_uint) -> Result<VecFile, CallbackError> {
    VecFile::from_raw(file).ok_or_else(|| CallbackError::new(format!("unknown vector file {file}")))
}

/// A byte buffer from nisv (NULL allowed when empty).
unsafe fn bytes<'a>(p: *const c_void, len: u32) -> &'a [u8] {
    if len == 0 {
        &[]
    } else {
        slice::from_raw_parts(p as *const u8, len as usize)
    }
}

unsafe fn bytes_mut<'a>(p: *mut c_void, len: u32) -> &'a mut [u8] {
    if len == 0 {
        &mut []
    } else {
        slice::from_raw_parts_mut(p as *mut u8, len as usize)
    }
}

unsafe extern "C" fn reg_get<R: Registers, M>(
    ctx: *mut c_void,
    reg: c_uint,
    val: *mut u64,
) -> c_int {
    guard(ctx, -1, regs::<R, M>, |r: &mut R| {
        *val = r.get(Reg(reg))?;
        Ok(0)
    })
}

unsafe extern "C" fn reg_set<R: Registers, M>(ctx: *mut c_void, reg: c_uint, val: u64) -> c_int {
    guard(ctx, -1, regs::<R, M>, |r: &mut R| {
        r.set(Reg(reg), val).map(|()| 0)
    })
}

unsafe extern "C" fn vec_get<R: Registers, M>(
    ctx: *mut c_void,
    file: c_uint,
    n: c_uint,
    offset: u32,
    buf: *mut c_void,
    len: u32,
) -> c_int {
    guard(ctx, -1, regs::<R, M>, |r: &mut R| {
        r.get_vec(vec_file(file)?, n, offset, bytes_mut(buf, len))
            .map(|()| 0)
    })
}

unsafe extern "C" fn vec_set<R: Registers, M>(
    ctx: *mut c_void,
    file: c_uint,
    n: c_uint,
    offset: u32,
    buf: *const c_void,
    len: u32,
) -> c_int {
    guard(ctx, -1, regs::<R, M>, |r: &mut R| {
        r.set_vec(vec_file(file)?, n, offset, bytes(buf, len))
            .map(|()| 0)
    })
}

unsafe extern "C" fn mem_read<R, M: Memory>(
    ctx: *mut c_void,
    ipa: u64,
    buf: *mut c_void,
    len: u32,
    flags: c_uint,
) -> c_int {
    guard(ctx, -1, mem::<R, M>, |m: &mut M| {
        m.read(ipa, bytes_mut(buf, len), MemFlags(flags))
            .map(|()| 0)
    })
}

unsafe extern "C" fn mem_write<R, M: Memory>(
    ctx: *mut c_void,
    ipa: u64,
    buf: *const c_void,
    len: u32,
    flags: c_uint,
) -> c_int {
    guard(ctx, -1, mem::<R, M>, |m: &mut M| {
        m.write(ipa, bytes(buf, len), MemFlags(flags)).map(|()| 0)
    })
}

unsafe extern "C" fn mem_lock<R, M: Memory>(ctx: *mut c_void) {
    guard(ctx, (), mem::<R, M>, |m: &mut M| {
        m.lock();
        Ok(())
    })
}

unsafe extern "C" fn mem_unlock<R, M: Memory>(ctx: *mut c_void) {
    guard(ctx, (), mem::<R, M>, |m: &mut M| {
        m.unlock();
        Ok(())
    })
}

unsafe extern "C" fn mem_cas64<R, M: Memory>(
    ctx: *mut c_void,
    ipa: u64,
    expected: *mut u64,
    desired: u64,
) -> c_int {
    guard(ctx, -1, mem::<R, M>, |m: &mut M| {
        Ok(match m.cas64(ipa, *expected, desired)? {
            Cas::Swapped => 0,
            Cas::Mismatch(current) => {
                *expected = current;
                1
            }
        })
    })
}

/// A panicking check is a callback error; the instruction meanwhile
/// faults with nothing performed.
unsafe extern "C" fn mem_check<R, M: Memory>(
    ctx: *mut c_void,
    access: *mut sys::nisv_access,
) -> c_int {
    let external = sys::NISV_FAULT_EXTERNAL as c_int;
    guard(ctx, external, mem::<R, M>, |m: &mut M| {
        Ok(match m.check(&Access::from_raw(&*access)) {
            Ok(()) => 0,
            Err(kind) => kind.raw() as c_int,
        })
    })
}

pub(crate) fn reg_ops<R: Registers, M>() -> sys::nisv_reg_ops {
    sys::nisv_reg_ops {
        get: Some(reg_get::<R, M>),
        set: Some(reg_set::<R, M>),
        get_vec: Some(vec_get::<R, M>),
        set_vec: Some(vec_set::<R, M>),
    }
}

pub(crate) fn mem_ops<R, M: Memory>() -> sys::nisv_mem_ops {
    sys::nisv_mem_ops {
        read: Some(mem_read::<R, M>),
        write: Some(mem_write::<R, M>),
        lock: Some(mem_lock::<R, M>),
        unlock: Some(mem_unlock::<R, M>),
        cas64: Some(mem_cas64::<R, M>),
        check: Some(mem_check::<R, M>),
        ram_map: None,
        reserved_: [std::ptr::null_mut(); 2],
    }
}
