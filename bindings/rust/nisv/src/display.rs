//! An instruction in the syntax of binutils objdump, from the `Insn` fields
//! alone: the same text as `nisv decode` prints (tools/nisv/format.c; the
//! nisv-check crate compares the two on many words).

use std::fmt::{self, Display, Formatter, Write};

use crate::display_sve::{is_sme, is_sve, sve_insn, sve_xfer_reg};
use crate::insn::{AddrMode, AtomicOp, Extend, Insn, InsnFlags, Op, RegClass};

/// [`Insn::display_at`]: the instruction with PC-relative targets resolved.
pub struct AtPc<'a> {
    insn: &'a Insn,
    pc: u64,
}

impl Insn {
    /// Objdump's text of the instruction at address `pc` (a literal load's
    /// target is `pc + imm`).
    pub fn display_at(&self, pc: u64) -> AtPc<'_> {
        AtPc { insn: self, pc }
    }
}

impl Display for Insn {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        self.display_at(0).fmt(f)
    }
}

impl Display for AtPc<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let d = self.insn;
        if is_sve(d) {
            return sve_insn(d, f);
        }
        mnemonic(d, f)?;
        f.write_char(' ')?;
        operands(d, self.pc, f)
    }
}

pub(crate) fn bits(w: u32, lo: u32, width: u32) -> u32 {
    (w >> lo) & ((1 << width) - 1)
}

/// x<r>/w<r>, xzr/wzr for 31.
pub(crate) fn gpr(f: &mut dyn Write, x: bool, r: u8) -> fmt::Result {
    let c = if x { 'x' } else { 'w' };
    if r == 31 {
        write!(f, "{c}zr")
    } else {
        write!(f, "{c}{r}")
    }
}

/// x<r>, sp for 31.
pub(crate) fn base_reg(f: &mut dyn Write, r: u8) -> fmt::Result {
    if r == 31 {
        f.write_str("sp")
    } else {
        write!(f, "x{r}")
    }
}

fn size_sfx(d: &Insn) -> &'static str {
    if d.rclass == RegClass::V {
        return "";
    }
    ["b", "h", "", ""][usize::from(d.esize_log2 & 3)]
}

fn order_sfx(d: &Insn) -> &'static str {
    let acq = d.flags.contains(InsnFlags::ACQUIRE);
    let rel = d.flags.contains(InsnFlags::RELEASE);
    ["", "l", "a", "al"][usize::from(acq) * 2 + usize::from(rel)]
}

fn signed(d: &Insn) -> bool {
    d.flags.contains(InsnFlags::SIGNED)
}

fn is_x(d: &Insn) -> bool {
    d.rclass == RegClass::X
}

/// Transfer register i: w0/x0, b0..q0, v<rt+i>, or the SVE/SME forms.
fn xfer_reg(d: &Insn, i: u8, f: &mut dyn Write) -> fmt::Result {
    let r = match i {
        0 => d.rt,
        1 if d.op != Op::Casp => d.rt2,
        _ => (d.rt + i) % 32,
    };
    if matches!(d.rclass, RegClass::Z | RegClass::P) || is_sme(d) {
        sve_xfer_reg(d, i, f)
    } else if matches!(
        d.op,
        Op::LdMulti | Op::StMulti | Op::LdLane | Op::StLane | Op::LdRepl
    ) {
        write!(f, "v{}", (d.rt + i) % 32)
    } else if d.rclass == RegClass::V {
        let fp = ['b', 'h', 's', 'd', 'q'][usize::from(d.esize_log2 % 5)];
        write!(f, "{fp}{r}")
    } else {
        gpr(f, is_x(d), r)
    }
}

