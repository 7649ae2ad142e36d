/*
 * The explainer page in headless Chromium (DevTools protocol, puppeteer-core)
 * against the native nisv: for each case, opened from file:// with the
 * inputs in the URL fragment, the page must show every string and number of
 * `nisv explain --json` (and `nisv emulate --json`), its tables' rows must be
 * the JSON's, and its plain text must be the plain command's output. Also:
 * served by a static server on 127.0.0.1; no request leaves the page's own
 * files; no script error; at 390 px no horizontal overflow; every input
 * labelled; Tab reaches the inputs and the button, Enter runs, and the URL
 * then holds the inputs. Screenshots go to ARTIFACT_DIR.
 *
 *   node browser.js SITE_DIR NATIVE_NISV ARTIFACT_DIR NODE_MODULES_DIR
 *
 * One line per check, then "browser: N passed, N failed".
 */
'use strict';
const path = require('path');
const fs = require('fs');
const { spawn, spawnSync } = require('child_process');

const [siteDir, nativePath, artifactDir, nodeModules] = process.argv.slice(2);
const puppeteer = require(path.join(path.resolve(nodeModules), 'puppeteer-core'));
const fileUrl = 'file://' + path.resolve(siteDir, 'index.html');

/* name, the page's inputs; explain runs when esr is given, emulate when insn is */
const CASES = [
	['data abort, ISV=0, with the instruction', { esr: '0x92000046', insn: 'b8004548' }],
	['data abort, ISV=1, SRT differs', { esr: '0x93c08007', insn: 'f9400001' }],
	['emulate: LDADD on a device', {
		esr: '0x92000047', insn: 'f8200041', regs: 'x0=5 x2=0xa000010',
		dev: '0xa000000:0x100=00000000000000000000000000000000e803000000000000',
	}],
	['emulate: a post-index store, PC and RAM', {
		esr: '0x92000046', insn: 'b8004548', pc: '0x40001000', regs: 'x8=0x1234 x10=0x9000000',
		dev: '0x9000000:0x1000', ram: '0x40000000:0x2000',
	}],
	['emulate: SVE LD1B at VL 2048, the whole final state (other options)', {
		esr: '0x92000007', insn: 'a400a020', regs: 'pstate=5 x1=0x9000000 p0=0x0f0f00ff',
		dev: '0x9000000:0x40=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f',
		opts: '--vl 2048 --print-state',
	}],
	['instruction abort', { esr: '0x8200000f', insn: 'f9400000' }],
	['MSR/MRS trap (EC 0x18)', { esr: '0x6232c0a1' }],
	['SVE trap (EC 0x19)', { esr: '0x66000000' }],
	['RES0 bits set', { esr: '0x8000000092000046' }],
	['decode and emulate without an ESR', { insn: 'a9402001', regs: 'x0=0x1000', ram: '0x1000:0x20' }],
	['bad ESR', { esr: 'zz' }],
	['bad instruction word', { esr: '0x92000046', insn: '1f9400041' }],
	['bad register', { esr: '0x92000046', insn: 'b8004548', regs: 'x99=1' }],
];

let passed = 0, failed = 0;
function check(ok, what, detail) {
	if (ok)
		passed++;
	else
		failed++;
	console.log('%s: %s%s', ok ? 'PASS' : 'FAIL', what, ok || !detail ? '' : '\n    ' + detail);
}

