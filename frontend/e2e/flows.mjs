// End-to-end citizen journeys in Debian's Chromium against the real stack (SvelteKit
// server → Django API → PostgreSQL / OpenSearch / Redis / Celery). Driven stage by
// stage by tests/e2e/test_browser.py, which does the officials' part in between:
//
//   E2E_STAGE=before  search from the home page and open the birth registration
//                     procedure; filter by a facet; send petitions with an attachment
//                     (JavaScript on: PNG, off: PDF) and read their tracking codes
//   E2E_STAGE=after   track the petitions by code and see the published answers;
//                     rate the service at the kiosk ("Hài lòng")
//
// Each flow runs with JavaScript on and again with it off (javaScriptEnabled: false).
// Every page visited gets axe-core (WCAG 2.1 A/AA) in Vietnamese and, visited again
// with the cookie lang=en, in English; screenshots of each page type go to E2E_OUT.
//
// env: E2E_BASE_URL, E2E_STAGE, E2E_OUT (artifacts folder), E2E_RESULT (JSON written
// here), E2E_PROCEDURE (1.001193), E2E_QUERY ("lam giay khai sinh"),
// E2E_PETITIONS (after: JSON [{code, answer, js}]), E2E_AGENCY (after: agency id).
// Exits 1 when a check fails or axe finds a violation.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { launch, newContext, runAxe } from './lib.mjs';

const BASE = (process.env.E2E_BASE_URL || 'http://127.0.0.1:3000').replace(/\/+$/, '');
const STAGE = process.env.E2E_STAGE || 'before';
const OUT = process.env.E2E_OUT || join(import.meta.dirname, '..', 'test-results', 'e2e');
const RESULT = process.env.E2E_RESULT || join(OUT, `result-${STAGE}.json`);
const CODE = process.env.E2E_PROCEDURE || '1.001193';
const QUERY = process.env.E2E_QUERY || 'lam giay khai sinh';
const SUGGEST = process.env.E2E_SUGGEST || 'dang ky khai si';
const PETITIONS = JSON.parse(process.env.E2E_PETITIONS || '[]');
const AGENCY = process.env.E2E_AGENCY || '';

const result = { stage: STAGE, base: BASE, pages: [], flows: [], failures: [], petitions: [], ratings: 0 };
/** Pages seen in Vietnamese with JavaScript, visited again in English at the end. */
const toRevisit = [];

await mkdir(OUT, { recursive: true });
const browser = await launch();
const started = Date.now();

function fail(message) {
	result.failures.push(message);
	console.log(`  ✗ ${message}`);
}

function check(ok, message) {
	if (!ok) fail(message);
	return ok;
}

/**
 * Look at the page as it is: language, one h1, axe (only with JavaScript: axe is a
 * script), a screenshot. `revisit` queues its address for the English pass.
 */
async function inspect(page, name, { lang = 'vi', js = true, revisit = true, status } = {}) {
	const shot = join(OUT, `${name}-${lang}${js ? '' : '-nojs'}.png`);
	await page.screenshot({ path: shot, fullPage: true });
	const htmlLang = await page.getAttribute('html', 'lang');
	const h1 = await page.locator('h1').count();
	const violations = js ? await runAxe(page) : null;
	const entry = { name, lang, js, url: page.url().replace(BASE, ''), status, htmlLang, h1, violations, shot };
	result.pages.push(entry);
	check(htmlLang === lang, `${name} ${lang}: <html lang="${htmlLang}">, expected "${lang}"`);
	check(h1 === 1, `${name} ${lang}: ${h1} h1 elements`);
	if (status !== undefined) check(status === 200, `${name} ${lang}: HTTP ${status}`);
	if (violations?.length) {
		fail(
			`${name} ${lang}: axe ${violations
				.map((v) => `${v.id} [${v.impact}] ${v.nodes.map((n) => n.target).join(' | ')}`)
				.join('; ')}`
		);
	}
	if (revisit && js && lang === 'vi') toRevisit.push({ name, path: entry.url });
	return entry;
}

