//! src/bindings.rs is what regen-bindings.sh makes from include/nisv.h now.

use std::path::Path;
use std::process::Command;

#[test]
fn checked_in_bindings_match_the_header() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fresh = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bindings.rs");
    let status = Command::new("sh")
        .arg(here.join("regen-bindings.sh"))
        .arg(&fresh)
        .status()
        .expect("run regen-bindings.sh (needs bindgen, libclang and rustfmt)");
    assert!(status.success(), "regen-bindings.sh failed: {status}");
    let fresh = std::fs::read_to_string(&fresh).unwrap();
    let kept = std::fs::read_to_string(here.join("src/bindings.rs")).unwrap();
    if fresh != kept {
        let line = fresh.lines().zip(kept.lines()).position(|(a, b)| a != b);
        panic!(
            "src/bindings.rs is stale (first difference at line {}): run nisv-sys/regen-bindings.sh",
            line.map_or(fresh.lines().count().min(kept.lines().count()), |l| l) + 1
        );
    }
}
