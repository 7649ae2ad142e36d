//! Guest-physical memory and devices as nisv accesses them.

use nisv_sys as sys;

use crate::insn::flags;
use crate::{CallbackError, FaultKind};

flags! {
    /// What kind of access a piece belongs to (`NISV_MEM_*`).
    MemFlags: u32 {
        EXCLUSIVE = NISV_MEM_EXCLUSIVE,
        ATOMIC = NISV_MEM_ATOMIC,
        ACQUIRE = NISV_MEM_ACQUIRE,
        RELEASE = NISV_MEM_RELEASE,
        /// The access writes ([`Memory::check`]).
        WRITE = NISV_MEM_WRITE,
        /// The instruction fetch (a read).
        FETCH = NISV_MEM_FETCH,
        /// A stage-1 translation table walk (a read, or a descriptor update).
        WALK = NISV_MEM_WALK,
    }
}

/// A contiguous run of IPAs of an access.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Page {
    pub ipa: u64,
    pub len: u32,
}

/// One data access as nisv will perform it ([`Memory::check`]): one page,
/// or two for a page-crossing access, split into naturally aligned pieces
/// of `piece_min` to 16 bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Access {
    /// The first byte.
    pub ipa: u64,
    /// Bytes in all.
    pub len: u32,
    pub flags: MemFlags,
    /// The smallest piece read or written (1..16).
    pub piece_min: u32,
    pages: [Page; 2],
    npages: usize,
}

impl Access {
    pub(crate) fn from_raw(a: &sys::nisv_access) -> Access {
        let page = |i: usize| Page {
            ipa: a.page[i].ipa,
            len: a.page[i].len,
        };
        Access {
            ipa: a.ipa,
            len: a.len,
            flags: MemFlags(a.flags),
            piece_min: a.piece_min,
            pages: [page(0), page(1)],
            npages: (a.npages as usize).min(2),
        }
    }

    pub fn pages(&self) -> &[Page] {
        &self.pages[..self.npages]
    }

    pub fn writes(&self) -> bool {
        self.flags.contains(MemFlags::WRITE)
    }
}

/// The answer of [`Memory::cas64`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cas {
    /// The expected value was there and the new one is stored.
    Swapped,
    /// Another value was there (given); nothing was stored.
    Mismatch(u64),
}

/// Guest-physical memory and devices (`nisv_mem_ops`). Each `read`/`write`
/// is one naturally aligned piece of at most 16 bytes in guest byte order.
pub trait Memory {
    fn read(&mut self, ipa: u64, data: &mut [u8], flags: MemFlags) -> Result<(), CallbackError>;
    fn write(&mut self, ipa: u64, data: &[u8], flags: MemFlags) -> Result<(), CallbackError>;

    /// Called once per data access, after the stage-1 checks and before its
    /// first piece: Err(kind) makes the instruction fault with nothing
    /// performed (e.g. [`FaultKind::External`] for a hole,
    /// [`FaultKind::UnsupportedExcl`] for an atomic a device does not take).
    fn check(&mut self, access: &Access) -> Result<(), FaultKind> {
        let _ = access;
        Ok(())
    }

    /// Bracket the read-modify-write of an atomic or compare-and-swap, to
    /// make it atomic against other vCPUs.
    fn lock(&mut self) {}
    fn unlock(&mut self) {}

    /// Compare-and-swap 8 bytes of guest RAM (the hardware update of a
    /// translation descriptor's access flag and dirty state). The default
    /// is what nisv does without one: lock, read, compare, write, unlock.
    fn cas64(&mut self, ipa: u64, expected: u64, desired: u64) -> Result<Cas, CallbackError> {
        let flags = MemFlags::ATOMIC | MemFlags::WALK;
        let mut bytes = [0; 8];
        self.lock();
        let mut result = self.read(ipa, &mut bytes, flags);
        if result.is_ok() && u64::from_le_bytes(bytes) == expected {
            result = self.write(ipa, &desired.to_le_bytes(), flags);
        }
        self.unlock();
        result.map(|()| match u64::from_le_bytes(bytes) {
            v if v == expected => Cas::Swapped,
            v => Cas::Mismatch(v),
        })
    }
}
