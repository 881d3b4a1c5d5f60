// End-to-end citizen journeys in Debian's Chromium against the real stack (SvelteKit
// server → Django API → PostgreSQL / OpenSearch / Redis / Celery). Driven stage by
// stage by tests/e2e/test_browser.py, which does the officials' part in between:
//
//   E2E_STAGE=before  search from the home page and open the birth registration
//                     procedure; filter by a facet; send petitions with an attachment
//                     (JavaScript on: PNG, off: PDF) and read their tracking codes;
//                     file the procedure online ("Nộp hồ sơ trực tuyến": applicant,
//                     one real PDF/PNG per required document, the pledge), read the
//                     receipt (barcode and QR as SVG, and its PDF) and look the dossier up by code;
//                     submit with a required document missing (the error summary)
//   E2E_STAGE=after   track the petitions by code and see the published answers;
//                     rate the service at the kiosk ("Hài lòng"); see the officials'
//                     step on each dossier's page; evaluate the dossiers (18 points);
//                     an unknown dossier code (the 404); the public statistics
//
// Each flow runs with JavaScript on and again with it off (javaScriptEnabled: false).
// Every page visited gets axe-core (WCAG 2.1 A/AA) in Vietnamese and, visited again
// with the cookie lang=en, in English; screenshots of each page type go to E2E_OUT.
//
// env: E2E_BASE_URL, E2E_STAGE, E2E_OUT (artifacts folder), E2E_RESULT (JSON written
// here), E2E_PROCEDURE (1.001193), E2E_QUERY ("lam giay khai sinh"),
// E2E_FILING (before: JSON, the documents of GET /api/v1/online-filing/{code}/),
// E2E_PETITIONS (after: JSON [{code, answer, js}]), E2E_AGENCY (after: agency id),
// E2E_DOSSIERS (after: JSON [{code, js, status, label, note}]).
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
const FILING = JSON.parse(process.env.E2E_FILING || '{"documents": []}');
const DOSSIERS = JSON.parse(process.env.E2E_DOSSIERS || '[]');
/** Well formed (agency code, date, sequence) but never issued. */
const UNKNOWN_DOSSIER = process.env.E2E_UNKNOWN_DOSSIER || 'H40.99-20240102-0042';

const result = {
	stage: STAGE,
	base: BASE,
	pages: [],
	flows: [],
	failures: [],
	petitions: [],
	ratings: 0,
	dossiers: [],
	evaluations: []
};
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
async function inspect(page, name, { lang = 'vi', js = true, revisit = true, status, expect = 200 } = {}) {
	const shot = join(OUT, `${name}-${lang}${js ? '' : '-nojs'}.png`);
	await page.screenshot({ path: shot, fullPage: true });
	const htmlLang = await page.getAttribute('html', 'lang');
	const h1 = await page.locator('h1').count();
	const violations = js ? await runAxe(page) : null;
	const entry = { name, lang, js, url: page.url().replace(BASE, ''), status, htmlLang, h1, violations, shot };
	result.pages.push(entry);
	check(htmlLang === lang, `${name} ${lang}: <html lang="${htmlLang}">, expected "${lang}"`);
	check(h1 === 1, `${name} ${lang}: ${h1} h1 elements`);
	if (status !== undefined) check(status === expect, `${name} ${lang}: HTTP ${status}, expected ${expect}`);
	if (violations?.length) {
		fail(
			`${name} ${lang}: axe ${violations
				.map((v) => `${v.id} [${v.impact}] ${v.nodes.map((n) => n.target).join(' | ')}`)
				.join('; ')}`
		);
	}
	if (revisit && js && lang === 'vi') toRevisit.push({ name, path: entry.url, expect });
	return entry;
}

/**
 * Run one flow in a fresh context (interface language `lang`, by cookie); any
 * exception is a failure with a screenshot.
 */