/** Run one flow in a fresh context; any exception is a failure with a screenshot. */
async function flow(name, js, body) {
	const record = { name: `${name} (JavaScript ${js ? 'on' : 'off'})`, steps: [] };
	result.flows.push(record);
	const t0 = Date.now();
	const ctx = await newContext(browser, BASE, 'vi', { javaScriptEnabled: js });
	const page = await ctx.newPage();
	const step = (text) => record.steps.push(text);
	try {
		await body(page, { js, step });
	} catch (err) {
		const shot = join(OUT, `FAILED-${name.replace(/\W+/g, '-')}-${js ? 'js' : 'nojs'}.png`);
		await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
		fail(`${record.name}: ${String(err.message).split('\n')[0]} (at ${page.url()}; screenshot ${shot})`);
	} finally {
		await ctx.close();
		record.seconds = (Date.now() - t0) / 1000;
	}
}

async function goto(page, path) {
	const response = await page.goto(BASE + path, { waitUntil: 'load' });
	return response?.status() ?? 0;
}

/** The links' href attributes (through locators: page.$$eval hangs without JavaScript). */
const hrefs = async (locator) =>
	Promise.all((await locator.all()).map((a) => a.getAttribute('href')));

/** Text of an element, whitespace squeezed. */
const textOf = async (locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();

// --- stage "before": search, facet, procedure, petition ----------------------------

async function searchFlow(page, { js, step }) {
	const status = await goto(page, '/');
	if (js) await inspect(page, 'home', { status });
	const box = page.locator('main input[name="q"]').first();
	await box.click();
	if (js) {
		// The combobox roles arrive with hydration: typing earlier gets no suggestions.
		const enhanced = await page
			.locator('main input[name="q"][role="combobox"]')
			.waitFor({ timeout: 10_000 })
			.then(() => true)
			.catch(() => false);
		check(enhanced, 'home: the search box never became a combobox (no hydration?)');
		// Suggestions complete the words being typed (prefixes of a name's words), so
		// they are tried with the start of a name; the everyday query comes after.
		await box.pressSequentially(SUGGEST, { delay: 25 });
		const listbox = page.getByRole('listbox');
		const shown = await listbox
			.waitFor({ state: 'visible', timeout: 10_000 })
			.then(() => true)
			.catch(() => false);
		if (check(shown, `home: no suggestions for "${SUGGEST}"`)) {
			const options = await listbox.getByRole('option').allInnerTexts();
			step(`suggestions for "${SUGGEST}": ${options.slice(0, 3).join(' / ')}`);
			check(
				options.some((o) => /khai sinh/i.test(o)),
				`home: suggestions for "${SUGGEST}" lack "khai sinh": ${options.join(' / ')}`
			);
			await box.press('ArrowDown');
			check(Boolean(await box.getAttribute('aria-activedescendant')), 'combobox: ArrowDown highlights nothing');
			await page.screenshot({ path: join(OUT, 'home-suggestions-vi.png') });
			await box.press('Escape');
			check((await box.getAttribute('aria-expanded')) === 'false', 'combobox: Escape does not close');
		}
		await box.fill('');
		await box.pressSequentially(QUERY, { delay: 10 });
	} else {
		await box.fill(QUERY);
	}
	await box.press('Enter');
	await page.waitForURL(/\/tim-kiem\?/);
	await page.waitForLoadState('load');
	step(`results: ${page.url()}`);
	const heading = await textOf(page.locator('h1'));
	check(heading.includes(QUERY), `search: heading "${heading}" lacks the query`);
	const results = await hrefs(page.locator('main h3 a[href^="/thu-tuc/"]'));
	const rank = results.indexOf(`/thu-tuc/${CODE}`) + 1;
	step(`${results.length} results; ${CODE} at rank ${rank || '—'}`);
	if (!check(rank > 0, `search "${QUERY}": ${CODE} not on the first page (${results.join(', ')})`)) {
		return;
	}
	await inspect(page, 'search', { js, revisit: true });

	// Filter by a facet: the field "Hộ tịch" where offered, else the first value.
	let facet = page.getByRole('checkbox', { name: /Hộ tịch/ }).first();
	if (!(await facet.count())) facet = page.locator('main .facets input[type=checkbox]').first();
	check((await facet.count()) > 0, 'search: no facet to filter by');
	if (!(await facet.isVisible())) await page.locator('main .facets summary').first().click();
	const facetName = await facet.getAttribute('name');
	await facet.check();
	await page.getByRole('button', { name: 'Áp dụng bộ lọc' }).click();
	await page.waitForURL(new RegExp(`[?&]${facetName}=`));
	await page.waitForLoadState('load');
	step(`filtered: ${page.url()}`);
	const filtered = await hrefs(page.locator('main h3 a[href^="/thu-tuc/"]'));
	check(filtered.length > 0 && filtered.length <= results.length, `facet: ${filtered.length} results`);
	const checkedAfter = await page.locator(`main input[type=checkbox][name="${facetName}"]:checked`).count();
	check(checkedAfter === 1, `facet: ${checkedAfter} boxes checked after filtering`);
	await inspect(page, 'search-filtered', { js });

	await page.locator(`main a[href="/thu-tuc/${CODE}"]`).first().click();
	await page.waitForURL(new RegExp(`/thu-tuc/${CODE.replace('.', '\\.')}$`));
	await page.waitForLoadState('load');
	const title = await textOf(page.locator('h1'));
	check(/đăng ký khai sinh/i.test(title), `procedure: h1 "${title}"`);
	step(`procedure: ${title}`);
	await inspect(page, 'procedure', { js });
}

/** A tiny valid PNG (Pillow on the server decodes it), made without dependencies. */
function png(width = 16, height = 16) {
	const chunk = (type, data) => {
		const length = Buffer.alloc(4);
		length.writeUInt32BE(data.length);
		const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
		const crc = Buffer.alloc(4);
		crc.writeUInt32BE(crc32(body) >>> 0);
		return Buffer.concat([length, body, crc]);
	};
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
	const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0xc8)]);
	const pixels = Buffer.concat(Array.from({ length: height }, () => row));
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(pixels)),
		chunk('IEND', Buffer.alloc(0))
	]);
}

