//! The Rust and C paths agree: 10,000 seeded instructions (mostly drawn
//! from the decoder's encoding rows), each run by nisv_emulate with the C
//! harness's callbacks and through the safe API with Rust implementations
//! of the same world. Status, result, every callback call in order (so
//! every register change and device access) and the final world match.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use nisv::{CallbackError, Error, FaultMode, Features, Insn, Outcome, Reg, Status, Vcpu};
use nisv_check::world::{run_c, CRunResult, RustMem, RustRegs, Shared, World};
use nisv_check::world::{DEV_BASE, DEV_SIZE, RAM_BASE, TABLES};
use nisv_check::{encoding_rows, words, Rng};

const COUNT: usize = 10_000;

/// A base register value: mostly RAM or the device, at some alignment.
fn address(rng: &mut Rng) -> u64 {
    let align = [0, 0, 1, 3, 7, 15, 63][rng.below(7) as usize];
    match rng.below(10) {
        0..=4 => RAM_BASE + (rng.below(TABLES - RAM_BASE) & !align),
        5..=6 => DEV_BASE + (rng.below(DEV_SIZE) & !align),
        7 => rng.below(64),
        _ => rng.next(),
    }
}

fn fill(rng: &mut Rng, bytes: &mut [u8]) {
    for b in bytes {
        *b = rng.next() as u8;
    }
}

fn seed_world(rng: &mut Rng, base: &World) -> Box<World> {
    let mut w = Box::new(*base);
    for x in 0..31 {
        w.reg[x] = address(rng);
    }
    let stack = |rng: &mut Rng| {
        RAM_BASE + 0x8000 + (rng.below(0x1000) & if rng.chance(3, 4) { !15 } else { !0 })
    };
    w.reg[Reg::SP_EL0.index()] = stack(rng);
    w.reg[Reg::SP_EL1.index()] = stack(rng);
    w.reg[Reg::PC.index()] = RAM_BASE + 4 * rng.below((TABLES - RAM_BASE) / 4);
    let el = [0x5, 0x5, 0x5, 0x4, 0x0][rng.below(5) as usize];
    let pan = if rng.chance(1, 4) { 1 << 22 } else { 0 };
    w.reg[Reg::PSTATE.index()] = el | pan | (rng.next() & 0xf000_0000);
    // A, SA, SA0, nAA, DZE, E0E, UCI, and rarely EE (big-endian EL1)
    let ee = if rng.chance(1, 8) { 1 << 25 } else { 0 };
    w.reg[Reg::SCTLR_EL1.index()] =
        rng.next() & (1 << 1 | 1 << 3 | 1 << 4 | 1 << 6 | 1 << 14 | 1 << 24 | 1 << 26) | ee;
    w.reg[Reg::DCZID_EL0.index()] = [4, 4, 2, 4 | 16][rng.below(4) as usize];
    w.reg[Reg::VBAR_EL1.index()] = RAM_BASE + 0x800 * rng.below(16);
    w.reg[Reg::ZCR_EL1.index()] = rng.below(5);
    w.reg[Reg::SMCR_EL1.index()] = rng.below(4);
    w.reg[Reg::SVCR.index()] = rng.below(4);
    for z in w.z.iter_mut() {
        fill(rng, z);
    }
    for p in w.p.iter_mut() {
        fill(rng, p);
    }
    fill(rng, &mut w.ffr);
    for row in w.za.iter_mut() {
        fill(rng, row);
    }
    fill(rng, &mut w.zt0);
    w.features = (rng.next() & 0x3f) as u32;
    // vector lengths up to 640 bits: above 512 the callbacks refuse (64-byte files)
    w.sve_vqs = if rng.chance(1, 2) {
        1 + rng.below(31) as u32
    } else {
        0
    };
    w.sme_vqs = if rng.chance(1, 4) {
        1 + rng.below(15) as u32
    } else {
        0
    };
    w.inject = rng.below(2) as u32;
    w.dev_widths = [0, 0, 1 << 2, 1 << 2 | 1 << 3, 0x1f, 1][rng.below(6) as usize];
    w.dev_policy = rng.below(4) as u32;
    w.dev_seed = rng.next();
    if rng.chance(1, 4) {
        w.map_tables(rng.next());
    }
    w
}

