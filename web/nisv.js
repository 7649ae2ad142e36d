/*
 * The nisv explainer page: runs the nisv tool itself (web/build.sh compiles
 * it to a WASI command module) once per command, each time in a fresh
 * instance with its own argv, and lays out the JSON it prints. Everything
 * the page says about an ESR or an instruction comes from that output.
 *
 * Under node, module.exports gives { compileTool, runTool } (web/test/).
 */
(function () {
	'use strict';

	/* ---- the WASI calls the tool makes (wasi_snapshot_preview1) ---------- */

	const ERRNO = { SUCCESS: 0, BADF: 8, NOSYS: 52, SPIPE: 70, NOTCAPABLE: 76 };

	class Exit {
		constructor(code) { this.code = code; }
	}

	/* The calls for one run: argv, stdin bytes, stdout/stderr collected.
	 * No files: there is no preopened directory, so the tool's fopen fails
	 * (an option naming a file is refused with the tool's own message). */
	function wasiCalls(argv, stdin, out, memory) {
		const enc = new TextEncoder();
		const args = argv.map((a) => enc.encode(a + '\0'));
		const input = enc.encode(stdin);
		let readPos = 0;
		const view = () => new DataView(memory().buffer);
		const bytes = () => new Uint8Array(memory().buffer);
		/* each iovec: { ptr, len } from an array of (u32 buf, u32 len) */
		const iovecs = (iovs, count) => Array.from({ length: count }, (_, i) => ({
			ptr: view().getUint32(iovs + 8 * i, true),
			len: view().getUint32(iovs + 8 * i + 4, true),
		}));
		return {
			args_sizes_get(countPtr, sizePtr) {
				view().setUint32(countPtr, args.length, true);
				view().setUint32(sizePtr, args.reduce((n, a) => n + a.length, 0), true);
				return ERRNO.SUCCESS;
			},
			args_get(argvPtr, bufPtr) {
				args.forEach((a, i) => {
					view().setUint32(argvPtr + 4 * i, bufPtr, true);
					bytes().set(a, bufPtr);
					bufPtr += a.length;
				});
				return ERRNO.SUCCESS;
			},
			fd_write(fd, iovs, count, writtenPtr) {
				if (!out[fd])
					return ERRNO.BADF;
				let n = 0;
				for (const v of iovecs(iovs, count)) {
					out[fd].push(bytes().slice(v.ptr, v.ptr + v.len));
					n += v.len;
				}
				view().setUint32(writtenPtr, n, true);
				return ERRNO.SUCCESS;
			},
			fd_read(fd, iovs, count, readPtr) {
				if (fd !== 0)
					return ERRNO.BADF;
				let n = 0;
				for (const v of iovecs(iovs, count)) {
					const chunk = input.subarray(readPos, readPos + v.len);
					bytes().set(chunk, v.ptr);
					readPos += chunk.length;
					n += chunk.length;
				}
				view().setUint32(readPtr, n, true);
				return ERRNO.SUCCESS;
			},
			/* stdin, stdout, stderr: of no known type, so not terminals (stdout
			 * is fully buffered, as when the native tool writes to a pipe) */
			fd_fdstat_get(fd, statPtr) {
				if (fd > 2)
					return ERRNO.BADF;
				bytes().fill(0, statPtr, statPtr + 24);
				return ERRNO.SUCCESS;
			},
			fd_close: (fd) => (fd > 2 ? ERRNO.BADF : ERRNO.SUCCESS),
			fd_seek: () => ERRNO.SPIPE,
			fd_prestat_get: () => ERRNO.BADF,
			path_open: () => ERRNO.NOTCAPABLE,
			proc_exit(code) { throw new Exit(code); },
		};
	}

	function decodeBase64(text) {
		const bin = atob(text);
		const b = new Uint8Array(bin.length);
		for (let i = 0; i < bin.length; i++)
			b[i] = bin.charCodeAt(i);
		return b;
	}

	function joinText(chunks) {
		const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
		let at = 0;
		for (const c of chunks) {
			all.set(c, at);
			at += c.length;
		}
		return new TextDecoder().decode(all);
	}

	function compileTool(wasmBytes) {
		return WebAssembly.compile(wasmBytes);
	}

	/* One run of the tool: { code, stdout, stderr }. A call the module
	 * imports but wasiCalls lacks answers ENOSYS. */
	async function runTool(module, argv, stdin = '') {
		const out = { 1: [], 2: [] };
		let instance;
		const calls = wasiCalls(argv, stdin, out, () => instance.exports.memory);
		const imports = {};
		for (const imp of WebAssembly.Module.imports(module)) {
			if (imp.kind !== 'function')
				continue;
			imports[imp.module] = imports[imp.module] || {};
			imports[imp.module][imp.name] = (imp.module === 'wasi_snapshot_preview1' && calls[imp.name]) ||
				(() => ERRNO.NOSYS);
		}
		instance = await WebAssembly.instantiate(module, imports);
		let code = 0;
		try {
			instance.exports._start();
		} catch (e) {
			if (!(e instanceof Exit))
				throw e;
			code = e.code;
		}
		return { code, stdout: joinText(out[1]), stderr: joinText(out[2]) };
	}

	if (typeof module === 'object' && module.exports) {
		module.exports = { compileTool, runTool };
		return;
	}

	/* ---- the page ---------------------------------------------------------- */

	/* the inputs, by element id; the URL fragment holds them under the same names */
	const FIELDS = ['esr', 'insn', 'pc', 'regs', 'dev', 'ram', 'opts'];
	const words = (s) => s.split(/[\s,;]+/).filter(Boolean);
	const $ = (id) => document.getElementById(id);

	function el(tag, attrs, ...children) {
		const e = document.createElement(tag);
		for (const [k, v] of Object.entries(attrs || {}))
			e.setAttribute(k, v);
		for (const c of children.flat(Infinity))
			if (c !== null && c !== undefined && c !== false)
				e.append(c instanceof Node ? c : String(c));
		return e;
	}

	function readInputs() {
		const v = {};
		for (const f of FIELDS)
			v[f] = $(f).value.trim();
		return v;
	}

	function writeInputs(v) {
		for (const f of FIELDS)
			$(f).value = v[f] || '';
	}

	function fragmentOf(v) {
		const p = new URLSearchParams();
		for (const f of FIELDS)
			if (v[f])
				p.set(f, v[f]);
		return '#' + p.toString();
	}

	function inputsOfFragment(hash) {
		const p = new URLSearchParams(hash.replace(/^#/, ''));
		const v = {};
		for (const f of FIELDS)
			v[f] = p.get(f) || '';
		return v;
	}

	/* The tool's command lines for the inputs (argv[0] is "nisv"). */
	function commandsFor(v) {
		const cmds = [];
		if (v.esr) {
			const a = ['explain', v.esr];
			if (v.insn)
				a.push('--insn', v.insn);
			if (v.pc)
				a.push('--pc', v.pc);
			cmds.push({ kind: 'explain', args: a });
		} else if (v.insn) {
			cmds.push({ kind: 'decode', args: ['decode', v.insn].concat(v.pc ? ['--pc', v.pc] : []) });
		}
		if (v.insn) {
			const a = ['emulate', v.insn];
			if (v.pc)
				a.push('--set', 'pc=' + v.pc);
			for (const r of words(v.regs))
				a.push('--set', r);
			for (const d of words(v.dev))
				a.push('--dev', d);
			for (const r of words(v.ram))
				a.push('--ram', r);
			cmds.push({ kind: 'emulate', args: a.concat(words(v.opts)) });
		}
		return cmds;
	}

	const shellWord = (w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : "'" + w.replace(/'/g, "'\\''") + "'");
	const commandLine = (args) => ['nisv'].concat(args).map(shellWord).join(' ');

	/* ---- JSON to HTML -------------------------------------------------------- */

	const scalar = (x) => (x === null ? '—' : typeof x === 'object' ? JSON.stringify(x) : String(x));

	/* any value: a table for an array of objects, a key/value list for an object */
	function anyValue(x) {
		if (Array.isArray(x)) {
			if (x.length && x.every((o) => o && typeof o === 'object' && !Array.isArray(o)))
				return rowsTable(x);
			return el('span', null, x.length ? x.map(scalar).join(', ') : '—');
		}
		if (x && typeof x === 'object')
			return keyValues(x, Object.keys(x));
		return el('span', null, scalar(x));
	}

	function keyValues(obj, keys) {
		return el('dl', { class: 'kv' }, keys.filter((k) => k in obj).map((k) => [el('dt', null, k), el('dd', null, anyValue(obj[k]))]));
	}

	/* rows of objects; rowClass(row) may mark a row */
	function rowsTable(rows, rowClass) {
		const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
		return el('table', null,
			el('thead', null, el('tr', null, cols.map((c) => el('th', { scope: 'col' }, c)))),
			el('tbody', null, rows.map((r) => el('tr', rowClass ? { class: rowClass(r) } : null,
				cols.map((c) => el('td', { 'data-col': c }, c in r ? anyValue(r[c]) : ''))))));
	}

	/* the keys of obj not in shown, as a key/value list (nothing the tool says is dropped) */
	function rest(obj, shown) {
		const keys = Object.keys(obj).filter((k) => !shown.includes(k));
		return keys.length ? keyValues(obj, keys) : null;
	}

	const section = (title, ...body) => el('section', { class: 'card' }, el('h2', null, title), body);
	const fieldRow = (r) => (r.res0_violation ? 'flag' : '');

	function explainView(j) {
		const shown = ['esr', 'ec', 'il', 'iss', 'iss_fields', 'iss2', 'iss2_fields', 'res0_violation', 'insn', 'nisv'];
		const parts = [
			el('p', { class: 'lead' }, 'EC ', el('code', null, j.ec.value), ' ', j.ec.name,
				j.ec.iss_encoding ? ' (ISS encoding: ' + j.ec.iss_encoding + ')' : ''),
			el('p', null, 'IL ', el('code', null, j.il.value), ' ', j.il.meaning),
		];
		if (j.res0_violation)
			parts.push(el('p', { class: 'flag' }, 'res0_violation: a RES0 bit is set (see the rows marked)'));
		parts.push(el('h3', null, 'ISS ', el('code', null, j.iss)), rowsTable(j.iss_fields, fieldRow));
		if (j.iss2_fields)
			parts.push(el('h3', null, 'ISS2 ', el('code', null, j.iss2)), rowsTable(j.iss2_fields, fieldRow));
		parts.push(rest(j, shown));
		const out = [section(['ESR ', el('code', null, j.esr)], parts)];
		if (j.insn)
			out.push(insnView(j.insn));
		if (j.nisv)
			out.push(section('What nisv does', el('p', { class: 'lead' }, j.nisv)));
		return out;
	}

	function insnView(i) {
		const shown = ['word', 'text', 'memory', 'hardware_isv', 'hardware_isv_reason', 'syndrome_checks'];
		const checks = i.syndrome_checks || [];
		const access = rest(i, shown);
		return section(['Instruction ', el('code', null, i.word)],
			el('p', { class: 'lead' }, el('code', null, i.text)),
			el('p', null, 'hardware ISV: ', el('strong', null, i.hardware_isv ? '1' : '0'), ' — ', i.hardware_isv_reason),
			checks.length ? [el('h3', null, 'Syndrome vs instruction'),
				rowsTable(checks.map((c) => Object.assign({}, c, { agrees: c.agrees ? 'agrees' : 'DIFFERS' })),
					(c) => (c.agrees === 'DIFFERS' ? 'flag' : 'ok'))] : null,
			access ? el('details', { class: 'access' }, el('summary', null, 'the access, decoded'), access) : null);
	}

	function emulateView(j) {
		const shown = ['word', 'text', 'status', 'device_accesses', 'registers', 'memory', 'exception'];
		const regs = Object.entries(j.registers || {}).map(([reg, value]) => ({ reg, value }));
		return [section(['Emulation of ', el('code', null, j.word)],
			el('p', { class: 'lead' }, el('code', null, j.text)),
			el('p', null, 'status: ', el('strong', { class: j.status === 'NISV_OK' ? 'ok' : 'flag' }, j.status)),
			rest(j, shown),
			el('h3', null, 'Device accesses'), j.device_accesses.length ? rowsTable(j.device_accesses) : el('p', null, 'none'),
			el('h3', null, 'Registers changed'), regs.length ? rowsTable(regs) : el('p', null, 'none'),
			el('h3', null, 'Memory changed'), j.memory.length ? rowsTable(j.memory) : el('p', null, 'none'),
			el('h3', null, 'Exception taken'), anyValue(j.exception))];
	}

	function decodeView(list) {
		return list.map((i) => section(['Instruction ', el('code', null, i.word)],
			el('p', { class: 'lead' }, el('code', null, i.text)), rest(i, ['word', 'text'])));
	}

	const VIEWS = { explain: explainView, decode: decodeView, emulate: emulateView };

	/* one command's result: the laid-out JSON (or the tool's message), then the plain text */
	function resultView(cmd, json, text) {
		const view = json.code === 2 || !json.stdout
			? el('div', { class: 'card error', role: 'alert' }, el('h2', null, 'nisv ' + cmd.kind + ': exit status ' + json.code),
				el('pre', null, json.stderr || '(no message)'))
			: [VIEWS[cmd.kind](JSON.parse(json.stdout)), json.stderr ? el('pre', { class: 'stderr' }, json.stderr) : null];
		return el('div', { class: 'result', 'data-kind': cmd.kind },
			el('div', { class: 'view' }, view),
			el('details', { class: 'plain' },
				el('summary', null, 'plain text: ', el('code', null, commandLine(cmd.args)), ' (exit status ' + text.code + ')'),
				el('pre', { class: 'plain-text' }, text.stdout + text.stderr)));
	}

	let compiled = null;
	const tool = () => (compiled = compiled || compileTool(decodeBase64(window.NISV_WASM_BASE64)));
	let runs = 0; /* a run started later replaces the results of one still going */

	async function run() {
		const seq = ++runs;
		const v = readInputs();
		const status = $('status');
		const results = $('results');
		history.replaceState(null, '', fragmentOf(v));
		$('link').href = fragmentOf(v);
		const cmds = commandsFor(v);
		results.replaceChildren();
		if (!cmds.length) {
			status.textContent = 'Give an ESR, an instruction word, or both.';
			return;
		}
		status.textContent = 'running…';
		try {
			const module = await tool();
			for (const c of cmds) {
				const json = await runTool(module, ['nisv'].concat(c.args, ['--json']));
				const text = await runTool(module, ['nisv'].concat(c.args));
				if (seq !== runs)
					return;
				results.append(resultView(c, json, text));
			}
			status.textContent = 'done: ' + cmds.map((c) => 'nisv ' + c.kind).join(', ');
		} catch (e) {
			status.textContent = 'the tool could not run here: ' + e;
		}
	}

	async function showVersion() {
		$('version').textContent = (await runTool(await tool(), ['nisv', '--version'])).stdout.trim();
	}

	function fromFragment() {
		const v = inputsOfFragment(location.hash);
		writeInputs(v);
		if (FIELDS.some((f) => v[f]))
			run();
	}

	document.addEventListener('DOMContentLoaded', () => {
		$('inputs').addEventListener('submit', (e) => { e.preventDefault(); run(); });
		window.addEventListener('hashchange', fromFragment);
		showVersion().catch((e) => { $('version').textContent = 'nisv could not load: ' + e; });
		fromFragment();
	});
})();
