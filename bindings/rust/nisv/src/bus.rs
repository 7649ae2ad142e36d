//! A ready [`Memory`]: guest RAM from vm-memory (any `GuestMemory`, e.g.
//! `GuestMemoryMmap`) and MMIO devices, with the rules of the C library's
//! nisv_bus: an access lies wholly in RAM or wholly in one device, walks
//! and fetches come from RAM only, a device takes exclusives and atomics
//! only when its policy allows them, and each piece reaches a device in
//! the widths it allows.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use vm_memory::{Bytes, GuestAddress, GuestMemory, VolatileMemory};

use crate::memory::{Access, Cas, MemFlags, Memory};
use crate::{CallbackError, FaultKind};

/// An MMIO device: `offset` is from the base of its region.
pub trait MmioDevice {
    fn read(&mut self, offset: u64, data: &mut [u8]) -> Result<(), CallbackError>;
    fn write(&mut self, offset: u64, data: &[u8]) -> Result<(), CallbackError>;
}

/// A device shared between vCPUs.
impl<D: MmioDevice> MmioDevice for Arc<Mutex<D>> {
    fn read(&mut self, offset: u64, data: &mut [u8]) -> Result<(), CallbackError> {
        let mut d = self
            .lock()
            .map_err(|_| CallbackError::new("device lock poisoned"))?;
        d.read(offset, data)
    }

    fn write(&mut self, offset: u64, data: &[u8]) -> Result<(), CallbackError> {
        let mut d = self
            .lock()
            .map_err(|_| CallbackError::new("device lock poisoned"))?;
        d.write(offset, data)
    }
}

/// What a device region accepts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DevicePolicy {
    /// Bit n set: pieces of 1 << n bytes; 0: any size.
    pub widths: u32,
    /// LDXR/STXR (the exclusive monitor is nisv's).
    pub exclusive: bool,
    /// LSE atomics and CAS (read-modify-write under the bus lock).
    pub atomic: bool,
}

struct DeviceRegion {
    base: u64,
    size: u64,
    policy: DevicePolicy,
    device: Box<dyn MmioDevice + Send>,
}

impl DeviceRegion {
    fn holds(&self, ipa: u64, len: u32) -> bool {
        let off = ipa.wrapping_sub(self.base);
        off < self.size && u64::from(len) <= self.size - off
    }

    /// The largest allowed width <= len at which ipa is aligned.
    fn width(&self, ipa: u64, len: u32) -> Option<u32> {
        let top = 31u32.checked_sub(len.leading_zeros())?;
        (0..=top).rev().map(|n| 1u32 << n).find(|w| {
            (self.policy.widths == 0 || self.policy.widths >> w.trailing_zeros() & 1 != 0)
                && ipa & u64::from(w - 1) == 0
        })
    }
}

/// A lock that serialises atomics against other vCPUs' (share one per VM).
#[derive(Clone, Debug, Default)]
pub struct BusLock(Arc<AtomicBool>);

impl BusLock {
    fn acquire(&self) {
        while self
            .0
            .compare_exchange_weak(false, true, Ordering::Acquire, Ordering::Relaxed)
            .is_err()
        {
            std::thread::yield_now();
        }
    }

    fn release(&self) {
        self.0.store(false, Ordering::Release);
    }
}

/// Guest RAM plus MMIO devices. RAM is every address the `GuestMemory`
/// maps; a device region is checked only where RAM is not.
pub struct Bus<G: GuestMemory> {
    ram: G,
    devices: Vec<DeviceRegion>,
    lock: Option<BusLock>,
}

fn ram_error(e: vm_memory::GuestMemoryError) -> CallbackError {
    CallbackError::new(format!("guest RAM: {e}"))
}

impl<G: GuestMemory> Bus<G> {
    pub fn new(ram: G) -> Self {
        Bus {
            ram,
            devices: Vec::new(),
            lock: None,
        }
    }

    /// Add a device at [base, base + size).
    pub fn with_device(
        mut self,
        base: u64,
        size: u64,
        policy: DevicePolicy,
        device: impl MmioDevice + Send + 'static,
    ) -> Self {
        self.devices.push(DeviceRegion {
            base,
            size,
            policy,
            device: Box::new(device),
        });
        self
    }

    /// Serialise atomics and CAS with `lock` (the same one on every vCPU).
    pub fn with_lock(mut self, lock: BusLock) -> Self {
        self.lock = Some(lock);
        self
    }

    pub fn ram(&self) -> &G {
        &self.ram
    }

