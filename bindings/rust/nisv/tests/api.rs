//! The safe API's contract: decode and Display, callback errors and panics
//! stopped at the FFI boundary, Send, describe and translate, settings.

mod common;

use std::sync::{Arc, Mutex};
use std::thread;

use common::{abort, machine, Recorder, TestVcpu, DEV, PC, RAM};
use nisv::{
    AddrMode, Bus, BusLock, CallbackError, Checked, DevicePolicy, Error, FaultKind, FaultMode,
    Features, MmioDevice, Op, Outcome, Reg, RegClass, RegisterFile, Registers, Vcpu, XlatFlags,
};
use vm_memory::{GuestAddress, GuestMemory, GuestMemoryMmap};

const ANY: DevicePolicy = DevicePolicy {
    widths: 0,
    exclusive: false,
    atomic: false,
};
const STR_W8_X10: u32 = 0xb900_0148;

#[test]
fn decode_gives_the_fields_and_objdump_text() {
    let stp = nisv::decode(0xa981_0861).unwrap();
    assert_eq!(
        (stp.op, stp.rclass, stp.addr),
        (Op::Store, RegClass::X, AddrMode::Pre)
    );
    assert_eq!(
        (stp.rt, stp.rt2, stp.rn, stp.nregs, stp.imm),
        (1, 2, 3, 2, 16)
    );
    assert_eq!(stp.op_name(), "STORE");
    assert_eq!(stp.to_string(), "stp x1, x2, [x3, #16]!");
    assert_eq!(
        nisv::decode(0xd503_201f),
        None,
        "nop is not a memory instruction"
    );
    assert_eq!(nisv::library_version(), nisv_sys::NISV_VERSION);
}

#[test]
fn emulate_reports_the_access() {
    let (mut vcpu, dev) = machine(0, &[(Reg::x(8), 7), (Reg::x(10), DEV + 8)], ANY);
    match vcpu.emulate(STR_W8_X10).unwrap() {
        Outcome::Done(d) => assert_eq!((d.va, d.write), (DEV + 8, true)),
        other => panic!("{other:?}"),
    }
    assert_eq!(dev.log(), vec![(true, 8, vec![7, 0, 0, 0])]);
    assert_eq!(
        vcpu.emulate(0xd503_201f),
        Err(Error::Unsupported { insn: None })
    );
}

struct Exploding;

impl MmioDevice for Exploding {
    fn read(&mut self, _: u64, _: &mut [u8]) -> Result<(), CallbackError> {
        Err(CallbackError::new("no reads"))
    }

    fn write(&mut self, _: u64, _: &[u8]) -> Result<(), CallbackError> {
        panic!("device exploded (this panic is expected)");
    }
}

fn exploding_vcpu() -> TestVcpu {
    let ram = GuestMemoryMmap::<()>::from_ranges(&[(GuestAddress(RAM), 0x10000)]).unwrap();
    let bus = Bus::new(ram).with_device(DEV, 0x1000, ANY, Exploding);
    let mut regs = RegisterFile::default();
    regs[Reg::PC] = PC;
    regs[Reg::PSTATE] = 0x5;
    regs[Reg::x(10)] = DEV;
    Vcpu::new(regs, bus).unwrap()
}

#[test]
fn a_panicking_callback_is_a_callback_error() {
    let mut vcpu = exploding_vcpu();
    let err = vcpu.emulate(STR_W8_X10).unwrap_err();
    assert!(
        matches!(&err, Error::Callback(CallbackError::Panicked(m)) if m.contains("exploded")),
        "{err:?}"
    );
    assert_eq!(vcpu.registers()[Reg::PC], PC, "nothing committed");
    // the vCPU goes on working; a failing read is an ordinary callback error
    let ldr_w8_x10 = 0xb940_0148;
    let err = vcpu.emulate(ldr_w8_x10).unwrap_err();
    assert_eq!(err, Error::Callback(CallbackError::new("no reads")));
}

/// Registers whose X10 cannot be read.
struct NoX10(RegisterFile);

impl Registers for NoX10 {
    fn get(&mut self, reg: Reg) -> Result<u64, CallbackError> {
        if reg == Reg::x(10) {
            return Err(CallbackError::new("x10 is gone"));
        }
        self.0.get(reg)
    }

    fn set(&mut self, reg: Reg, value: u64) -> Result<(), CallbackError> {
        self.0.set(reg, value)
    }
}

#[test]
fn a_failing_register_callback_stops_the_call() {
    let ram = GuestMemoryMmap::<()>::from_ranges(&[(GuestAddress(RAM), 0x10000)]).unwrap();
    let mut vcpu = Vcpu::new(NoX10(RegisterFile::default()), Bus::new(ram)).unwrap();
    let err = vcpu.emulate(STR_W8_X10).unwrap_err();
    assert_eq!(err.status(), nisv::Status::CallbackError);
    assert_eq!(err.to_string(), "callback failed: x10 is gone");
}