const PDF = Buffer.from(
	'%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n' +
		'2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'
);

async function petitionFlow(page, { js, step }) {
	// From the procedure page's own link, as a citizen would.
	await goto(page, `/thu-tuc/${CODE}`);
	await page.locator(`main a[href^="/phan-anh/gui?procedure="]`).first().click();
	await page.waitForURL(/\/phan-anh\/gui\?procedure=/);
	await page.waitForLoadState('load');
	check(
		await page.locator('#f-kind-procedure').isChecked(),
		'petition form: kind "procedure" not preselected from ?procedure='
	);
	check(
		(await page.locator('#f-procedure').inputValue()) === CODE,
		'petition form: procedure code not filled in'
	);
	const suffix = js ? 'JavaScript bật' : 'JavaScript tắt';
	const petition = {
		js,
		title: `Thời gian hẹn trả giấy khai sinh chưa rõ (${suffix})`,
		body: js
			? 'Tôi nộp hồ sơ đăng ký khai sinh cho con tại bộ phận một cửa nhưng phiếu hẹn ' +
				'không ghi rõ ngày trả kết quả. Đề nghị hướng dẫn cách tra cứu tiến độ.'
			: 'Biểu mẫu tờ khai đăng ký khai sinh trên cổng thông tin khó đọc khi in ra giấy ' +
				'khổ nhỏ, mong cơ quan cung cấp thêm bản chữ lớn cho người cao tuổi.'
	};
	await page.locator('#f-title').fill(petition.title);
	await page.locator('#f-body').fill(petition.body);
	await page.locator('#f-name').fill(js ? 'Trần Thị Bình' : 'Phạm Văn Dũng');
	await page.locator('#f-phone').fill(js ? '0912000111' : '0913000222');
	await page.locator('#f-consent_publish').check();
	const file = js
		? { name: 'phieu-hen.png', mimeType: 'image/png', buffer: png() }
		: { name: 'to-khai.pdf', mimeType: 'application/pdf', buffer: PDF };
	await page.locator('#f-attachments').setInputFiles(file);
	step(`attachment: ${file.name} (${file.buffer.length} bytes)`);
	await inspect(page, 'petition-form', { js, revisit: true });
	await page.locator('main form[enctype="multipart/form-data"] button[type=submit]').click();
	await page.waitForURL(/\/phan-anh\/da-gui\?ma=/, { timeout: 30_000 });
	await page.waitForLoadState('load');
	const fromUrl = new URL(page.url()).searchParams.get('ma');
	const shown = (await textOf(page.locator('main .code [aria-hidden="true"]'))).replace(/\s/g, '');
	check(fromUrl === shown, `petition sent: code in the address ${fromUrl} ≠ shown ${shown}`);
	step(`tracking code: ${shown}`);
	result.petitions.push({ ...petition, code: shown, attachment: file.name });
	await inspect(page, 'petition-sent', { js });
}