function nisv(args) {
	const r = spawnSync(nativePath, args, { encoding: 'utf8' });
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/* the page's command lines, as nisv.js builds them */
function commands(v) {
	const words = (s) => (s || '').split(/[\s,;]+/).filter(Boolean);
	const cmds = [];
	if (v.esr)
		cmds.push(['explain', v.esr].concat(v.insn ? ['--insn', v.insn] : [], v.pc ? ['--pc', v.pc] : []));
	else if (v.insn)
		cmds.push(['decode', v.insn].concat(v.pc ? ['--pc', v.pc] : []));
	if (v.insn)
		cmds.push(['emulate', v.insn].concat(v.pc ? ['--set', 'pc=' + v.pc] : [],
			words(v.regs).flatMap((r) => ['--set', r]), words(v.dev).flatMap((d) => ['--dev', d]),
			words(v.ram).flatMap((r) => ['--ram', r]), words(v.opts)));
	return cmds;
}

const fragment = (v) => '#' + new URLSearchParams(Object.entries(v)).toString();

/* every string and number in a JSON value */
function leaves(x, out = []) {
	if (Array.isArray(x))
		x.forEach((y) => leaves(y, out));
	else if (x && typeof x === 'object')
		Object.values(x).forEach((y) => leaves(y, out));
	else if (typeof x === 'string' || typeof x === 'number')
		out.push(String(x));
	return out;
}

/* what one result block of the page holds */
function readResults(page) {
	return page.$$eval('#results .result', (blocks) => blocks.map((b) => ({
		kind: b.dataset.kind,
		view: b.querySelector('.view').textContent,
		plain: b.querySelector('.plain-text').textContent,
		tables: [...b.querySelectorAll('.view table')].map((t) => [...t.querySelectorAll('tbody tr')].map(
			(tr) => [...tr.children].map((td) => td.textContent))),
		error: (b.querySelector('.view .error pre') || {}).textContent,
	})));
}

async function waitDone(page) {
	await page.waitForFunction(() => /^(done|the tool could not|Give)/.test(document.getElementById('status').textContent),
		{ timeout: 20000 });
	return page.$eval('#status', (e) => e.textContent);
}

/* the page's blocks for the inputs v against the native tool */
function compareCase(name, v, blocks) {
	const cmds = commands(v);
	check(blocks.length === cmds.length, name + ': ' + cmds.length + ' result blocks', 'got ' + blocks.length);
	cmds.forEach((args, i) => {
		const b = blocks[i] || { view: '', plain: '', tables: [] };
		const what = name + ': nisv ' + args.join(' ');
		const text = nisv(args);
		check(b.plain === text.stdout + text.stderr, what + ': plain text == native', JSON.stringify(b.plain).slice(0, 300));
		const json = nisv(args.concat(['--json']));
		if (json.code === 2) {
			check(b.error === json.stderr, what + ': the error message == native stderr', JSON.stringify(b.error));
			return;
		}
		const parsed = JSON.parse(json.stdout);
		const missing = leaves(parsed).filter((s) => !b.view.includes(s));
		check(!missing.length, what + ': every string and number of --json shown', 'missing: ' + missing.slice(0, 5).join(' | '));
		/* the cells of rowsTable in nisv.js: a column for every key, in the order first seen */
		const rows = (list) => {
			const cols = [...new Set(list.flatMap((o) => Object.keys(o)))];
			return list.map((o) => cols.map((c) => (!(c in o) ? '' : o[c] === null ? '—' : String(o[c]))));
		};
		const want = args[0] === 'explain' ? [rows(parsed.iss_fields), rows(parsed.iss2_fields)]
			: args[0] === 'emulate' ? [rows(parsed.device_accesses), rows(Object.entries(parsed.registers))] : [];
		for (const table of want.filter((t) => t.length)) {
			const found = b.tables.some((t) => JSON.stringify(t) === JSON.stringify(table));
			check(found, what + ': a table with the rows ' + JSON.stringify(table[0]) + '...', JSON.stringify(b.tables).slice(0, 300));
		}
	});
}

/* a static server for siteDir on 127.0.0.1: { url, stop } */
function serve() {
	return new Promise((resolve, reject) => {
		const py = spawn('python3', ['-u', '-m', 'http.server', '--bind', '127.0.0.1', '0', '--directory', siteDir],
			{ stdio: ['ignore', 'pipe', 'ignore'] });
		py.stdout.on('data', (d) => {
			const m = /port (\d+)/.exec(String(d));
			if (m)
				resolve({ url: 'http://127.0.0.1:' + m[1] + '/', stop: () => py.kill() });
		});
		py.on('exit', () => reject(new Error('python3 -m http.server exited')));
	});
}

async function main() {
	fs.mkdirSync(artifactDir, { recursive: true });
	const browser = await puppeteer.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		headless: true,
		args: (process.getuid && process.getuid() === 0 ? ['--no-sandbox'] : []).concat(['--disable-dev-shm-usage']),
	});
	const server = await serve();
	const foreign = [];
	const errors = [];
	async function open(url, width = 1280) {
		const page = await browser.newPage();
		await page.setViewport({ width, height: 900 });
		page.on('request', (r) => {
			if (!r.url().startsWith('file://') && !r.url().startsWith(server.url))
				foreign.push(r.url());
		});
		page.on('pageerror', (e) => errors.push(String(e)));
		page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
		await page.goto(url);
		return page;
	}
	try {
		for (const [name, v] of CASES) {
			const page = await open(fileUrl + fragment(v));
			await waitDone(page);
			compareCase(name, v, await readResults(page));
			await page.close();
		}

		/* the version line comes from the module, over http as over file:// */
		let page = await open(server.url);
		await page.waitForFunction(() => /^nisv /.test(document.getElementById('version').textContent), { timeout: 20000 });
		const version = await page.$eval('#version', (e) => e.textContent);
		check(version === nisv(['--version']).stdout.trim(), 'served on 127.0.0.1: the version line is nisv --version', version);

		/* keyboard: labels, Tab order, Enter */
		const unlabelled = await page.$$eval('input, textarea, select',
			(list) => list.filter((e) => !e.labels.length || !e.labels[0].textContent.trim()).map((e) => e.id));
		check(!unlabelled.length, 'every input has a label', unlabelled.join(' '));
		const inputs = await page.$$eval('#inputs input', (list) => list.map((e) => e.id));
		const reached = [];
		for (let i = 0; i < inputs.length + 4 && !reached.includes('run'); i++) {
			await page.keyboard.press('Tab');
			reached.push(await page.evaluate(() => document.activeElement.id));
		}
		const order = inputs.concat(['run']);
		check(JSON.stringify(reached.filter((id) => order.includes(id))) === JSON.stringify(order),
			'Tab reaches ' + order.join(', ') + ' in order', reached.join(' '));
		const typed = { esr: '0x92000047', insn: 'f8200041', regs: 'x0=5 x2=0xa000010', dev: '0xa000010:8=e803000000000000' };
		await page.focus('#esr');
		for (const id of inputs.slice(0, inputs.indexOf('dev') + 1)) {
			if (id !== 'esr')
				await page.keyboard.press('Tab');
			if (typed[id])
				await page.keyboard.type(typed[id]);
		}
		check(await page.evaluate(() => document.activeElement.id) === 'dev', 'Tab moves from field to field');
		await page.keyboard.press('Enter');
		check((await waitDone(page)).startsWith('done'), 'Enter in a field runs the tool');
		compareCase('typed with the keyboard', typed, await readResults(page));
		const shared = await page.evaluate(() => location.hash);
		check(shared === fragment(typed), 'the URL fragment holds the inputs', shared);
		await page.close();

		/* the shared URL gives the same page; a phone's width does not overflow */
		const [longest, longestInputs] = CASES.find(([name]) => name.startsWith('emulate: SVE'));
		for (const [what, url, shot] of [['the shared URL', fileUrl + shared, 'web-390px.png'],
			[longest, fileUrl + fragment(longestInputs), null]]) {
			page = await open(url, 390);
			await waitDone(page);
			if (shot)
				compareCase(what, typed, await readResults(page));
			await page.$$eval('details', (list) => list.forEach((d) => { d.open = true; }));
			const widths = await page.evaluate(() => [document.documentElement.scrollWidth, document.body.scrollWidth]);
			check(widths[0] <= 390 && widths[1] <= 390, what + ': at 390 px the page does not overflow sideways',
				'scrollWidth ' + widths);
			if (shot)
				await page.screenshot({ path: path.join(artifactDir, shot), fullPage: true });
			await page.close();
		}
		page = await open(fileUrl + fragment(CASES[0][1]));
		await waitDone(page);
		await page.screenshot({ path: path.join(artifactDir, 'web-1280px.png'), fullPage: true });
		await page.close();

		check(!foreign.length, 'no request leaves the page\'s own files', foreign.slice(0, 3).join(' '));
		check(!errors.length, 'no script error', errors.slice(0, 3).join(' | '));
	} finally {
		server.stop();
		await browser.close();
	}
	console.log('browser: %d passed, %d failed', passed, failed);
	process.exit(failed ? 1 : 0);
}

main().catch((e) => {
	console.log('browser: error: ' + (e.stack || e));
	console.log('browser: %d passed, %d failed', passed, failed + 1);
	process.exit(1);
});