#[test]
fn an_exclusive_to_a_device_without_the_policy_faults() {
    let ldxr_w1_x3 = 0x885f_7c61;
    assert_eq!(
        nisv::decode(ldxr_w1_x3).unwrap().to_string(),
        "ldxr w1, [x3]"
    );
    let (mut vcpu, dev) = machine(ldxr_w1_x3, &[(Reg::x(3), DEV)], ANY);
    vcpu.set_fault_mode(FaultMode::Inject);
    match vcpu.handle_abort(&abort(0x9200_0006, DEV)).unwrap() {
        Outcome::Fault(f) => assert_eq!((f.kind, f.injected), (FaultKind::UnsupportedExcl, true)),
        other => panic!("{other:?}"),
    }
    assert_eq!(vcpu.registers()[Reg::PC], RAM + 0x8000 + 0x200, "taken");
    assert!(dev.log().is_empty());
}

fn assert_send<T: Send>(_: &T) {}

#[test]
fn vcpus_run_on_their_own_threads() {
    let device = Arc::new(Mutex::new(Recorder::default()));
    let lock = BusLock::default();
    let ldadd_x1_x2_x3 = 0xf821_0062; // ldadd x1, x2, [x3]
    let atomic = DevicePolicy {
        widths: 0,
        exclusive: false,
        atomic: true,
    };
    let handles: Vec<_> = (0..2)
        .map(|n| {
            let ram = GuestMemoryMmap::<()>::from_ranges(&[(GuestAddress(RAM), 0x10000)]).unwrap();
            let bus = Bus::new(ram)
                .with_device(DEV, 0x1000, atomic, device.clone())
                .with_lock(lock.clone());
            let mut regs = RegisterFile::default();
            regs[Reg::PC] = PC;
            regs[Reg::PSTATE] = 0x5;
            regs[Reg::x(1)] = n + 1;
            regs[Reg::x(3)] = DEV;
            let mut vcpu = Vcpu::new(regs, bus).unwrap();
            vcpu.set_features(Features::LSE2);
            assert_send(&vcpu);
            thread::spawn(move || {
                let outcome = vcpu.emulate(ldadd_x1_x2_x3).unwrap();
                (outcome.status(), vcpu.registers()[Reg::x(2)])
            })
        })
        .collect();
    for h in handles {
        let (status, x2) = h.join().unwrap();
        assert_eq!((status, x2), (nisv::Status::Ok, 0xf7f6_f5f4_f3f2_f1f0));
    }
    let log = device.lock().unwrap().log();
    assert_eq!(log.len(), 4, "a read and a write per vCPU: {log:?}");
}

#[test]
fn describe_and_translate_perform_nothing() {
    let (mut vcpu, dev) = machine(0, &[(Reg::x(3), DEV)], ANY);
    let d = match vcpu.describe(0xa981_0861).unwrap() {
        Checked::Ok(d) => d,
        Checked::Fault(f) => panic!("{f:?}"),
    };
    assert_eq!(
        (d.va, d.len, d.write, d.read, d.npages),
        (DEV + 16, 16, true, false, 1)
    );
    assert_eq!(
        d.regs_written & (1 << 3 | 1 << Reg::PC.0),
        1 << 3 | 1 << Reg::PC.0
    );
    assert_eq!(
        vcpu.translate(RAM + 0x123, XlatFlags::WRITE).unwrap(),
        Checked::Ok(RAM + 0x123)
    );
    assert!(dev.log().is_empty());
    assert_eq!(vcpu.registers()[Reg::x(3)], DEV);
}

#[test]
fn settings_round_trip() {
    let (mut vcpu, _) = machine(0, &[], ANY);
    assert_eq!(
        (vcpu.features(), vcpu.pa_bits(), vcpu.vector_lengths()),
        (Features::default(), 48, (0, 0))
    );
    vcpu.set_features(Features::LSE2 | Features::HAFDBS);
    vcpu.set_pa_bits(40);
    vcpu.set_vector_lengths(0b1011, 0b1);
    vcpu.clear_exclusive();
    assert_eq!(
        (vcpu.features(), vcpu.pa_bits(), vcpu.vector_lengths()),
        (Features::LSE2 | Features::HAFDBS, 40, (0b1011, 1))
    );
    let (regs, bus) = vcpu.parts_mut();
    regs[Reg::x(0)] = 9;
    assert_eq!(bus.ram().num_regions(), 1);
    let (regs, _bus) = vcpu.into_parts();
    assert_eq!((regs[Reg::PC], regs[Reg::x(0)]), (PC, 9));
}
