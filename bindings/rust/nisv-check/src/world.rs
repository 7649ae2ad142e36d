//! The seeded world of one cross-check instruction (c/harness.h's struct
//! xc_world, mirrored), the C run over it, and the Rust implementations of
//! Registers and Memory that must behave like the harness's C callbacks.

use std::cell::RefCell;
use std::rc::Rc;

use nisv::{Access, CallbackError, FaultKind, MemFlags, Memory, Reg, Registers, VecFile};
use nisv_sys as sys;

pub const RAM_BASE: u64 = 0x4000_0000;
pub const RAM_SIZE: usize = 0x20000;
pub const TABLES: u64 = 0x4001_8000;
pub const DEV_BASE: u64 = 0x0900_0000;
pub const DEV_SIZE: u64 = 0x1000;
const VBYTES: usize = 64;
const MAX_EVENTS: usize = 512;

#[repr(C)]
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct World {
    pub reg: [u64; Reg::SLOTS],
    pub z: [[u8; VBYTES]; 32],
    pub p: [[u8; VBYTES / 8]; 16],
    pub ffr: [u8; VBYTES / 8],
    pub za: [[u8; VBYTES]; VBYTES],
    pub zt0: [u8; 64],
    pub ram: [u8; RAM_SIZE],
    pub features: u32,
    pub sve_vqs: u32,
    pub sme_vqs: u32,
    pub inject: u32,
    pub dev_widths: u32,
    pub dev_policy: u32,
    pub dev_seed: u64,
}

/// One callback call (struct xc_event).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Event {
    pub kind: u32,
    pub a: u32,
    pub b: u64,
    pub c: u64,
    pub value: u64,
}

const GET: u32 = 1;
const SET: u32 = 2;
const VGET: u32 = 3;
const VSET: u32 = 4;
const READ: u32 = 5;
const WRITE: u32 = 6;
const CHECK: u32 = 7;
const LOCK: u32 = 8;
const UNLOCK: u32 = 9;

#[repr(C)]
pub struct CRun {
    ev: [Event; MAX_EVENTS],
    nev: u32,
    pub status: u32,
    pub res: sys::nisv_result,
}

extern "C" {
    fn xc_map_tables(w: *mut World, bits: u64);
    fn xc_run(w: *mut World, word: u32, out: *mut CRun);
    fn xc_sizeof(run: i32) -> u64;
}

impl World {
    pub fn zeroed() -> Box<World> {
        assert_eq!(std::mem::size_of::<World>() as u64, unsafe { xc_sizeof(0) });
        assert_eq!(std::mem::size_of::<CRun>() as u64, unsafe { xc_sizeof(1) });
        // SAFETY: plain integers; zero is a valid value of each.
        Box::new(unsafe { std::mem::zeroed() })
    }

    /// Identity tables in RAM and the MMU on (xc_map_tables).
    pub fn map_tables(&mut self, bits: u64) {
        // SAFETY: self is a valid world.
        unsafe { xc_map_tables(self, bits) }
    }
}

/// Run `word` through the C callbacks, changing `w`; the status, the
/// result and the events.
pub fn run_c(w: &mut World, word: u32) -> (CRunResult, Vec<Event>) {
    // SAFETY: zero is a valid CRun; xc_run fills it.
    let mut run: Box<CRun> = Box::new(unsafe { std::mem::zeroed() });
    unsafe { xc_run(w, word, &mut *run) };
    let n = (run.nev as usize).min(MAX_EVENTS);
    assert!(run.nev as usize <= MAX_EVENTS, "event log overflow");
    (
        CRunResult {
            status: run.status,
            res: run.res,
        },
        run.ev[..n].to_vec(),
    )
}

pub struct CRunResult {
    pub status: u32,
    pub res: sys::nisv_result,
}

/// FNV-1a, as the harness hashes the bytes a callback moves.
pub fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

fn device_byte(seed: u64, ipa: u64) -> u8 {
    ((ipa ^ seed).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 56) as u8
}

fn in_ram(ipa: u64, len: u64) -> bool {
    let off = ipa.wrapping_sub(RAM_BASE);
    off < RAM_SIZE as u64 && len <= RAM_SIZE as u64 - off
}

fn in_dev(ipa: u64, len: u64) -> bool {
    let off = ipa.wrapping_sub(DEV_BASE);
    off < DEV_SIZE && len <= DEV_SIZE - off
}

/// The Rust side's world and log, shared by its Registers and Memory.
pub struct Shared {
    pub world: Box<World>,
    pub events: Vec<Event>,
}

impl Shared {
    fn log(&mut self, kind: u32, a: u32, b: u64, c: u64, value: u64) {
        self.events.push(Event {
            kind,
            a,
            b,
            c,
            value,
        });
    }

    /// Register n of a vector file and its size, as the harness's vec_reg.
    fn vec_reg(&mut self, file: VecFile, n: u32) -> Option<&mut [u8]> {
        let w = &mut *self.world;
        let n = n as usize;
        match file {
            VecFile::V => w.z.get_mut(n).map(|r| &mut r[..16]),
            VecFile::Z => w.z.get_mut(n).map(|r| &mut r[..]),
            VecFile::P => w.p.get_mut(n).map(|r| &mut r[..]),
            VecFile::Ffr => (n == 0).then(|| &mut w.ffr[..]),
            VecFile::Za => w.za.get_mut(n).map(|r| &mut r[..]),
            VecFile::Zt0 => (n == 0).then(|| &mut w.zt0[..]),
        }
    }
}

fn failed() -> CallbackError {
    CallbackError::new("refused")
}