fn load_store(d: &Insn, f: &mut Formatter<'_>) -> fmt::Result {
    let w = d.word;
    let load = d.op == Op::Load;
    let ls = if load { "ld" } else { "st" };
    let sgn = signed(d);
    if d.flags.contains(InsnFlags::TAG) {
        f.write_str("stgp")
    } else if d.nregs == 2 {
        let nt = if d.flags.contains(InsnFlags::NONTEMP) {
            "n"
        } else {
            ""
        };
        write!(f, "{ls}{nt}p{}", if sgn { "sw" } else { "" })
    } else if d.flags.contains(InsnFlags::PAC) {
        let key = if d.flags.contains(InsnFlags::PAC_KEY_B) {
            'b'
        } else {
            'a'
        };
        write!(f, "ldra{key}")
    } else if d.addr == AddrMode::Literal {
        write!(f, "ldr{}", if sgn { "sw" } else { "" })
    } else if bits(w, 24, 6) == 0x19 {
        // LDAPUR/STLUR (FEAT_LRCPC2)
        let sfx = match (sgn, d.esize_log2) {
            (false, _) => size_sfx(d),
            (true, 0) => "sb",
            (true, 2) => "sw",
            (true, _) => "sh",
        };
        write!(f, "{}{sfx}", if load { "ldapur" } else { "stlur" })
    } else if d.flags.contains(InsnFlags::RCPC) {
        write!(f, "ldapr{}", size_sfx(d))
    } else if bits(w, 24, 6) == 0x08 {
        // LDAR/STLR, LDLAR/STLLR (o0 == 0: the LORegions forms)
        let order = match (bits(w, 15, 1) != 0, load) {
            (true, true) => "a",
            (true, false) => "l",
            (false, true) => "la",
            (false, false) => "ll",
        };
        write!(f, "{ls}{order}r{}", size_sfx(d))
    } else {
        let form = if bits(w, 24, 1) == 0 && bits(w, 21, 1) == 0 {
            ["ur", "r", "tr", "r"][bits(w, 10, 2) as usize]
        } else {
            "r"
        };
        let ssfx = if d.rclass == RegClass::V {
            ""
        } else if sgn && d.esize_log2 == 2 {
            "w"
        } else {
            size_sfx(d)
        };
        write!(f, "{ls}{form}{}{ssfx}", if sgn { "s" } else { "" })
    }
}

fn mnemonic(d: &Insn, f: &mut Formatter<'_>) -> fmt::Result {
    let w = d.word;
    let acq_rel = bits(w, 15, 1) != 0;
    match d.op {
        Op::Load | Op::Store => load_store(d, f),
        Op::Prefetch => {
            let unscaled = d.addr == AddrMode::Offset && bits(w, 24, 1) == 0;
            f.write_str(if unscaled { "prfum" } else { "prfm" })
        }
        Op::LoadExcl | Op::StoreExcl => {
            let load = d.op == Op::LoadExcl;
            let order = match (acq_rel, load) {
                (false, _) => "",
                (true, true) => "a",
                (true, false) => "l",
            };
            let (pair, sfx) = if d.nregs == 2 {
                ('p', "")
            } else {
                ('r', size_sfx(d))
            };
            write!(f, "{}{order}x{pair}{sfx}", if load { "ld" } else { "st" })
        }
        Op::Atomic if d.atomic == AtomicOp::Swp => write!(f, "swp{}{}", order_sfx(d), size_sfx(d)),
        Op::Atomic => {
            let names = [
                "add", "clr", "eor", "set", "smax", "smin", "umax", "umin", "swp",
            ];
            let ls = if d.flags.contains(InsnFlags::NO_RESULT) {
                "st"
            } else {
                "ld"
            };
            let name = names[d.atomic.raw() as usize % names.len()];
            write!(f, "{ls}{name}{}{}", order_sfx(d), size_sfx(d))
        }
        Op::Cas => write!(f, "cas{}{}", order_sfx(d), size_sfx(d)),
        Op::Casp => write!(f, "casp{}", order_sfx(d)),
        Op::LdMulti | Op::LdLane => write!(f, "ld{}", d.selem),
        Op::StMulti | Op::StLane => write!(f, "st{}", d.selem),
        Op::LdRepl => write!(f, "ld{}r", d.selem),
        _ => f.write_str("dc"),
    }
}

/// DC operation name from op1:CRm:op2 of the SYS encoding.
fn dc_name(w: u32) -> &'static str {
    const NAMES: [(u32, &str); 19] = [
        (0x341, "zva"),
        (0x343, "gva"),
        (0x344, "gzva"),
        (0x061, "ivac"),
        (0x063, "igvac"),
        (0x065, "igdvac"),
        (0x3a1, "cvac"),
        (0x3a3, "cgvac"),
        (0x3a5, "cgdvac"),
        (0x3b1, "cvau"),
        (0x3c1, "cvap"),
        (0x3c3, "cgvap"),
        (0x3c5, "cgdvap"),
        (0x3d1, "cvadp"),
        (0x3d3, "cgvadp"),
        (0x3d5, "cgdvadp"),
        (0x3e1, "civac"),
        (0x3e3, "cigvac"),
        (0x3e5, "cigdvac"),
    ];
    let key = bits(w, 16, 3) << 8 | bits(w, 8, 4) << 4 | bits(w, 5, 3);
    NAMES
        .iter()
        .find(|(k, _)| *k == key)
        .map_or("?", |(_, name)| name)
}

fn prfop(f: &mut Formatter<'_>, rt: u8) -> fmt::Result {
    let (kind, target) = (rt >> 3, rt >> 1 & 3);
    if kind < 3 && target < 3 {
        let kind = ["pld", "pli", "pst"][usize::from(kind)];
        let policy = if rt & 1 != 0 { "strm" } else { "keep" };
        write!(f, "{kind}l{}{policy}", target + 1)
    } else {
        write!(f, "#0x{rt:02x}")
    }
}

