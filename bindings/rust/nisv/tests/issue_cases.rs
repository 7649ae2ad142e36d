//! The cases of issue 17: ISV=1 through handle_abort, ISV=0 LDP/STP, a
//! guest fault, and a stale abort (RETRY), through the safe API.

mod common;

use common::{abort, machine, DEV, PC, RAM};
use nisv::{DevicePolicy, FaultKind, Op, Outcome, Reg};

const WIDTH_4: DevicePolicy = DevicePolicy {
    widths: 1 << 2,
    exclusive: false,
    atomic: false,
};
const WIDTH_2_4: DevicePolicy = DevicePolicy {
    widths: 1 << 1 | 1 << 2,
    exclusive: false,
    atomic: false,
};
const WIDTH_8: DevicePolicy = DevicePolicy {
    widths: 1 << 3,
    exclusive: false,
    atomic: false,
};
/// ESR_EL2 of a data abort from a lower EL, IL set, DFSC 0x06.
const DABT: u64 = 0x9200_0006;
const WNR: u64 = 1 << 6;
const ISV: u64 = 1 << 24;

fn done(o: Outcome) -> nisv::Done {
    match o {
        Outcome::Done(d) => d,
        other => panic!("not done: {other:?}"),
    }
}

#[test]
fn isv1_store_from_the_syndrome_alone() {
    // no instruction at PC: ISV=1 needs none. SAS=2 (word), SRT=8, WnR.
    let (mut vcpu, dev) = machine(0, &[(Reg::x(8), 0x4142_4344)], WIDTH_4);
    let esr = DABT | ISV | 2 << 22 | 8 << 16 | WNR;
    let d = done(vcpu.handle_abort(&abort(esr, DEV + 0x10)).unwrap());
    // the instruction as the syndrome describes it
    assert_eq!(
        d.insn.map(|i| (i.op, i.rt, i.esize_log2)),
        Some((Op::Store, 8, 2))
    );
    // a syndrome-only trap reports the FAR as its VA
    assert_eq!((d.va, d.write), (DEV + 0x10, true));
    assert_eq!(dev.log(), vec![(true, 0x10, vec![0x44, 0x43, 0x42, 0x41])]);
    assert_eq!(vcpu.registers()[Reg::PC], PC + 4);
}

#[test]
fn isv1_sign_extending_load() {
    // SAS=1 (halfword), SSE, SRT=3, SF (64-bit): ldrsh x3 from offset 0x20
    let (mut vcpu, dev) = machine(0, &[], WIDTH_2_4);
    let esr = DABT | ISV | 1 << 22 | 1 << 21 | 3 << 16 | 1 << 15;
    done(vcpu.handle_abort(&abort(esr, DEV + 0x20)).unwrap());
    assert_eq!(dev.log(), vec![(false, 0x20, vec![0xf0, 0xf1])]);
    assert_eq!(vcpu.registers()[Reg::x(3)], 0xffff_ffff_ffff_f1f0);
    assert_eq!(vcpu.registers()[Reg::PC], PC + 4);
}

#[test]
fn isv0_stp_pre_index_to_a_device() {
    let word = 0xa981_0861;
    assert_eq!(
        nisv::decode(word).unwrap().to_string(),
        "stp x1, x2, [x3, #16]!"
    );
    let regs = [
        (Reg::x(1), 0x1111_2222_3333_4444),
        (Reg::x(2), 0x5555_6666_7777_8888),
        (Reg::x(3), DEV),
    ];
    let (mut vcpu, dev) = machine(word, &regs, WIDTH_8);
    let d = done(vcpu.handle_abort(&abort(DABT | WNR, DEV + 0x10)).unwrap());
    assert_eq!(
        d.insn.map(|i| i.to_string()).as_deref(),
        Some("stp x1, x2, [x3, #16]!")
    );
    assert_eq!((d.va, d.write), (DEV + 0x10, true));
    let x1 = 0x1111_2222_3333_4444u64.to_le_bytes().to_vec();
    let x2 = 0x5555_6666_7777_8888u64.to_le_bytes().to_vec();
    assert_eq!(dev.log(), vec![(true, 0x10, x1), (true, 0x18, x2)]);
    let r = vcpu.registers();
    assert_eq!((r[Reg::x(3)], r[Reg::PC]), (DEV + 0x10, PC + 4));
}

#[test]
fn isv0_ldp_from_a_device_in_its_widths() {
    let word = 0x2940_0861;
    assert_eq!(nisv::decode(word).unwrap().to_string(), "ldp w1, w2, [x3]");
    let (mut vcpu, dev) = machine(word, &[(Reg::x(3), DEV + 0x40)], WIDTH_4);
    done(vcpu.handle_abort(&abort(DABT, DEV + 0x40)).unwrap());
    let reads: Vec<u64> = dev
        .log()
        .iter()
        .map(|(w, off, b)| (*w as u64) << 63 | off << 8 | b.len() as u64)
        .collect();
    assert_eq!(reads, vec![0x40 << 8 | 4, 0x44 << 8 | 4]);
    let r = vcpu.registers();
    assert_eq!((r[Reg::x(1)], r[Reg::x(2)]), (0xf3f2_f1f0, 0xf7f6_f5f4));
}

#[test]
fn a_store_to_a_hole_faults_and_is_injected() {
    let word = 0xb900_0148;
    assert_eq!(nisv::decode(word).unwrap().to_string(), "str w8, [x10]");
    let hole = 0x0a00_0000;
    let (mut vcpu, dev) = machine(word, &[(Reg::x(10), hole)], WIDTH_4);
    let fault = match vcpu.handle_abort(&abort(DABT | WNR, hole)).unwrap() {
        Outcome::Fault(f) => f,
        other => panic!("no fault: {other:?}"),
    };
    assert_eq!(
        (fault.kind, fault.far, fault.write, fault.injected),
        (FaultKind::External, hole, true, false)
    );
    assert_eq!(vcpu.registers()[Reg::PC], PC, "reported, not taken");
    vcpu.inject(&fault).unwrap();
    let r = vcpu.registers();
    assert_eq!((r[Reg::ELR_EL1], r[Reg::PC]), (PC, RAM + 0x8000 + 0x200));
    // a synchronous external abort leaves FAR_EL1 UNKNOWN: nisv does not write it
    assert_eq!(
        (r[Reg::ESR_EL1], r[Reg::FAR_EL1]),
        (u64::from(fault.esr), 0)
    );
    assert!(dev.log().is_empty());
}

#[test]
fn a_stale_abort_is_retried_with_nothing_done() {
    // the instruction stores to DEV, but the abort reports another IPA: the
    // guest changed the instruction or the mapping since
    let (mut vcpu, dev) = machine(0xb900_0148, &[(Reg::x(10), DEV)], WIDTH_4);
    let before = vcpu.registers().clone();
    assert_eq!(
        vcpu.handle_abort(&abort(DABT | WNR, DEV + 0x800)).unwrap(),
        Outcome::Retry
    );
    assert_eq!(*vcpu.registers(), before);
    assert!(dev.log().is_empty());
}
