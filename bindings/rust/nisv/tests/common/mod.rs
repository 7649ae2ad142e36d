//! A small machine for the tests: 64 KiB of RAM at 0x40000000 (vm-memory)
//! and a recording device at 0x09000000 whose byte at offset o reads as
//! 0xf0 | (o & 15).

use std::sync::{Arc, Mutex};

use nisv::{Bus, CallbackError, DevicePolicy, MmioDevice, Reg, RegisterFile, Vcpu};
use vm_memory::{Bytes, GuestAddress, GuestMemoryMmap};

pub const RAM: u64 = 0x4000_0000;
pub const DEV: u64 = 0x0900_0000;
pub const PC: u64 = RAM + 0x1000;

/// One device access: write?, offset, bytes.
pub type Io = (bool, u64, Vec<u8>);

#[derive(Clone, Default)]
pub struct Recorder(pub Arc<Mutex<Vec<Io>>>);

impl Recorder {
    pub fn log(&self) -> Vec<Io> {
        self.0.lock().unwrap().clone()
    }
}

impl MmioDevice for Recorder {
    fn read(&mut self, offset: u64, data: &mut [u8]) -> Result<(), CallbackError> {
        for (i, b) in data.iter_mut().enumerate() {
            *b = 0xf0 | ((offset + i as u64) & 15) as u8;
        }
        self.0.lock().unwrap().push((false, offset, data.to_vec()));
        Ok(())
    }

    fn write(&mut self, offset: u64, data: &[u8]) -> Result<(), CallbackError> {
        self.0.lock().unwrap().push((true, offset, data.to_vec()));
        Ok(())
    }
}

pub type TestVcpu = Vcpu<RegisterFile, Bus<GuestMemoryMmap>>;

/// A vCPU at EL1 (MMU off) about to run `word` at PC, with `regs` set, over
/// the RAM and a device of the given policy; and the device's record.
pub fn machine(word: u32, regs: &[(Reg, u64)], policy: DevicePolicy) -> (TestVcpu, Recorder) {
    let ram = GuestMemoryMmap::<()>::from_ranges(&[(GuestAddress(RAM), 0x10000)]).unwrap();
    ram.write_obj(word.to_le(), GuestAddress(PC)).unwrap();
    let dev = Recorder::default();
    let bus = Bus::new(ram).with_device(DEV, 0x1000, policy, dev.clone());
    let mut file = RegisterFile::default();
    file[Reg::PC] = PC;
    file[Reg::PSTATE] = 0x5;
    file[Reg::VBAR_EL1] = RAM + 0x8000;
    for &(r, v) in regs {
        file[r] = v;
    }
    (Vcpu::new(file, bus).unwrap(), dev)
}

/// An ISV=0 data abort at ipa (FAR = ipa: MMU off).
pub fn abort(esr: u64, ipa: u64) -> nisv::Abort {
    nisv::Abort {
        esr,
        ipa,
        far: Some(ipa),
        iss_only: false,
    }
}