fn extend_name(e: Option<Extend>) -> &'static str {
    match e {
        Some(Extend::Uxtw) => "uxtw",
        Some(Extend::Lsl) => "lsl",
        Some(Extend::Sxtw) => "sxtw",
        Some(Extend::Sxtx) => "sxtx",
        None => "",
    }
}

fn address(d: &Insn, pc: u64, f: &mut Formatter<'_>) -> fmt::Result {
    if d.addr == AddrMode::Literal {
        return write!(f, "0x{:x}", pc.wrapping_add(d.imm as u64));
    }
    f.write_char('[')?;
    base_reg(f, d.rn)?;
    match d.addr {
        AddrMode::Offset if d.imm != 0 => write!(f, ", #{}]", d.imm),
        AddrMode::Pre if d.imm != 0 || !d.flags.contains(InsnFlags::PAC) => {
            write!(f, ", #{}]!", d.imm)
        }
        AddrMode::Pre => f.write_str("]!"),
        AddrMode::Post => write!(f, "], #{}", d.imm),
        AddrMode::Reg => {
            let scaled = bits(d.word, 12, 1) != 0;
            let x = d.extend.map_or(false, |e| e.raw() & 1 != 0);
            f.write_str(", ")?;
            gpr(f, x, d.rm)?;
            if d.extend == Some(Extend::Lsl) {
                if scaled {
                    write!(f, ", lsl #{}", d.shift)?;
                }
            } else {
                write!(f, ", {}", extend_name(d.extend))?;
                if scaled {
                    write!(f, " #{}", d.shift)?;
                }
            }
            f.write_char(']')
        }
        AddrMode::PostReg => write!(f, "], x{}", d.rm),
        _ => f.write_char(']'),
    }
}

fn vector_list(d: &Insn, f: &mut Formatter<'_>) -> fmt::Result {
    let lanes = matches!(d.op, Op::LdLane | Op::StLane);
    let ch = ['b', 'h', 's', 'd'][usize::from(d.esize_log2 & 3)];
    let arr = if lanes {
        ch.to_string()
    } else {
        format!("{}{ch}", d.vbytes >> d.esize_log2)
    };
    f.write_char('{')?;
    let last = u32::from(d.rt) + u32::from(d.nregs) - 1;
    if d.nregs > 2 && last < 32 {
        write!(f, "v{}.{arr}-v{last}.{arr}", d.rt)?;
    } else {
        for i in 0..d.nregs {
            let sep = if i > 0 { ", " } else { "" };
            write!(f, "{sep}v{}.{arr}", (d.rt + i) % 32)?;
        }
    }
    f.write_char('}')?;
    if lanes {
        write!(f, "[{}]", d.lane)?;
    }
    Ok(())
}

fn operands(d: &Insn, pc: u64, f: &mut Formatter<'_>) -> fmt::Result {
    let mut r = [String::new(), String::new()];
    for (i, s) in r.iter_mut().enumerate() {
        xfer_reg(d, i as u8, s)?;
    }
    match d.op {
        Op::Prefetch => {
            prfop(f, d.rt)?;
            f.write_str(", ")?;
            return address(d, pc, f);
        }
        Op::DcZva | Op::DcGva | Op::DcGzva | Op::DcMaint => {
            write!(f, "{}, ", dc_name(d.word))?;
            return gpr(f, true, d.rt);
        }
        Op::LdMulti | Op::StMulti | Op::LdLane | Op::StLane | Op::LdRepl => {
            vector_list(d, f)?;
            f.write_str(", ")?;
            return address(d, pc, f);
        }
        Op::StoreExcl => {
            gpr(f, false, d.rs)?;
            write!(f, ", {}, ", r[0])?;
            if d.nregs == 2 {
                write!(f, "{}, ", r[1])?;
            }
        }
        Op::Casp => {
            gpr(f, is_x(d), d.rs)?;
            f.write_str(", ")?;
            gpr(f, is_x(d), (d.rs + 1) % 32)?;
            write!(f, ", {}, {}, ", r[0], r[1])?;
        }
        Op::Cas | Op::Atomic => {
            gpr(f, is_x(d), d.rs)?;
            f.write_str(", ")?;
            if !d.flags.contains(InsnFlags::NO_RESULT) {
                write!(f, "{}, ", r[0])?;
            }
        }
        _ => {
            write!(f, "{}, ", r[0])?;
            if d.nregs == 2 {
                write!(f, "{}, ", r[1])?;
            }
        }
    }
    address(d, pc, f)
}
