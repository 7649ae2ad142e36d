//! The library's printable names of its enums (src/names.c).

use std::ffi::CStr;
use std::os::raw::c_char;

use nisv_sys as sys;

use crate::insn::Op;
use crate::Status;

/// A name the library returns: a static, NUL-terminated ASCII string.
fn static_name(p: *const c_char) -> &'static str {
    // SAFETY: the library's names are string literals (never NULL).
    unsafe { CStr::from_ptr(p) }.to_str().unwrap_or("?")
}

pub(crate) fn status_name(s: Status) -> &'static str {
    // SAFETY: a pure lookup.
    static_name(unsafe { sys::nisv_status_name(s.raw()) })
}

pub(crate) fn op_name(op: Op) -> &'static str {
    // SAFETY: a pure lookup.
    static_name(unsafe { sys::nisv_op_name(op.raw()) })
}
