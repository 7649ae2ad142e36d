//! Link libnisv: by default build the core from this source tree (it is
//! freestanding C: every src/*.c plus the decode table that
//! src/gen_decode_table.py generates) into a static library; with the
//! `pkg-config` feature, link the installed one.
//!
//! Dependents read `DEP_NISV_INCLUDE` (the directory of nisv.h) and
//! `DEP_NISV_LIB_DIR` (where libnisv is).

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=NISV_SOURCE_DIR");
    if env::var_os("CARGO_FEATURE_PKG_CONFIG").is_some() {
        link_installed();
    } else {
        build_vendored();
    }
}

/// The top of the nisv source tree: $NISV_SOURCE_DIR, else three levels up.
fn source_dir() -> PathBuf {
    env::var_os("NISV_SOURCE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join("../../.."))
}

fn run(cmd: &mut Command) {
    let status = cmd
        .status()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    assert!(status.success(), "{cmd:?} failed: {status}");
}

fn output(cmd: &mut Command) -> String {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn link_installed() {
    const MIN_VERSION: &str = "0.5.0";
    println!("cargo:rerun-if-env-changed=PKG_CONFIG_PATH");
    let version = output(Command::new("pkg-config").args(["--modversion", "nisv"]));
    run(Command::new("pkg-config").args(["--atleast-version", MIN_VERSION, "nisv"]));
    println!("cargo:version={}", version.trim());
    let flags = output(Command::new("pkg-config").args(["--libs", "nisv"]));
    for flag in flags.split_whitespace() {
        if let Some(dir) = flag.strip_prefix("-L") {
            println!("cargo:rustc-link-search=native={dir}");
            println!("cargo:lib_dir={dir}");
        } else if let Some(lib) = flag.strip_prefix("-l") {
            println!("cargo:rustc-link-lib={lib}");
        }
    }
    // where nisv.h is: one of the -I directories (an uninstalled build
    // has several), else includedir
    let dirs = output(Command::new("pkg-config").args(["--cflags-only-I", "nisv"]));
    let include = dirs
        .split_whitespace()
        .filter_map(|f| f.strip_prefix("-I"))
        .find(|d| Path::new(d).join("nisv.h").exists())
        .map(String::from)
        .unwrap_or_else(|| {
            output(Command::new("pkg-config").args(["--variable=includedir", "nisv"]))
        });
    println!("cargo:include={}", include.trim());
}

fn build_vendored() {
    let top = source_dir();
    let src = top.join("src");
    let include = top.join("include");
    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    let cc = env::var("CC").unwrap_or_else(|_| "cc".into());
    println!("cargo:rerun-if-env-changed=CC");
    println!("cargo:rerun-if-changed={}", src.display());
    println!(
        "cargo:rerun-if-changed={}",
        include.join("nisv.h").display()
    );

    let table = out.join("decode_table.c");
    run(Command::new("python3")
        .arg(src.join("gen_decode_table.py"))
        .arg(src.join("a64_ldst.decode"))
        .arg(&table)
        .env("PYTHONDONTWRITEBYTECODE", "1"));

    // The core's files as one unit (as meson's unity build does), the
    // table beside it: two compilations, run in parallel.
    let mut core: Vec<PathBuf> = std::fs::read_dir(&src)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().map_or(false, |x| x == "c"))
        .collect();
    core.sort();
    let unity = out.join("nisv_core.c");
    let text: String = core
        .iter()
        .map(|p| format!("#include \"{}\"\n", p.display()))
        .collect();
    std::fs::write(&unity, text).unwrap();

    let flags = [
        "-std=c11",
        "-O2",
        "-fPIC",
        "-ffreestanding",
        "-fvisibility=hidden",
    ];
    let units = [unity, table];
    let objects: Vec<PathBuf> = units.iter().map(|u| u.with_extension("o")).collect();
    thread::scope(|s| {
        for (unit, object) in units.iter().zip(&objects) {
            let mut cmd = Command::new(&cc);
            cmd.args(flags)
                .arg("-I")
                .arg(&include)
                .arg("-I")
                .arg(&src)
                .arg("-c")
                .arg(unit)
                .arg("-o")
                .arg(object);
            s.spawn(move || run(&mut cmd));
        }
    });
    let lib = out.join("libnisv.a");
    let _ = std::fs::remove_file(&lib);
    run(Command::new(env::var("AR").unwrap_or_else(|_| "ar".into()))
        .arg("crs")
        .arg(&lib)
        .args(&objects));

    println!("cargo:rustc-link-search=native={}", out.display());
    println!("cargo:rustc-link-lib=static=nisv");
    println!("cargo:include={}", include.display());
    println!("cargo:lib_dir={}", out.display());
}
