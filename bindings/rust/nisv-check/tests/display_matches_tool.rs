//! Insn's Display (implemented in Rust from the fields) prints what the nisv
//! tool prints (tools/nisv/format.c, through c/format_words.c), for every
//! encoding row many times over and for random words.

use std::io::Write;
use std::process::{Command, Stdio};

use nisv_check::{encoding_rows, words, Rng};

/// The tool's text of each word, at `pc`.
fn tool_text(words: &[u32], pc: u64) -> Vec<String> {
    let mut child = Command::new(env!("NISV_FORMAT_WORDS"))
        .arg(format!("{pc:x}"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run format_words");
    let input: String = words.iter().map(|w| format!("{w:08x}\n")).collect();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<String> = text.lines().map(|l| l[9..].to_string()).collect();
    assert_eq!(lines.len(), words.len());
    lines
}

fn check(words: &[u32], pc: u64) -> (usize, usize) {
    let mut memory = 0;
    let mut wrong = Vec::new();
    for (&w, tool) in words.iter().zip(tool_text(words, pc)) {
        let rust = match nisv::decode(w) {
            Some(insn) => {
                memory += 1;
                insn.display_at(pc).to_string()
            }
            None => format!(".inst 0x{w:08x} ; not a memory instruction"),
        };
        if rust != tool {
            wrong.push(format!("{w:08x}: tool '{tool}', Rust '{rust}'"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} differ:\n{}",
        wrong.len(),
        wrong[..wrong.len().min(20)].join("\n")
    );
    (words.len(), memory)
}

#[test]
fn display_matches_the_tool_on_200000_words() {
    let mut rng = Rng::new(17);
    let rows = encoding_rows();
    let words = words(&mut rng, &rows, 200_000, 90);
    let (n, memory) = check(&words, 0);
    println!("display: {n} words ({memory} memory instructions) print as the tool prints them");
    assert!(memory > n / 2);
}

#[test]
fn literal_targets_use_the_pc() {
    // ldr x1, #+8; ldr w2, #-4; ldrsw x3, #+0x100; prfm pldl1keep, #+12
    let words = [0x5800_0041, 0x18ff_ffe2, 0x9800_0803, 0xd800_0060];
    check(&words, 0xffff_0000_4000_1000);
    let insn = nisv::decode(0x5800_0041).unwrap();
    assert_eq!(
        insn.display_at(0x4000_1000).to_string(),
        "ldr x1, 0x40001008"
    );
}
