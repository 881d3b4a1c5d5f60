// Page-load benchmark of the citizens' site in Debian's Chromium through the DevTools
// protocol, throttled like a mid-range phone on a slow mobile network:
//
//   CPU      Emulation.setCPUThrottlingRate 4×
//   network  Network.emulateNetworkConditions with Lighthouse's "slow 4G" figures:
//            150 ms RTT, 1.6 Mbps down (1638.4 Kbps), 750 Kbps up. DevTools applies
//            the latency once per request (no TCP/TLS round trips are modelled), so
//            this is gentler than Lighthouse's simulated slow 4G. BENCH_NETWORK=devtools
//            applies Lighthouse's own DevTools-throttling equivalents instead
//            (562.5 ms, 1474.6 Kbps down, 675 Kbps up).
//
// For the home, search and procedure pages it measures FCP, LCP (PerformanceObserver
// 'largest-contentful-paint', buffered), JavaScript transferred (encodedDataLength of
// script responses, i.e. compressed as sent) and all bytes transferred; and, side by
// side, loading the API's own JSON for that page (the URL the page's server load calls)
// in the same throttled browser: time to response end, bytes. Every run is a fresh
// context (cold cache, no cookies); one warm-up load of each URL is not counted.
//
// env: BENCH_BASE_URL (SvelteKit), BENCH_API_URL (Django), BENCH_RUNS (5),
// BENCH_PROCEDURE (1.001193), BENCH_QUERY ("lam giay khai sinh"), BENCH_NETWORK
// (standard | devtools), BENCH_RESULT (JSON written here). Exit 1 if a budget fails.
import { writeFile } from 'node:fs/promises';
import { launch, PHONE } from './lib.mjs';

const BASE = (process.env.BENCH_BASE_URL || 'http://127.0.0.1:3000').replace(/\/+$/, '');
const API = (process.env.BENCH_API_URL || 'http://127.0.0.1:8000').replace(/\/+$/, '');
const RUNS = Number(process.env.BENCH_RUNS || 5);
const CODE = process.env.BENCH_PROCEDURE || '1.001193';
const QUERY = process.env.BENCH_QUERY || 'lam giay khai sinh';
const PROFILE = process.env.BENCH_NETWORK || 'standard';

const KBPS = 1024 / 8; // bytes per second in one Kbps (Lighthouse's units)
const NETWORKS = {
	standard: { label: '150 ms RTT, 1.6 Mbps down, 750 Kbps up', latency: 150, down: 1638.4, up: 750 },
	devtools: { label: '562.5 ms, 1474.6 Kbps down, 675 Kbps up', latency: 562.5, down: 1474.56, up: 675 }
};
const NETWORK = NETWORKS[PROFILE];
if (!NETWORK) throw new Error(`BENCH_NETWORK must be one of ${Object.keys(NETWORKS).join(', ')}`);
const CPU_RATE = 4;
const BUDGET = { lcp: 2500, procedureJs: 60 * 1024 };

const q = encodeURIComponent(QUERY).replace(/%20/g, '+');
const PAGES = [
	{ name: 'home', url: `${BASE}/`, api: `${API}/api/v1/summary/` },
	{ name: 'search', url: `${BASE}/tim-kiem?q=${q}`, api: `${API}/api/v1/search/?q=${q}` },
	{ name: 'procedure', url: `${BASE}/thu-tuc/${CODE}`, api: `${API}/api/v1/procedures/${CODE}/` }
];

const browser = await launch();
const VERSION = browser.version();

/** One cold load in a fresh, throttled context. */
async function load(url, { json = false } = {}) {
	const ctx = await browser.newContext({
		viewport: PHONE,
		extraHTTPHeaders: json ? { accept: 'application/json' } : {}
	});
	const page = await ctx.newPage();
	const cdp = await ctx.newCDPSession(page);
	await cdp.send('Network.enable');
	await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
	await cdp.send('Network.emulateNetworkConditions', {
		offline: false,
		latency: NETWORK.latency,
		downloadThroughput: NETWORK.down * KBPS,
		uploadThroughput: NETWORK.up * KBPS
	});
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_RATE });
	const types = new Map();
	const transfers = [];
	cdp.on('Network.responseReceived', (e) => types.set(e.requestId, { type: e.type, url: e.response.url, status: e.response.status }));
	cdp.on('Network.loadingFinished', (e) => transfers.push({ ...types.get(e.requestId), bytes: e.encodedDataLength }));

	const response = await page.goto(url, { waitUntil: json ? 'load' : 'networkidle', timeout: 120_000 });
	const status = response?.status() ?? 0;
	const timing = await page.evaluate(async () => {
		const nav = performance.getEntriesByType('navigation')[0];
		const fcp = performance.getEntriesByName('first-contentful-paint')[0];
		const lcp = await new Promise((resolve) => {
			let last = null;
			const observer = new PerformanceObserver((list) => {
				const entries = list.getEntries();
				last = entries[entries.length - 1];
			});
			observer.observe({ type: 'largest-contentful-paint', buffered: true });
			// Buffered entries are delivered on the next task; give them a moment.
			setTimeout(() => {
				observer.disconnect();
				resolve(last ? { time: last.startTime, element: last.element?.tagName ?? null, size: last.size } : null);
			}, 250);
		});
		return { responseStart: nav?.responseStart ?? null, responseEnd: nav?.responseEnd ?? null, fcp: fcp?.startTime ?? null, lcp };
	});
	await ctx.close();
	const scripts = transfers.filter((t) => t.type === 'Script');
	return {
		status,
		ttfb: timing.responseStart,
		responseEnd: timing.responseEnd,
		fcp: timing.fcp,
		lcp: timing.lcp?.time ?? null,
		lcpElement: timing.lcp?.element ?? null,
		jsBytes: scripts.reduce((sum, t) => sum + t.bytes, 0),
		jsFiles: scripts.length,
		totalBytes: transfers.reduce((sum, t) => sum + t.bytes, 0),
		documentBytes: transfers.filter((t) => t.type === 'Document').reduce((sum, t) => sum + t.bytes, 0),
		requests: transfers.length
	};
}