async function flow(name, js, body, lang = 'vi') {
	const record = { name: `${name} (JavaScript ${js ? 'on' : 'off'}${lang === 'vi' ? '' : `, ${lang}`})`, steps: [] };
	result.flows.push(record);
	const t0 = Date.now();
	const ctx = await newContext(browser, BASE, lang, { javaScriptEnabled: js });
	const page = await ctx.newPage();
	const step = (text) => record.steps.push(text);
	try {
		await body(page, { js, step, lang });
	} catch (err) {
		const shot = join(OUT, `FAILED-${name.replace(/\W+/g, '-')}-${js ? 'js' : 'nojs'}-${lang}.png`);
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
		// The first suggestion query meets a cold engine; on a loaded machine it is slow.
		const shown = await listbox
			.waitFor({ state: 'visible', timeout: 20_000 })
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

// --- stage "before": online filing -------------------------------------------------

const REQUIRED_DOCS = FILING.documents.filter((d) => d.required);
const FILE_ONLINE = { vi: 'Nộp hồ sơ trực tuyến', en: 'Apply online' };
const FILE_MISSING = { vi: 'Hãy đính kèm giấy tờ này.', en: 'Attach this document.' };
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The applicant of each filing (JavaScript on and off file separately). */
const applicant = (js) =>
	js
		? {
				applicant_name: 'Nguyễn Thị Hoa',
				applicant_id_number: '001190012345',
				applicant_phone: '0912345678',
				applicant_email: 'hoa.nguyen@example.com',
				applicant_address: 'Số 5 đường Lê Lợi, xã Hòa An'
			}
		: {
				applicant_name: 'Lê Văn Minh',
				applicant_id_number: '079088001234',
				applicant_phone: '0987654321',
				applicant_email: 'minh.le@example.com',
				applicant_address: ''
			};

/** A real small file for the i-th required document: PDF and PNG in turn. */
function documentFile(doc, i, js) {
	return (i + (js ? 0 : 1)) % 2 === 0
		? { name: `${doc.key}-ban-chinh.pdf`, mimeType: 'application/pdf', buffer: PDF }
		: { name: `${doc.key}-anh-chup.png`, mimeType: 'image/png', buffer: png(24 + i, 16) };
}

async function fillApplicant(page, who) {
	for (const [name, value] of Object.entries(who)) await page.locator(`#f-${name}`).fill(value);
}

/** From the procedure page's own button to the filing form; the inputs against the API. */
async function openFilingForm(page, lang) {
	await goto(page, `/thu-tuc/${CODE}`);
	const link = page.locator(`main a[href="/nop-truc-tuyen/${CODE}"]`).first();
	const label = await textOf(link);
	check(label === FILE_ONLINE[lang], `procedure ${lang}: filing link says "${label}"`);
	await link.click();
	await page.waitForURL(new RegExp(`/nop-truc-tuyen/${escape(CODE)}$`));
	await page.waitForLoadState('load');
	const names = async (selector) =>
		Promise.all((await page.locator(selector).all()).map((i) => i.getAttribute('name')));
	const inputs = await names('main form input[type=file]');
	const required = await names('main form input[type=file][required]');
	// The form lists the required documents first and folds the others after
	// them: the same inputs, in another order.
	const keys = (docs) => docs.map((d) => d.key).sort().join(', ');
	check(
		[...inputs].sort().join(', ') === keys(FILING.documents),
		`filing form: file inputs [${inputs.join(', ')}], the API's documents [${keys(FILING.documents)}]`
	);
	check(
		[...required].sort().join(', ') === keys(REQUIRED_DOCS),
		`filing form: required inputs [${required.join(', ')}], the API's [${keys(REQUIRED_DOCS)}]`
	);
}

async function submitFiling(page) {
	await page.locator('main form[enctype="multipart/form-data"] button[type=submit]').click();
	await page.waitForLoadState('load');
}

/** The lookup form: type the code, land on the dossier's page. */
async function lookUp(page, code) {
	await page.locator('#ma').fill(code);
	await page.locator('main form.lookup button[type=submit]').click();
	await page.waitForURL(new RegExp(`/ho-so/${escape(code)}$`));
	await page.waitForLoadState('load');
}

async function filingFlow(page, { js, step }) {
	if (!check(REQUIRED_DOCS.length > 0, 'filing: the API lists no required document')) return;
	await openFilingForm(page, 'vi');
	const who = applicant(js);
	await fillApplicant(page, who);
	const files = [];
	for (const [i, doc] of REQUIRED_DOCS.entries()) {
		const file = documentFile(doc, i, js);
		await page.locator(`#f-${doc.key}`).setInputFiles(file);
		files.push({ key: doc.key, name: file.name, type: file.mimeType, size: file.buffer.length });
	}
	await page.locator('#f-confirm').check();
	step(`documents: ${files.map((f) => `${f.key} ${f.name}`).join(', ')}`);
	await inspect(page, 'filing-form', { js });
	await submitFiling(page);
	await page.waitForURL(/\/ho-so\/[^/]+\/bien-nhan$/, { timeout: 30_000 });
	const code = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]);
	const receipt = page.locator('main .receipt');
	const shown = await textOf(receipt.locator('.code'));
	check(shown === code, `receipt: code in the address ${code} ≠ shown ${shown}`);
	const barcode = await receipt.locator('.barcode figure[role=img] svg').count();
	const qr = await receipt.locator('figure.qr[role=img] svg').count();
	check(barcode === 1 && qr === 1, `receipt ${code}: ${barcode} barcode and ${qr} QR <svg>`);
	const text = await textOf(receipt);
	check(text.includes('Tiếp nhận'), `receipt ${code}: no status "Tiếp nhận"`);
	check(text.includes(`/ho-so/${code}`), `receipt ${code}: no lookup address`);
	step(`receipt: ${code}, barcode and QR drawn`);
	// The PDF beside it comes from our own origin (the API draws it).
	const pdfHref = await page.locator('main a[type="application/pdf"]').getAttribute('href');
	const pdf = await page.request.get(new URL(pdfHref ?? '', page.url()).href);
	const pdfBytes = await pdf.body();
	const pdfType = pdf.headers()['content-type'];
	check(
		pdf.status() === 200 &&
			pdfType === 'application/pdf' &&
			pdfBytes.subarray(0, 5).toString('latin1') === '%PDF-',
		`receipt ${code}: PDF answered ${pdf.status()} ${pdfType}, ${pdfBytes.length} bytes`
	);
	step(`receipt PDF: ${pdfBytes.length} bytes`);
	result.dossiers.push({ js, code, applicant: who.applicant_name, email: who.applicant_email, files });
	await inspect(page, 'receipt', { js });

	// Later, the applicant looks it up by its code.
	const status = await goto(page, '/ho-so');
	await inspect(page, 'dossier-lookup', { js, status });
	await lookUp(page, code);
	const shownStatus = await textOf(page.locator('main .status'));
	check(shownStatus.includes('Tiếp nhận'), `dossier ${code}: status "${shownStatus}", expected "Tiếp nhận"`);
	step(`lookup: ${shownStatus}`);
	await inspect(page, 'dossier', { js });
}

