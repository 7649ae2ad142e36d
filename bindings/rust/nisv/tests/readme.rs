//! The README's example ("Using the library", examples/readme/readme_example.c)
//! in Rust: a VMM finishes a guest store the hardware could not describe
//! (ESR_EL2.ISV == 0) on a UART, with vm-memory's GuestMemoryMmap as RAM.

use nisv::{
    Abort, Bus, CallbackError, DevicePolicy, FaultMode, MmioDevice, Outcome, Reg, RegisterFile,
    Vcpu,
};
use vm_memory::{Bytes, GuestAddress, GuestMemoryMmap};

struct Uart;

impl MmioDevice for Uart {
    fn read(&mut self, _offset: u64, _data: &mut [u8]) -> Result<(), CallbackError> {
        Err(CallbackError::new("the UART is write-only here"))
    }

    fn write(&mut self, offset: u64, data: &[u8]) -> Result<(), CallbackError> {
        println!(
            "uart +{offset:#x} <- '{}' ({} bytes)",
            data[0] as char,
            data.len()
        );
        Ok(())
    }
}

#[test]
fn readme_example() {
    // guest RAM at IPA 0x40000000, a UART at 0x09000000 taking 4-byte accesses
    let ram = GuestMemoryMmap::<()>::from_ranges(&[(GuestAddress(0x4000_0000), 0x10000)]).unwrap();
    // the guest (EL1, MMU off) ran "str w8, [x10], #4" at PC: a post-indexed store
    ram.write_obj(0xb800_4548u32.to_le(), GuestAddress(0x4000_1000))
        .unwrap();
    let uart = DevicePolicy {
        widths: 1 << 2,
        ..DevicePolicy::default()
    };
    let bus = Bus::new(ram).with_device(0x0900_0000, 0x1000, uart, Uart);

    let mut regs = RegisterFile::default();
    regs[Reg::x(8)] = u64::from(b'A');
    regs[Reg::x(10)] = 0x0900_0000;
    regs[Reg::PC] = 0x4000_1000;
    regs[Reg::PSTATE] = 0x5;

    let mut vcpu = Vcpu::new(regs, bus).unwrap();
    vcpu.set_fault_mode(FaultMode::Inject); // guest faults: taken
    let abort = Abort {
        esr: 0x9200_0046, // data abort, ISV=0, WnR=1
        ipa: 0x0900_0000,
        far: Some(0x0900_0000),
        iss_only: false,
    };
    let outcome = vcpu.handle_abort(&abort).unwrap();

    let regs = vcpu.registers();
    println!(
        "{}: x10 = {:#x}, pc = {:#x}",
        outcome.status(),
        regs[Reg::x(10)],
        regs[Reg::PC]
    );
    assert!(matches!(outcome, Outcome::Done(_)));
    assert_eq!(
        (regs[Reg::x(10)], regs[Reg::PC]),
        (0x0900_0004, 0x4000_1004)
    );
}