fn run_rust(w: &World, word: u32) -> (nisv::Result<Outcome>, Shared) {
    let shared = Rc::new(RefCell::new(Shared {
        world: Box::new(*w),
        events: Vec::new(),
    }));
    let mut vcpu = Vcpu::new(RustRegs(shared.clone()), RustMem(shared.clone())).expect("vcpu");
    vcpu.set_features(Features(w.features));
    vcpu.set_vector_lengths(w.sve_vqs, w.sme_vqs);
    vcpu.set_fault_mode(if w.inject != 0 {
        FaultMode::Inject
    } else {
        FaultMode::Report
    });
    let result = vcpu.emulate(word);
    drop(vcpu);
    let shared = Rc::try_unwrap(shared)
        .ok()
        .expect("vcpu dropped")
        .into_inner();
    (result, shared)
}

fn status_of(r: &nisv::Result<Outcome>) -> Status {
    match r {
        Ok(o) => o.status(),
        Err(e) => e.status(),
    }
}

/// Where the Rust result differs from the C one, if it does.
fn result_difference(c: &CRunResult, rust: &nisv::Result<Outcome>) -> Option<String> {
    let res = &c.res;
    let c_insn = Insn::from_raw(&res.insn);
    if status_of(rust).raw() != c.status {
        return Some(format!("status: C {} Rust {:?}", c.status, rust));
    }
    let same = match rust {
        Ok(Outcome::Done(d)) => d.insn == c_insn && d.va == res.va && d.write == (res.write != 0),
        Ok(Outcome::Fault(f)) => {
            f.kind.raw() == u32::from(res.fault)
                && (f.esr, f.far, f.level, f.insn) == (res.esr, res.va, res.level, c_insn)
                && (f.write, f.injected) == (res.write != 0, res.injected != 0)
        }
        Ok(Outcome::Retry) | Err(Error::InvalidArgument) => true,
        Err(Error::Unsupported { insn }) => *insn == c_insn,
        Err(Error::Callback(e)) => matches!(e, CallbackError::Failed(_)),
    };
    (!same).then(|| format!("result: C {:?} Rust {:?}", res, rust))
}

#[test]
fn rust_and_c_paths_agree_on_10000_instructions() {
    let mut rng = Rng::new(0x5eed_2024);
    let rows = encoding_rows();
    let mut base = World::zeroed();
    fill(&mut rng, &mut base.ram);
    let words = words(&mut rng, &rows, COUNT, 80);
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let (mut events, mut device_accesses, mut failures) = (0, 0, Vec::new());

    for (i, &word) in words.iter().enumerate() {
        let world = seed_world(&mut rng, &base);
        let mut c_world = Box::new(*world);
        let (c, c_events) = run_c(&mut c_world, word);
        let (rust, shared) = run_rust(&world, word);
        *counts.entry(status_of(&rust).to_string()).or_default() += 1;
        events += c_events.len();
        device_accesses += c_events
            .iter()
            .filter(|e| (e.kind == 5 || e.kind == 6) && e.b < RAM_BASE)
            .count();

        let text = nisv::decode(word).map_or_else(|| "(not memory)".into(), |d| d.to_string());
        let mut diff = result_difference(&c, &rust);
        if diff.is_none() && c_events != shared.events {
            let at = c_events
                .iter()
                .zip(&shared.events)
                .position(|(a, b)| a != b);
            diff = Some(format!(
                "callbacks differ at {at:?} ({} C, {} Rust): C {:?} Rust {:?}",
                c_events.len(),
                shared.events.len(),
                at.and_then(|k| c_events.get(k)),
                at.and_then(|k| shared.events.get(k))
            ));
        }
        if diff.is_none() && *c_world != *shared.world {
            diff = Some("final worlds differ".into());
        }
        if let Some(d) = diff {
            failures.push(format!("#{i} {word:08x} {text}: {d}"));
        }
    }
    println!("cross-check: {COUNT} instructions, {events} callback calls compared, {device_accesses} device accesses");
    for (status, n) in &counts {
        println!("cross-check: {status:<22} {n}");
    }
    assert!(
        failures.is_empty(),
        "{} differences, first ones:\n{}",
        failures.len(),
        failures[..failures.len().min(10)].join("\n")
    );
    assert!(
        counts.get("NISV_OK").copied().unwrap_or(0) > COUNT / 10,
        "too few emulated: {counts:?}"
    );
}
