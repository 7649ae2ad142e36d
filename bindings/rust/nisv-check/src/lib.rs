//! Support of the checks in tests/: a seeded generator, instruction words
//! drawn from the decoder's encoding rows, and the cross-check's world.

pub mod world;

use std::path::PathBuf;

/// xorshift64*: small, seeded, reproducible.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// 0..n
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// True with probability num/den.
    pub fn chance(&mut self, num: u64, den: u64) -> bool {
        self.below(den) < num
    }
}

/// The top of the nisv source tree.
pub fn source_dir() -> PathBuf {
    std::env::var_os("NISV_SOURCE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../.."))
}

/// The fixed bits (mask, value) of every encoding row of
/// src/a64_ldst.decode, the decoder's single source of truth.
pub fn encoding_rows() -> Vec<(u32, u32)> {
    let path = source_dir().join("src/a64_ldst.decode");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.starts_with('#') && l.contains('|'))
        .map(|l| {
            let pattern: Vec<char> = l
                .split('|')
                .next()
                .unwrap()
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            assert_eq!(pattern.len(), 32, "row {l}");
            pattern.iter().fold((0, 0), |(mask, value), c| match c {
                '0' => (mask << 1 | 1, value << 1),
                '1' => (mask << 1 | 1, value << 1 | 1),
                _ => (mask << 1, value << 1),
            })
        })
        .collect()
}

/// Words biased to the memory instructions: `percent_rows` of them fill a
/// random encoding row's variable bits, the rest are random words.
pub fn words(rng: &mut Rng, rows: &[(u32, u32)], count: usize, percent_rows: u64) -> Vec<u32> {
    (0..count)
        .map(|_| {
            let random = rng.next() as u32;
            if rng.chance(percent_rows, 100) {
                let (mask, value) = rows[rng.below(rows.len() as u64) as usize];
                random & !mask | value
            } else {
                random
            }
        })
        .collect()
}