fn range(offset: u32, len: usize, size: usize) -> Option<std::ops::Range<usize>> {
    let start = offset as usize;
    (start <= size && len <= size - start).then(|| start..start + len)
}

#[derive(Clone)]
pub struct RustRegs(pub Rc<RefCell<Shared>>);

#[derive(Clone)]
pub struct RustMem(pub Rc<RefCell<Shared>>);

impl Registers for RustRegs {
    fn get(&mut self, reg: Reg) -> Result<u64, CallbackError> {
        let mut s = self.0.borrow_mut();
        let value = *s.world.reg.get(reg.index()).ok_or_else(failed)?;
        s.log(GET, reg.0, 0, 0, value);
        Ok(value)
    }

    fn set(&mut self, reg: Reg, value: u64) -> Result<(), CallbackError> {
        let mut s = self.0.borrow_mut();
        *s.world.reg.get_mut(reg.index()).ok_or_else(failed)? = value;
        s.log(SET, reg.0, 0, 0, value);
        Ok(())
    }

    fn get_vec(
        &mut self,
        file: VecFile,
        n: u32,
        offset: u32,
        buf: &mut [u8],
    ) -> Result<(), CallbackError> {
        let mut s = self.0.borrow_mut();
        let r = s.vec_reg(file, n).ok_or_else(failed)?;
        let bytes = range(offset, buf.len(), r.len()).ok_or_else(failed)?;
        buf.copy_from_slice(&r[bytes]);
        s.log(
            VGET,
            file.raw() << 8 | n << 16,
            offset.into(),
            buf.len() as u64,
            fnv(buf),
        );
        Ok(())
    }

    fn set_vec(
        &mut self,
        file: VecFile,
        n: u32,
        offset: u32,
        data: &[u8],
    ) -> Result<(), CallbackError> {
        let mut s = self.0.borrow_mut();
        let r = s.vec_reg(file, n).ok_or_else(failed)?;
        let bytes = range(offset, data.len(), r.len()).ok_or_else(failed)?;
        r[bytes].copy_from_slice(data);
        if file == VecFile::V {
            s.world.z[n as usize][16..].fill(0);
        }
        s.log(
            VSET,
            file.raw() << 8 | n << 16,
            offset.into(),
            data.len() as u64,
            fnv(data),
        );
        Ok(())
    }
}

fn device_ok(ipa: u64, len: u64, flags: MemFlags) -> bool {
    in_dev(ipa, len) && !flags.contains(MemFlags::WALK) && !flags.contains(MemFlags::FETCH)
}

impl Memory for RustMem {
    fn read(&mut self, ipa: u64, data: &mut [u8], flags: MemFlags) -> Result<(), CallbackError> {
        let mut s = self.0.borrow_mut();
        let len = data.len() as u64;
        if in_ram(ipa, len) {
            let off = (ipa - RAM_BASE) as usize;
            data.copy_from_slice(&s.world.ram[off..off + data.len()]);
        } else if device_ok(ipa, len, flags) {
            for (i, b) in data.iter_mut().enumerate() {
                *b = device_byte(s.world.dev_seed, ipa + i as u64);
            }
        } else {
            return Err(failed());
        }
        s.log(READ, flags.0, ipa, len, fnv(data));
        Ok(())
    }

    fn write(&mut self, ipa: u64, data: &[u8], flags: MemFlags) -> Result<(), CallbackError> {
        let mut s = self.0.borrow_mut();
        let len = data.len() as u64;
        if in_ram(ipa, len) {
            let off = (ipa - RAM_BASE) as usize;
            s.world.ram[off..off + data.len()].copy_from_slice(data);
        } else if !device_ok(ipa, len, flags) {
            return Err(failed());
        }
        s.log(WRITE, flags.0, ipa, len, fnv(data));
        Ok(())
    }

    fn check(&mut self, a: &Access) -> Result<(), FaultKind> {
        let mut s = self.0.borrow_mut();
        let pages: Vec<u8> = a
            .pages()
            .iter()
            .flat_map(|p| [p.ipa, p.len.into()])
            .flat_map(u64::to_le_bytes)
            .collect();
        let sizes =
            u64::from(a.len) | (a.pages().len() as u64) << 32 | u64::from(a.piece_min) << 40;
        s.log(CHECK, a.flags.0, a.ipa, sizes, fnv(&pages));
        let ram = in_ram(a.ipa, 1);
        let inside = |ipa, len: u32| {
            if ram {
                in_ram(ipa, len.into())
            } else {
                in_dev(ipa, len.into())
            }
        };
        if !a.pages().iter().all(|p| inside(p.ipa, p.len)) {
            return Err(FaultKind::External);
        }
        if ram {
            return Ok(());
        }
        let w = &s.world;
        let refused =
            |flag: MemFlags, policy: u32| a.flags.contains(flag) && w.dev_policy & policy == 0;
        if refused(MemFlags::EXCLUSIVE, sys::NISV_DEV_EXCLUSIVE)
            || refused(MemFlags::ATOMIC, sys::NISV_DEV_ATOMIC)
        {
            return Err(FaultKind::UnsupportedExcl);
        }
        if w.dev_widths != 0 && w.dev_widths & ((a.piece_min << 1) - 1) == 0 {
            return Err(FaultKind::External);
        }
        Ok(())
    }

    fn lock(&mut self) {
        self.0.borrow_mut().log(LOCK, 0, 0, 0, 0);
    }

    fn unlock(&mut self) {
        self.0.borrow_mut().log(UNLOCK, 0, 0, 0, 0);
    }
}