// --- stage "after": tracking, kiosk ------------------------------------------------

async function trackFlow(page, { js, step }, petition) {
	await goto(page, '/phan-anh/tra-cuu');
	await page.locator('#ma').fill(petition.code);
	await page.locator('main form.track button[type=submit]').click();
	await page.waitForURL(/\/phan-anh\/tra-cuu\?ma=/);
	await page.waitForLoadState('load');
	const answer = page.locator('main .answer');
	check((await answer.count()) === 1, `track ${petition.code}: no answer shown`);
	if (await answer.count()) {
		const text = await textOf(answer);
		check(text.includes(petition.answer), `track ${petition.code}: answer "${text}"`);
		step(`answer: ${text.slice(0, 80)}`);
	}
	const status = await textOf(page.locator('main dl'));
	step(`status: ${status.slice(0, 120)}`);
	await inspect(page, 'petition-track', { js });
}

async function kioskFlow(page, { js, step }) {
	const status = await goto(page, `/kiosk?co-quan=${encodeURIComponent(AGENCY)}`);
	check(status === 200, `kiosk: HTTP ${status} for /kiosk?co-quan=${AGENCY}`);
	const buttons = ['Rất hài lòng', 'Hài lòng', 'Không hài lòng'];
	for (const name of buttons) {
		check(
			(await page.getByRole('button', { name, exact: true }).count()) === 1,
			`kiosk: no button "${name}"`
		);
	}
	await inspect(page, 'kiosk', { js, status });
	await page.getByRole('button', { name: 'Hài lòng', exact: true }).click();
	result.ratings += 1;
	const thanks = page.getByText(/cảm ơn/i).first();
	await thanks.waitFor({ state: 'visible', timeout: 10_000 });
	step(`after "Hài lòng": ${await textOf(thanks)}`);
	await inspect(page, 'kiosk-thanks', { js, revisit: false });
}

/** The pages seen in Vietnamese, again with the cookie lang=en: axe and screenshots. */
async function englishPass() {
	const ctx = await newContext(browser, BASE, 'en');
	const page = await ctx.newPage();
	const seen = new Set();
	try {
		for (const { name, path } of toRevisit) {
			if (seen.has(name)) continue;
			seen.add(name);
			try {
				const status = await goto(page, path);
				await inspect(page, name, { lang: 'en', status, revisit: false });
			} catch (err) {
				fail(`${name} en: ${String(err.message).split('\n')[0]}`);
			}
		}
	} finally {
		await ctx.close();
	}
}

try {
	if (STAGE === 'before') {
		await flow('search and open a procedure', true, searchFlow);
		await flow('search and open a procedure', false, searchFlow);
		await flow('send a petition', true, petitionFlow);
		await flow('send a petition', false, petitionFlow);
	} else if (STAGE === 'after') {
		for (const petition of PETITIONS) {
			await flow(`track petition ${petition.code}`, petition.js, (page, ctx) =>
				trackFlow(page, ctx, petition)
			);
		}
		check(PETITIONS.length > 0, 'after: no petitions given (E2E_PETITIONS)');
		if (check(AGENCY !== '', 'after: no agency given (E2E_AGENCY)')) {
			await flow('rate at the kiosk', true, kioskFlow);
			await flow('rate at the kiosk', false, kioskFlow);
		}
	} else {
		fail(`unknown E2E_STAGE ${STAGE}`);
	}
	await englishPass();
} finally {
	await browser.close();
}

result.seconds = (Date.now() - started) / 1000;
await writeFile(RESULT, JSON.stringify(result, null, 2));
for (const f of result.flows) {
	console.log(`flow: ${f.name} — ${f.seconds.toFixed(1)} s\n    ${f.steps.join('\n    ')}`);
}
for (const p of result.pages) {
	const axe = p.violations === null ? 'n/a (no JS)' : p.violations.length ? p.violations.map((v) => v.id).join(', ') : 'none';
	console.log(`page: ${p.name.padEnd(16)} ${p.lang}${p.js ? '     ' : ' nojs'} axe: ${axe.padEnd(12)} ${p.shot}`);
}
console.log(
	result.failures.length
		? `\nstage ${STAGE}: FAILED\n  ${result.failures.join('\n  ')}`
		: `\nstage ${STAGE}: all checks passed (${result.seconds.toFixed(1)} s)`
);
process.exit(result.failures.length ? 1 : 0);
