/*
 * The wasm build of nisv (32-bit: size_t and long are 4 bytes) run through
 * the page's own WASI calls (web/nisv.js), against
 *   - the recorded output (tests/tool/golden/) of every case of
 *     tests/tool/cases.txt that reads no file (the page has no files: cases
 *     naming data/ or @FILE are left out, and counted); the tool-golden test
 *     holds the native tool to the same files;
 * and against the native tool on
 *   - one `decode --json` of DECODE_WORDS seeded random words, on stdin;
 *   - EXPLAIN_PAIRS `explain --json` of random ESRs (data aborts and any
 *     class, ISS2 included) with random words;
 *   - EMULATE_WORDS `emulate --json --print-state` of random memory
 *     instructions from a random register file over RAM and a device.
 * Each must give the same exit status, stdout and stderr.
 *
 *   node tool_cases.js NISV_WASM NATIVE_NISV
 *
 * One line per mismatch, then "tool-cases: N passed, N failed, N skipped".
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { execFile, spawnSync } = require('child_process');
const { compileTool, runTool } = require('../nisv.js');

const DECODE_WORDS = 20000;
const EXPLAIN_PAIRS = 150;
const EMULATE_WORDS = 150;
const NATIVE_JOBS = 4;

const top = path.resolve(__dirname, '../..');
const toolTests = path.join(top, 'tests/tool');
const [wasmPath, nativePath] = process.argv.slice(2);

/* cases.txt parsed by the golden runner itself: [name, args, stdin] */
function goldenCases() {
	const py = 'import json, sys; sys.path.insert(0, sys.argv[1]); import run_golden; ' +
		'print(json.dumps([c[:3] for c in run_golden.load_cases(sys.argv[2])]))';
	const r = spawnSync('python3', ['-c', py, toolTests, path.join(toolTests, 'cases.txt')], { encoding: 'utf8' });
	if (r.status !== 0)
		throw new Error('cannot read cases.txt: ' + r.stderr);
	return JSON.parse(r.stdout);
}

/* xorshift32: the same words on every run */
let seed = 0x2545f491;
function rand32() {
	seed ^= seed << 13; seed >>>= 0;
	seed ^= seed >>> 17;
	seed ^= seed << 5; seed >>>= 0;
	return seed;
}
const hex = (n, digits) => n.toString(16).padStart(digits, '0');

function native(args, stdin) {
	return new Promise((resolve) => {
		const child = execFile(nativePath, args, { cwd: toolTests, encoding: 'utf8', maxBuffer: 1 << 28 },
			(err, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }));
		child.stdin.on('error', () => {}); /* a command that reads no stdin */
		child.stdin.end(stdin || '');
	});
}

/* what a golden file records: { code, stdout, stderr }, each output without its last newlines */
function golden(name) {
	const text = fs.readFileSync(path.join(toolTests, 'golden', name + '.txt'), 'utf8');
	const m = /^exit: (\d+)\n--- stdout\n([^]*)\n--- stderr\n([^]*)\n$/.exec(text.slice(text.indexOf('\nexit: ') + 1));
	return m ? { code: Number(m[1]), stdout: m[2], stderr: m[3] } : { code: -1, stdout: text, stderr: '' };
}

/* every case: { name, args, stdin, recorded (the golden cases) } */
async function allCases() {
	const cases = [];
	let skipped = 0;
	for (const [name, args, stdin] of goldenCases()) {
		if (args.some((a) => a.includes('data/') || a.includes('@')))
			skipped++;
		else
			cases.push({ name, args, stdin, recorded: true });
	}
	const words = Array.from({ length: DECODE_WORDS }, () => hex(rand32(), 8));
	const wordLines = words.join('\n') + '\n';
	cases.push({ name: 'decode-random', args: ['decode', '--json'], stdin: wordLines });
	for (let i = 0; i < EXPLAIN_PAIRS; i++) {
		const ec = i % 2 ? rand32() >>> 26 : 0x24 + (i & 2 ? 1 : 0);
		const esr = hex(rand32() & 0xffffff, 6) + hex((ec << 26 | 1 << 25 | (rand32() & 0x1ffffff)) >>> 0, 8);
		cases.push({ name: 'explain-random', args: ['explain', '0x' + esr, '--insn', hex(rand32(), 8), '--json'] });
	}
	/* memory instructions from the random words: those decode marks "memory" */
	const decoded = JSON.parse((await native(['decode', '--json'], wordLines)).stdout);
	const regs = [];
	for (let r = 0; r < 31; r++)
		regs.push('--set', 'x' + r + '=0x' + hex(0x40000 + (rand32() & 0xfff0), 1));
	for (const d of decoded.filter((x) => x.memory).slice(0, EMULATE_WORDS))
		cases.push({ name: 'emulate-random', args: ['emulate', d.word.slice(2), '--json', '--print-state', '--set', 'sp=0x48000',
			'--set', 'pstate=5', '--ram', '0x40000:0x10000', '--dev', '0x50000:0x10000'].concat(regs) });
	return { cases, skipped };
}

async function main() {
	const { cases, skipped } = await allCases();
	/* the native runs first, NATIVE_JOBS at a time: a process holding many
	 * wasm memories forks slowly */
	const live = cases.filter((c) => !c.recorded);
	let next = 0;
	const worker = async () => {
		while (next < live.length) {
			const c = live[next++];
			c.want = await native(c.args, c.stdin);
		}
	};
	await Promise.all(Array.from({ length: NATIVE_JOBS }, worker));

	const tool = await compileTool(fs.readFileSync(wasmPath));
	let passed = 0, failed = 0;
	const trim = (r) => ({ code: r.code, stdout: r.stdout.replace(/\n+$/, ''), stderr: r.stderr.replace(/\n+$/, '') });
	for (const c of cases) {
		let got = await runTool(tool, ['nisv'].concat(c.args), c.stdin || '');
		let want = c.want;
		if (c.recorded) {
			got = trim(got);
			want = golden(c.name);
		}
		const k = ['code', 'stdout', 'stderr'].find((key) => got[key] !== want[key]);
		if (k === undefined) {
			passed++;
			continue;
		}
		failed++;
		console.log('FAIL %s: nisv %s: %s differs from %s\n  want: %s\n  wasm: %s', c.name, c.args.join(' '), k,
			c.recorded ? 'golden/' + c.name + '.txt' : 'the native tool',
			JSON.stringify(want[k]).slice(0, 400), JSON.stringify(got[k]).slice(0, 400));
	}
	console.log('tool-cases: %d passed, %d failed, %d skipped (cases reading files)', passed, failed, skipped);
	process.exit(failed ? 1 : 0);
}

main().catch((e) => { console.log('tool-cases: error: ' + (e.stack || e)); process.exit(1); });