    fn is_ram(&self, ipa: u64, len: u32) -> bool {
        self.ram.check_range(GuestAddress(ipa), len as usize)
    }

    /// The device region that holds ipa's byte, where RAM does not.
    fn device_at(&mut self, ipa: u64) -> Option<&mut DeviceRegion> {
        if self.is_ram(ipa, 1) {
            return None;
        }
        self.devices.iter_mut().find(|d| d.holds(ipa, 1))
    }

    fn device_io(
        &mut self,
        ipa: u64,
        mut io: impl FnMut(&mut DeviceRegion, u64, std::ops::Range<usize>) -> Result<(), CallbackError>,
        len: u32,
        flags: MemFlags,
    ) -> Result<(), CallbackError> {
        if flags.contains(MemFlags::WALK) || flags.contains(MemFlags::FETCH) {
            return Err(CallbackError::new(format!(
                "walk or fetch from MMIO at {ipa:#x}"
            )));
        }
        let region = match self.device_at(ipa) {
            Some(r) if r.holds(ipa, len) => r,
            _ => return Err(CallbackError::new(format!("no RAM or device at {ipa:#x}"))),
        };
        let mut done = 0;
        while done < len {
            let at = ipa + u64::from(done);
            let w = region
                .width(at, len - done)
                .ok_or_else(|| CallbackError::new(format!("no allowed width at {at:#x}")))?;
            io(region, at - region.base, done as usize..(done + w) as usize)?;
            done += w;
        }
        Ok(())
    }
}

impl<G: GuestMemory> Memory for Bus<G> {
    fn read(&mut self, ipa: u64, data: &mut [u8], flags: MemFlags) -> Result<(), CallbackError> {
        if self.is_ram(ipa, data.len() as u32) {
            return self
                .ram
                .read_slice(data, GuestAddress(ipa))
                .map_err(ram_error);
        }
        let len = data.len() as u32;
        self.device_io(
            ipa,
            |r, off, range| r.device.read(off, &mut data[range]),
            len,
            flags,
        )
    }

    fn write(&mut self, ipa: u64, data: &[u8], flags: MemFlags) -> Result<(), CallbackError> {
        if self.is_ram(ipa, data.len() as u32) {
            return self
                .ram
                .write_slice(data, GuestAddress(ipa))
                .map_err(ram_error);
        }
        let len = data.len() as u32;
        self.device_io(
            ipa,
            |r, off, range| r.device.write(off, &data[range]),
            len,
            flags,
        )
    }

    fn check(&mut self, access: &Access) -> Result<(), FaultKind> {
        if self.is_ram(access.ipa, 1) {
            return match access.pages().iter().all(|p| self.is_ram(p.ipa, p.len)) {
                true => Ok(()),
                false => Err(FaultKind::External),
            };
        }
        let region = self.device_at(access.ipa).ok_or(FaultKind::External)?;
        if !access.pages().iter().all(|p| region.holds(p.ipa, p.len)) {
            return Err(FaultKind::External);
        }
        let p = region.policy;
        if (access.flags.contains(MemFlags::EXCLUSIVE) && !p.exclusive)
            || (access.flags.contains(MemFlags::ATOMIC) && !p.atomic)
        {
            return Err(FaultKind::UnsupportedExcl);
        }
        if p.widths != 0 && p.widths & ((access.piece_min << 1) - 1) == 0 {
            return Err(FaultKind::External);
        }
        Ok(())
    }

    fn lock(&mut self) {
        if let Some(l) = &self.lock {
            l.acquire();
        }
    }

    fn unlock(&mut self) {
        if let Some(l) = &self.lock {
            l.release();
        }
    }

    /// A real atomic on the host mapping: the guest's other CPUs (and the
    /// hardware walker) see it atomically.
    fn cas64(&mut self, ipa: u64, expected: u64, desired: u64) -> Result<Cas, CallbackError> {
        let slice = self
            .ram
            .get_slice(GuestAddress(ipa), 8)
            .map_err(ram_error)?;
        let word = slice
            .get_atomic_ref::<AtomicU64>(0)
            .map_err(|e| CallbackError::new(format!("descriptor at {ipa:#x}: {e}")))?;
        let swap = word.compare_exchange(
            expected.to_le(),
            desired.to_le(),
            Ordering::SeqCst,
            Ordering::SeqCst,
        );
        Ok(match swap {
            Ok(_) => Cas::Swapped,
            Err(current) => Cas::Mismatch(u64::from_le(current)),
        })
    }
}
