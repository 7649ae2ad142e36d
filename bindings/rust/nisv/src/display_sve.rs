//! The SVE and SME loads, stores and prefetches in objdump's syntax (as
//! tools/nisv/format_sve.c prints them: binutils 2.40, and llvm-objdump-19
//! for ZT0 and the multi-vector forms).

use std::fmt::{self, Formatter, Write};

use crate::display::{base_reg, gpr};
use crate::insn::{AddrMode, Extend, Insn, InsnFlags, Op, RegClass, PG_ALL};

const MSIZE_CH: [char; 5] = ['b', 'h', 'w', 'd', 'q'];
const ESIZE_CH: [char; 5] = ['b', 'h', 's', 'd', 'q'];

fn esize_ch(d: &Insn) -> char {
    ESIZE_CH[usize::from(d.esize_log2 % 5)]
}

/// PRFB-PRFD: the SVE encoding space, op0 (bits 28:25) = 0010.
fn is_sve_prefetch(d: &Insn) -> bool {
    d.op == Op::Prefetch && (d.word >> 25) & 0xf == 0x2
}

pub(crate) fn is_sve(d: &Insn) -> bool {
    matches!(d.op, Op::SveLoad | Op::SveStore | Op::SveLoadRepl) || is_sve_prefetch(d)
}

pub(crate) fn is_sme(d: &Insn) -> bool {
    matches!(
        d.rclass,
        RegClass::Za | RegClass::ZaH | RegClass::ZaV | RegClass::Zt0
    )
}

fn vector_addressed(d: &Insn) -> bool {
    matches!(
        d.addr,
        AddrMode::VecImm | AddrMode::ScalarVec | AddrMode::VecScalar
    )
}

/// za3h.s[w12, 1] (a tile slice), za[w13, 15] (an array vector), zt0.
fn sme_operand(d: &Insn, f: &mut dyn Write) -> fmt::Result {
    match d.rclass {
        RegClass::Zt0 => f.write_str("zt0"),
        RegClass::Za => write!(f, "za[w{}, {}]", d.rs, d.lane),
        _ => {
            let hv = if d.rclass == RegClass::ZaV { 'v' } else { 'h' };
            write!(f, "za{}{hv}.{}[w{}, {}]", d.rt, esize_ch(d), d.rs, d.lane)
        }
    }
}

/// z<r>.s / z<r>.d: a vector of addresses or offsets (the .Q gathers'
/// bases are doublewords).
fn addr_vec(d: &Insn, r: u8, f: &mut dyn Write) -> fmt::Result {
    let e = if d.esize_log2 == 4 {
        3
    } else {
        d.esize_log2 & 3
    };
    write!(f, "z{r}.{}", ESIZE_CH[usize::from(e)])
}

/// The register number step of a transfer list (8 or 4 when strided).
fn reg_step(d: &Insn) -> u8 {
    d.rstride.max(1)
}

/// Transfer register i: z<rt+i>, p<rt>, or the SME operand.
pub(crate) fn sve_xfer_reg(d: &Insn, i: u8, f: &mut dyn Write) -> fmt::Result {
    if is_sme(d) {
        sme_operand(d, f)
    } else if d.rclass == RegClass::P {
        write!(f, "p{}", d.rt)
    } else {
        write!(
            f,
            "z{}",
            (u32::from(d.rt) + u32::from(i) * u32::from(reg_step(d))) % 32
        )
    }
}

/// SVE <prfop>: bit 3 store, bits 2:1 the cache level (3: no name), bit 0 streaming.
fn sve_prfop(f: &mut Formatter<'_>, op: u8) -> fmt::Result {
    let op = op & 15;
    let level = op >> 1 & 3;
    if level == 3 {
        return write!(f, "#{op}");
    }
    let kind = if op & 8 != 0 { "pst" } else { "pld" };
    let policy = if op & 1 != 0 { "strm" } else { "keep" };
    write!(f, "{kind}l{}{policy}", level + 1)
}

/// [Xn, Zm.S, SXTW #1], [Xn, Zm.D], [Xn, Zm.D, LSL #3]: no #0, no LSL of 0.
fn vec_offset(d: &Insn, f: &mut Formatter<'_>) -> fmt::Result {
    base_reg(f, d.rn)?;
    f.write_str(", ")?;
    addr_vec(d, d.rm, f)?;
    if d.extend != Some(Extend::Lsl) {
        let ext = if d.extend == Some(Extend::Sxtw) {
            "sxtw"
        } else {
            "uxtw"
        };
        write!(f, ", {ext}")?;
    } else if d.shift != 0 {
        f.write_str(", lsl")?;
    }
    if d.shift != 0 {
        write!(f, " #{}", d.shift)?;
    }
    Ok(())
}