/** A required document left out: the summary lists it and links to its input. */
async function filingErrorsFlow(page, { js, step, lang }) {
	if (!check(REQUIRED_DOCS.length > 0, 'filing: the API lists no required document')) return;
	await openFilingForm(page, lang);
	const who = applicant(js);
	await fillApplicant(page, who);
	// Attach the first of several required documents, or none when only one is required.
	const missing = REQUIRED_DOCS.length > 1 ? REQUIRED_DOCS.slice(1) : REQUIRED_DOCS;
	if (REQUIRED_DOCS.length > 1) {
		await page.locator(`#f-${REQUIRED_DOCS[0].key}`).setInputFiles(documentFile(REQUIRED_DOCS[0], 0, js));
	}
	await page.locator('#f-confirm').check();
	await submitFiling(page);
	const path = new URL(page.url()).pathname;
	check(path === `/nop-truc-tuyen/${CODE}`, `filing errors: landed on ${path}`);
	const summary = page.locator('main .error-summary');
	if (!check((await summary.count()) === 1, `filing errors ${lang}: no error summary`)) return;
	const links = await hrefs(summary.locator('a'));
	step(`error summary: ${(await summary.locator('li').allInnerTexts()).join(' / ')}`);
	check(
		links.length === missing.length,
		`filing errors ${lang}: ${links.length} errors listed (${links.join(', ')}), ${missing.length} documents missing`
	);
	for (const doc of missing) {
		check(links.includes(`#f-${doc.key}`), `filing errors ${lang}: no link to #f-${doc.key} (${links.join(', ')})`);
		const input = page.locator(`#f-${doc.key}`);
		check((await input.getAttribute('aria-invalid')) === 'true', `filing errors: #f-${doc.key} not aria-invalid`);
		const described = ((await input.getAttribute('aria-describedby')) ?? '').split(' ');
		check(described.includes(`f-${doc.key}-error`), `filing errors: #f-${doc.key} not described by its error`);
		const error = await textOf(page.locator(`#f-${doc.key}-error`));
		check(error.includes(FILE_MISSING[lang]), `filing errors ${lang}: #f-${doc.key}-error says "${error}"`);
	}
	const kept = await page.locator('#f-applicant_name').inputValue();
	check(kept === who.applicant_name, `filing errors: applicant name not kept ("${kept}")`);
	if (js) {
		const focused = await summary.evaluate((el) => el === document.activeElement);
		check(focused, `filing errors ${lang}: the error summary does not take the focus`);
	}
	await inspect(page, 'filing-errors', { js, lang, revisit: false });
	// The summary's link goes to the field.
	const key = missing[0].key;
	await summary.locator(`a[href="#f-${key}"]`).click();
	check(new URL(page.url()).hash === `#f-${key}`, `filing errors: link to ${key} went to ${page.url()}`);
	check((await page.locator(`#f-${key}:target`).count()) === 1, `filing errors: #f-${key} is not the target`);
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
	// The tablet at counter 2 ("quay"): each rating is stored with it.
	const kiosk = `/kiosk?co-quan=${encodeURIComponent(AGENCY)}&quay=2`;
	const status = await goto(page, kiosk);
	check(status === 200, `kiosk: HTTP ${status} for ${kiosk}`);
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

// --- stage "after": dossiers, evaluation, statistics ---------------------------------

/** Circular 01/2018's grades (feedback/satisfaction.py GRADE_BANDS). */
const GRADES = [
	['rat_tot', 'Rất tốt', 17],
	['tot', 'Tốt', 15],
	['dat', 'Đạt', 9],
	['khong_dat', 'Không đạt', 0]
];

async function dossierStatusFlow(page, { js, step }, dossier) {
	await goto(page, '/ho-so');
	await lookUp(page, dossier.code);
	const status = await textOf(page.locator('main .status'));
	check(status.includes(dossier.label), `dossier ${dossier.code}: status "${status}", expected "${dossier.label}"`);
	const history = await textOf(page.locator('main .timeline'));
	check(history.includes(dossier.label), `dossier ${dossier.code}: history lacks "${dossier.label}"`);
	if (dossier.note) check(history.includes(dossier.note), `dossier ${dossier.code}: history lacks the note`);
	step(`status: ${status}`);
	const rate = await page.locator('main .actions a[href^="/danh-gia?"]').count();
	const done = dossier.status === 'resolved';
	check(rate === (done ? 1 : 0), `dossier ${dossier.code} (${dossier.status}): ${rate} links to rate it`);
	await inspect(page, `dossier-${dossier.status.replace(/_/g, '-')}`, { js });
}

async function evaluationFlow(page, { js, step }, dossier, scores) {
	if (dossier.status === 'resolved') {
		// From the dossier's page, once resolved.
		await goto(page, `/ho-so/${dossier.code}`);
		await page.locator('main .actions a[href^="/danh-gia?"]').click();
		await page.waitForURL(/\/danh-gia\?/);
		await page.waitForLoadState('load');
	} else {
		await goto(page, `/danh-gia?ho-so=${encodeURIComponent(dossier.code)}`);
	}
	const url = new URL(page.url());
	check(url.searchParams.get('ho-so') === dossier.code, `evaluation: address ${url.search}`);
	const prefilled = await page.locator('#f-dossier_code').inputValue();
	check(prefilled === dossier.code, `evaluation: dossier code "${prefilled}" not filled in`);
	const agency = await page.locator('#f-agency').inputValue();
	check(agency !== '', 'evaluation: the dossier did not preselect its agency');
	const criteria = await Promise.all(
		(await page.locator('main .criteria input[type=radio][value="2"]').all()).map((r) => r.getAttribute('name'))
	);
	check(criteria.length === 9, `evaluation: ${criteria.length} criteria, expected 9`);
	await inspect(page, 'evaluation-form', { js });
	for (const [i, name] of criteria.entries()) await page.locator(`#f-${name}-${scores[i]}`).check();
	const total = scores.slice(0, criteria.length).reduce((a, b) => a + b, 0);
	const [grade, label] = GRADES.find(([, , lowest]) => total >= lowest);
	await page.locator('main form[method=POST] button[type=submit]').click();
	await page.waitForURL(/\/danh-gia\/da-gui\?/);
	await page.waitForLoadState('load');
	const shown = await textOf(page.locator('main .result'));
	check(
		shown.includes(`Tổng điểm: ${total}/18.`) && shown.includes(`Xếp loại: ${label}.`),
		`evaluation: confirmation "${shown}", expected ${total}/18 and "${label}"`
	);
	step(`confirmation: ${shown}`);
	result.evaluations.push({ js, code: dossier.code, agency, total, grade });
	await inspect(page, 'evaluation-done', { js });
}

async function unknownDossierFlow(page, { js, step }) {
	await goto(page, '/ho-so');
	await page.locator('#ma').fill(UNKNOWN_DOSSIER);
	const navigation = page.waitForResponse(
		(r) => r.request().isNavigationRequest() && new URL(r.url()).pathname === `/ho-so/${UNKNOWN_DOSSIER}`
	);
	await page.locator('main form.lookup button[type=submit]').click();
	const status = (await navigation).status();
	await page.waitForLoadState('load');
	const heading = await textOf(page.locator('h1'));
	check(heading === 'Không tìm thấy hồ sơ', `unknown dossier: h1 "${heading}"`);
	const again = await page.locator('main form.lookup #ma').inputValue();
	check(again === UNKNOWN_DOSSIER, `unknown dossier: the lookup form holds "${again}"`);
	step(`HTTP ${status}: ${heading}`);
	await inspect(page, 'dossier-unknown', { js, status, expect: 404 });
}

/** The sum of a chart's bars. */
async function chartTotal(page, id) {
	const values = await Promise.all(
		(await page.locator(`main svg[data-chart="${id}"] rect[data-value]`).all()).map((r) => r.getAttribute('data-value'))
	);
	return values.reduce((sum, v) => sum + (Number(v) || 0), 0);
}

async function statsFlow(page, { js, step }) {
	const status = await goto(page, '/thong-ke');
	const charts = await Promise.all(
		(await page.locator('main svg[data-chart]').all()).map((c) => c.getAttribute('data-chart'))
	);
	const tables = await page.locator('main table').count();
	step(`charts: ${charts.join(', ')}; ${tables} tables`);
	for (const id of ['counter', 'criteria', 'grades', 'outcomes']) {
		check(charts.includes(id), `statistics: no "${id}" chart (${charts.join(', ')})`);
	}
	check(tables >= charts.length, `statistics: ${tables} tables for ${charts.length} charts`);
	const expected = { counter: result.ratings, grades: result.evaluations.length, outcomes: DOSSIERS.length };
	for (const [id, n] of Object.entries(expected)) {
		const total = await chartTotal(page, id);
		check(total === n, `statistics: the "${id}" chart adds up to ${total}, expected ${n}`);
	}
	await inspect(page, 'stats', { js, status });
}

/** The pages seen in Vietnamese, again with the cookie lang=en: axe and screenshots. */
async function englishPass() {
	const ctx = await newContext(browser, BASE, 'en');
	const page = await ctx.newPage();
	const seen = new Set();
	try {
		for (const { name, path, expect } of toRevisit) {
			if (seen.has(name)) continue;
			seen.add(name);
			try {
				const status = await goto(page, path);
				await inspect(page, name, { lang: 'en', status, expect, revisit: false });
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
		await flow('file online', true, filingFlow);
		await flow('file online', false, filingFlow);
		await flow('file online without a required document', true, filingErrorsFlow);
		await flow('file online without a required document', false, filingErrorsFlow);
		await flow('file online without a required document', true, filingErrorsFlow, 'en');
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
		check(DOSSIERS.length > 0, 'after: no dossiers given (E2E_DOSSIERS)');
		for (const dossier of DOSSIERS) {
			for (const js of [true, false]) {
				await flow(`see dossier ${dossier.code}`, js, (page, ctx) => dossierStatusFlow(page, ctx, dossier));
			}
		}
		// All nine criteria at 2 points (18, "Rất tốt"); then a mixed one (15, "Tốt").
		const scores = [
			[2, 2, 2, 2, 2, 2, 2, 2, 2],
			[2, 1, 2, 2, 1, 2, 2, 1, 2]
		];
		for (const [i, dossier] of DOSSIERS.entries()) {
			await flow(`evaluate dossier ${dossier.code}`, dossier.js, (page, ctx) =>
				evaluationFlow(page, ctx, dossier, scores[i % scores.length])
			);
		}
		await flow('look up an unknown dossier', true, unknownDossierFlow);
		await flow('look up an unknown dossier', false, unknownDossierFlow);
		await flow('public statistics', true, statsFlow);
		await flow('public statistics', false, statsFlow);
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
	console.log(`page: ${p.name.padEnd(20)} ${p.lang}${p.js ? '     ' : ' nojs'} axe: ${axe.padEnd(12)} ${p.shot}`);
}
console.log(
	result.failures.length
		? `\nstage ${STAGE}: FAILED\n  ${result.failures.join('\n  ')}`
		: `\nstage ${STAGE}: all checks passed (${result.seconds.toFixed(1)} s)`
);
process.exit(result.failures.length ? 1 : 0);
