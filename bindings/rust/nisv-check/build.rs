//! Compile the cross-check's C harness (c/harness.c, linked into this
//! crate) and c/format_words.c over the nisv tool's formatter (for the
//! Display check; its path is NISV_FORMAT_WORDS at compile time) against
//! the libnisv that nisv-sys links.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread;

fn run(mut cmd: Command) {
    let status = cmd
        .status()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    assert!(status.success(), "{cmd:?} failed: {status}");
}

/// Compile each source to OUT_DIR/<prefix><name>.o, all at once.
fn compile(
    cc: &str,
    args: &[String],
    sources: &[PathBuf],
    prefix: &str,
    out: &Path,
) -> Vec<PathBuf> {
    let objects: Vec<PathBuf> = sources
        .iter()
        .map(|s| {
            out.join(format!(
                "{prefix}{}.o",
                s.file_stem().unwrap().to_string_lossy()
            ))
        })
        .collect();
    thread::scope(|scope| {
        for (src, obj) in sources.iter().zip(&objects) {
            let mut cmd = Command::new(cc);
            cmd.args(args).arg("-c").arg(src).arg("-o").arg(obj);
            scope.spawn(move || run(cmd));
        }
    });
    objects
}

fn main() {
    let here = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let top = env::var_os("NISV_SOURCE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| here.join("../../.."));
    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    let include = env::var("DEP_NISV_INCLUDE").expect("nisv-sys sets DEP_NISV_INCLUDE");
    let lib_dir = env::var("DEP_NISV_LIB_DIR").expect("nisv-sys sets DEP_NISV_LIB_DIR");
    let cc = env::var("CC").unwrap_or_else(|_| "cc".into());
    let support = top.join("tests/support");
    let tool = top.join("tools/nisv");
    for dir in [here.join("c"), tool.clone(), support.clone()] {
        println!("cargo:rerun-if-changed={}", dir.display());
    }
    println!("cargo:rerun-if-env-changed=NISV_SOURCE_DIR");
    println!("cargo:rerun-if-env-changed=CC");

    let common: Vec<String> = ["-std=gnu11", "-O1", "-fPIC", "-I", &include, "-I"]
        .iter()
        .map(|s| s.to_string())
        .chain([support.display().to_string()])
        .collect();

    // The harness, with the page-table builder it uses, as a static library.
    let harness = [here.join("c/harness.c"), support.join("pagetable.c")];
    let objects = compile(&cc, &common, &harness, "xc_", &out);
    let lib = out.join("libxc_harness.a");
    let _ = std::fs::remove_file(&lib);
    let mut ar = Command::new(env::var("AR").unwrap_or_else(|_| "ar".into()));
    ar.arg("crs").arg(&lib).args(&objects);
    run(ar);
    println!("cargo:rustc-link-search=native={}", out.display());
    println!("cargo:rustc-link-lib=static=xc_harness");

    // The tool's formatter (what `nisv decode` prints) behind a small driver.
    let mut args = common.clone();
    args.push(format!("-I{}", tool.display()));
    let sources = ["format.c", "format_sve.c", "json.c"]
        .iter()
        .map(|f| tool.join(f))
        .chain([here.join("c/format_words.c")])
        .collect::<Vec<_>>();
    let objects = compile(&cc, &args, &sources, "fmt_", &out);
    let exe = out.join("format_words");
    let mut link = Command::new(&cc);
    link.args(&objects)
        .arg(format!("-L{lib_dir}"))
        .arg(format!("-Wl,-rpath,{lib_dir}"))
        .arg("-lnisv")
        .arg("-o")
        .arg(&exe);
    run(link);
    println!("cargo:rustc-env=NISV_FORMAT_WORDS={}", exe.display());
}