fn sve_address(d: &Insn, f: &mut Formatter<'_>) -> fmt::Result {
    f.write_char('[')?;
    if vector_addressed(d) {
        if d.addr == AddrMode::ScalarVec {
            vec_offset(d, f)?;
        } else {
            addr_vec(d, d.rn, f)?;
            // LD1Q/ST1Q leave XZR out, as llvm-objdump does
            if d.addr == AddrMode::VecScalar && (d.rm != 31 || d.esize_log2 != 4) {
                f.write_str(", ")?;
                gpr(f, true, d.rm)?;
            } else if d.imm != 0 {
                write!(f, ", #{}", d.imm)?;
            }
        }
        return f.write_char(']');
    }
    base_reg(f, d.rn)?;
    match d.addr {
        AddrMode::MulVl if d.imm != 0 => write!(f, ", #{}, mul vl", d.imm)?,
        AddrMode::Reg => {
            f.write_str(", ")?;
            gpr(f, true, d.rm)?;
            if d.shift != 0 {
                write!(f, ", lsl #{}", d.shift)?;
            }
        }
        AddrMode::Offset if d.imm != 0 => write!(f, ", #{}", d.imm)?,
        _ => {}
    }
    f.write_char(']')
}

/// {z0.b}, {z0.b, z1.b}, {z0.s-z2.s}; a list that wraps past z31 is spelt
/// out, and so is a strided one ({z0.b, z8.b}).
fn sve_list(d: &Insn, f: &mut Formatter<'_>) -> fmt::Result {
    let t = esize_ch(d);
    let n = u32::from(d.nregs.max(1));
    let step = u32::from(reg_step(d));
    let rt = u32::from(d.rt);
    f.write_char('{')?;
    if n > 2 && step == 1 && rt + n - 1 < 32 {
        write!(f, "z{rt}.{t}-z{}.{t}", rt + n - 1)?;
    } else {
        for i in 0..n {
            let sep = if i > 0 { ", " } else { "" };
            write!(f, "{sep}z{}.{t}", (rt + i * step) % 32)?;
        }
    }
    f.write_char('}')
}

fn signed_s(d: &Insn) -> &'static str {
    if d.flags.contains(InsnFlags::SIGNED) {
        "s"
    } else {
        ""
    }
}

pub(crate) fn sve_insn(d: &Insn, f: &mut Formatter<'_>) -> fmt::Result {
    let load = d.op != Op::SveStore;
    let ls = if load { "ld" } else { "st" };
    let zeroing = if load { "/z" } else { "" };
    let m = MSIZE_CH[usize::from(d.msize_log2 % 5)];

    if is_sme(d) {
        if matches!(d.rclass, RegClass::ZaH | RegClass::ZaV) {
            write!(f, "{ls}1{m} {{")?;
        } else {
            write!(f, "{ls}r ")?;
        }
        sme_operand(d, f)?;
        if d.pg != PG_ALL {
            write!(f, "}}, p{}{zeroing}", d.pg)?;
        }
        f.write_str(", ")?;
        return sve_address(d, f);
    }
    if is_sve_prefetch(d) {
        write!(f, "prf{m} ")?;
        sve_prfop(f, d.rt)?;
        write!(f, ", p{}, ", d.pg)?;
        return sve_address(d, f);
    }
    if d.pg == PG_ALL {
        // LDR/STR (vector), (predicate)
        let reg = if d.rclass == RegClass::P { 'p' } else { 'z' };
        write!(f, "{ls}r {reg}{}, ", d.rt)?;
        return sve_address(d, f);
    }
    if d.op == Op::SveLoadRepl {
        let kind = match d.vbytes {
            16 => "q",
            32 => "o",
            _ => signed_s(d),
        };
        write!(f, "ld1r{kind}{m}")?;
    } else if d.selem > 1 {
        write!(f, "{ls}{}{m}", d.selem)?;
    } else if d.flags.contains(InsnFlags::NONTEMP) {
        write!(f, "{ls}nt1{}{m}", signed_s(d))?;
    } else if d.flags.contains(InsnFlags::FIRST_FAULT) {
        write!(f, "ldff1{}{m}", signed_s(d))?;
    } else if d.flags.contains(InsnFlags::NON_FAULT) {
        write!(f, "ldnf1{}{m}", signed_s(d))?;
    } else {
        write!(f, "{ls}1{}{m}", signed_s(d))?;
    }
    f.write_char(' ')?;
    sve_list(d, f)?;
    let pn = if d.flags.contains(InsnFlags::PRED_AS_COUNTER) {
        "n"
    } else {
        ""
    };
    write!(f, ", p{pn}{}{zeroing}, ", d.pg)?;
    sve_address(d, f)
}