const median = (values) => {
	const sorted = values.filter((v) => v !== null).sort((a, b) => a - b);
	if (!sorted.length) return null;
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const worst = (values) => {
	const present = values.filter((v) => v !== null);
	return present.length ? Math.max(...present) : null;
};
const stats = (runs, key) => ({ median: median(runs.map((r) => r[key])), worst: worst(runs.map((r) => r[key])) });

const results = [];
try {
	for (const target of PAGES) {
		await load(target.url); // warm-up: server caches, the API's connections
		await load(target.api, { json: true });
		const pageRuns = [];
		const apiRuns = [];
		for (let i = 0; i < RUNS; i++) {
			pageRuns.push(await load(target.url));
			apiRuns.push(await load(target.api, { json: true }));
		}
		const entry = {
			name: target.name,
			url: target.url.replace(BASE, ''),
			api: target.api.replace(API, ''),
			status: [...new Set(pageRuns.map((r) => r.status))],
			apiStatus: [...new Set(apiRuns.map((r) => r.status))],
			ttfb: stats(pageRuns, 'ttfb'),
			fcp: stats(pageRuns, 'fcp'),
			lcp: stats(pageRuns, 'lcp'),
			lcpElement: pageRuns.at(-1).lcpElement,
			jsBytes: stats(pageRuns, 'jsBytes'),
			jsFiles: pageRuns.at(-1).jsFiles,
			totalBytes: stats(pageRuns, 'totalBytes'),
			requests: pageRuns.at(-1).requests,
			apiTtfb: stats(apiRuns, 'ttfb'),
			apiResponseEnd: stats(apiRuns, 'responseEnd'),
			apiBytes: stats(apiRuns, 'documentBytes'),
			runs: pageRuns,
			apiRuns
		};
		results.push(entry);
		process.stderr.write(`  ${target.name}: done\n`);
	}
} finally {
	await browser.close();
}

// --- report ----------------------------------------------------------------------
const ms = (v) => (v === null ? '—' : `${Math.round(v)}`);
const kb = (v) => (v === null ? '—' : (v / 1024).toFixed(1));
const pair = (s, f) => `${f(s.median)} / ${f(s.worst)}`;
const budgets = [];
for (const r of results) {
	budgets.push({
		what: `${r.name}: LCP ≤ 2.5 s (median ${ms(r.lcp.median)} ms, worst ${ms(r.lcp.worst)} ms)`,
		pass: r.lcp.median !== null && r.lcp.median <= BUDGET.lcp
	});
	if (r.name === 'procedure') {
		budgets.push({
			what: `procedure: JS ≤ 60 KB compressed (${kb(r.jsBytes.worst)} KB in ${r.jsFiles} files)`,
			pass: r.jsBytes.worst <= BUDGET.procedureJs
		});
	}
	const bad = [...r.status, ...r.apiStatus].filter((s) => s !== 200);
	if (bad.length) budgets.push({ what: `${r.name}: HTTP ${bad.join(', ')}`, pass: false });
}

const rows = [
	['page', 'TTFB ms', 'FCP ms', 'LCP ms', 'LCP element', 'JS KB', 'JS files', 'total KB', 'reqs', '│', 'API JSON', 'TTFB ms', 'resp. end ms', 'API KB']
];
for (const r of results) {
	rows.push([
		r.name,
		pair(r.ttfb, ms),
		pair(r.fcp, ms),
		pair(r.lcp, ms),
		r.lcpElement ?? '—',
		pair(r.jsBytes, kb),
		String(r.jsFiles),
		pair(r.totalBytes, kb),
		String(r.requests),
		'│',
		r.api,
		pair(r.apiTtfb, ms),
		pair(r.apiResponseEnd, ms),
		pair(r.apiBytes, kb)
	]);
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
const line = (row) => row.map((cell, i) => (i === 0 || i === 4 || i === 10 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');

console.log(
	`\nChromium ${VERSION} via CDP: CPU ${CPU_RATE}× slower, network "slow 4G" (${NETWORK.label}), ` +
		`${PHONE.width}×${PHONE.height}, cold cache, ${RUNS} runs per row; figures are median / worst.`
);
console.log('JS and bytes are as transferred (compressed, encodedDataLength); times from navigation start;');
console.log("TTFB is Navigation Timing's responseStart: for a page, its server render with the API calls it makes.\n");
console.log(line(rows[0]));
console.log(line(rows[0].map((_, i) => '─'.repeat(widths[i]))));
for (const row of rows.slice(1)) console.log(line(row));
console.log('\nBudgets:');
for (const b of budgets) console.log(`  ${b.pass ? 'PASS' : 'FAIL'}  ${b.what}`);

if (process.env.BENCH_RESULT) {
	await writeFile(
		process.env.BENCH_RESULT,
		JSON.stringify({ network: { profile: PROFILE, ...NETWORK }, cpu: CPU_RATE, runs: RUNS, results, budgets }, null, 2)
	);
}
process.exit(budgets.every((b) => b.pass) ? 0 : 1);
