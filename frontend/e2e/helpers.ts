/**
 * What the journeys (e2e/before/*.spec.ts, e2e/after/*.spec.ts) share: the run's
 * inputs from the environment, the `test` fixture (a context in the interface
 * language set by cookie, as /ngon-ngu does, with JavaScript on or off), `inspect`
 * (language, one h1, axe-core WCAG 2.1 A/AA, a screenshot, and the same page again
 * in English once the journey is done), what a journey hands on to the next stage,
 * and small files to upload.
 *
 * env: E2E_BASE_URL, E2E_OUT (screenshots, handed-on data), E2E_PROCEDURE (1.001193),
 * E2E_QUERY, E2E_SUGGEST, E2E_FILING (JSON: the API's filing documents),
 * E2E_PETITIONS, E2E_AGENCY, E2E_DOSSIERS (the after stage's inputs, from
 * tests/e2e/test_browser.py), E2E_UNKNOWN_DOSSIER.
 */
import { test as base, expect, type Browser, type Locator, type Page } from '@playwright/test';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { PHONE, runAxe } from './lib.mjs';

export { expect };

export type Lang = 'vi' | 'en';

export interface FilingDocument {
	key: string;
	name: string;
	required: boolean;
	/** An interactive national e-form: its fields, filled in on the page. */
	eform?: { form: string; fields: { name: string; type: string; required: boolean; choices?: { value: string }[] }[] } | null;
}
export interface SentPetition {
	js: boolean;
	title: string;
	body: string;
	code: string;
	attachment: string;
	answer?: string;
}
export interface WorkedDossier {
	code: string;
	js: boolean;
	status: string;
	label: string;
	note: string;
}

const json = <T>(name: string, fallback: string): T => JSON.parse(process.env[name] || fallback) as T;

export const BASE = (process.env.E2E_BASE_URL || 'http://127.0.0.1:3000').replace(/\/+$/, '');
export const OUT = process.env.E2E_OUT || join(import.meta.dirname, '..', 'test-results', 'e2e');
export const CODE = process.env.E2E_PROCEDURE || '1.001193';
export const QUERY = process.env.E2E_QUERY || 'lam giay khai sinh';
export const SUGGEST = process.env.E2E_SUGGEST || 'dang ky khai si';
export const FILING = json<{ documents: FilingDocument[] }>('E2E_FILING', '{"documents": []}');
/** The documents that take a file (an e-form is filled in instead). */
export const UPLOADS = FILING.documents.filter((d) => !d.eform);
export const REQUIRED_DOCS = UPLOADS.filter((d) => d.required);
export const EFORMS = FILING.documents.filter((d) => d.eform);
export const PETITIONS = json<SentPetition[]>('E2E_PETITIONS', '[]');
export const AGENCY = process.env.E2E_AGENCY || '';
export const DOSSIERS = json<WorkedDossier[]>('E2E_DOSSIERS', '[]');
/** Well formed (agency code, date, sequence) but never issued. */
export const UNKNOWN_DOSSIER = process.env.E2E_UNKNOWN_DOSSIER || 'H40.99-260102-0042';

const DATA = join(OUT, 'data');

/**
 * Hand something on to the next stage (or journey): `kind` names the list, each
 * test writes its own file, so nothing is lost when tests run apart.
 */
export function handOn(kind: string, title: string, items: unknown[]): void {
	mkdirSync(DATA, { recursive: true });
	writeFileSync(join(DATA, `${kind}--${title.replace(/\W+/g, '-')}.json`), JSON.stringify(items, null, 2));
}

/** Everything handed on under `kind` so far. */
export function handedOn<T>(kind: string): T[] {
	let names: string[] = [];
	try {
		names = readdirSync(DATA).filter((n) => n.startsWith(`${kind}--`));
	} catch {
		return [];
	}
	return names.flatMap((n) => JSON.parse(readFileSync(join(DATA, n), 'utf8')) as T[]);
}

interface Visit {
	name: string;
	path: string;
	expect: number;
}

/** Checks a journey makes of each page it lands on; see `inspect`. */
export class Inspector {
	private readonly seen: Visit[] = [];

	constructor(
		private readonly lang: Lang,
		private readonly js: boolean
	) {}

	/**
	 * Look at the page as it is: language, one h1, HTTP status when given, axe
	 * (only with JavaScript: axe is a script) and a screenshot. A page seen in
	 * Vietnamese with JavaScript is visited again in English after the journey,
	 * unless `revisit` is false (a page that only a form post leads to).
	 */
	async inspect(
		page: Page,
		name: string,
		{ status, expect: expected = 200, revisit = true }: { status?: number; expect?: number; revisit?: boolean } = {}
	): Promise<void> {
		await check(page, name, this.lang, this.js, status, expected);
		if (revisit && this.js && this.lang === 'vi' && !this.seen.some((v) => v.name === name)) {
			this.seen.push({ name, path: page.url().replace(BASE, ''), expect: expected });
		}
	}

	/** The pages seen in Vietnamese, again with the cookie lang=en. */
	async englishPass(browser: Browser): Promise<void> {
		if (this.seen.length === 0) return;
		const ctx = await browser.newContext({ baseURL: BASE, viewport: PHONE });
		await ctx.addCookies([{ name: 'lang', value: 'en', url: BASE }]);
		const page = await ctx.newPage();
		try {
			for (const visit of this.seen) {
				await base.step(`${visit.name} in English`, async () => {
					const status = await goto(page, visit.path);
					await check(page, visit.name, 'en', true, status, visit.expect);
				});
			}
		} finally {
			await ctx.close();
		}
	}
}

async function check(page: Page, name: string, lang: Lang, js: boolean, status: number | undefined, expected: number) {
	const where = `${name} ${lang}${js ? '' : ' (no JavaScript)'}`;
	await page.screenshot({ path: join(OUT, `${name}-${lang}${js ? '' : '-nojs'}.png`), fullPage: true });
	expect.soft(await page.getAttribute('html', 'lang'), `${where}: <html lang>`).toBe(lang);
	expect.soft(await page.locator('h1').count(), `${where}: h1 elements`).toBe(1);
	if (status !== undefined) expect.soft(status, `${where}: HTTP status`).toBe(expected);
	if (js) {
		const violations = (await runAxe(page)) as { id: string; impact: string; nodes: { target: string }[] }[];
		expect
			.soft(
				violations.map((v) => `${v.id} [${v.impact}] ${v.nodes.map((n) => n.target).join(' | ')}`),
				`${where}: axe-core (WCAG 2.1 A/AA) violations`
			)
			.toEqual([]);
	}
}

/**
 * The journeys' test: `page` in a context whose interface language is `lang` (an
 * option, Vietnamese unless a describe block says otherwise), `js` whether
 * JavaScript is on (`javaScriptEnabled`), and `inspect` for each page.
 */
export const test = base.extend<{ lang: Lang; js: boolean; inspect: Inspector['inspect'] }>({
	lang: ['vi', { option: true }],
	js: async ({ javaScriptEnabled }, use) => use(javaScriptEnabled !== false),
	context: async ({ context, lang }, use) => {
		await context.addCookies([{ name: 'lang', value: lang, url: BASE }]);
		await use(context);
	},
	inspect: async ({ browser, lang, js }, use) => {
		const inspector = new Inspector(lang, js);
		await use((page, name, options) => inspector.inspect(page, name, options));
		await inspector.englishPass(browser);
	}
});

/** Each journey once with JavaScript and once without; `body` defines its tests. */
export function withAndWithoutJavaScript(body: (js: boolean) => void): void {
	for (const js of [true, false]) {
		test.describe(`JavaScript ${js ? 'on' : 'off'}`, () => {
			test.use({ javaScriptEnabled: js });
			body(js);
		});
	}
}

export async function goto(page: Page, path: string): Promise<number> {
	const response = await page.goto(path, { waitUntil: 'load' });
	return response?.status() ?? 0;
}

/** The links' href attributes (through locators: $$eval hangs without JavaScript). */
export const hrefs = async (locator: Locator): Promise<(string | null)[]> =>
	Promise.all((await locator.all()).map((a) => a.getAttribute('href')));

/** Text of an element, whitespace squeezed. */
export const textOf = async (locator: Locator): Promise<string> =>
	(await locator.innerText()).replace(/\s+/g, ' ').trim();

export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A tiny valid PNG (Pillow on the server decodes it), made without dependencies. */
export function png(width = 16, height = 16): Buffer {
	const chunk = (type: string, data: Buffer) => {
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

export const PDF = Buffer.from(
	'%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n' +
		'2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'
);

/**
 * The lookup form: type the code (as given, or `typed`: in small letters, with stray
 * spaces, as people copy it), land on the dossier's page under its own code.
 */
export async function lookUp(page: Page, code: string, typed = code): Promise<void> {
	await page.locator('#ma').fill(typed);
	await page.locator('main form.lookup button[type=submit]').click();
	await page.waitForURL(new RegExp(`/ho-so/${escapeRegExp(code)}$`));
	await page.waitForLoadState('load');
}

/* --- Online filing (the filing journeys) ------------------------------------------ */

const FILE_ONLINE: Record<Lang, string> = { vi: 'Nộp hồ sơ trực tuyến', en: 'Apply online' };

/**
 * The applicant of each filing (JavaScript on and off file separately): a business,
 * each time typing their own name with the company in brackets, as people do.
 */
export const applicant = (js: boolean) =>
	js
		? {
				applicant_kind: 'organisation',
				applicant_name: 'Lê Thị Hoa (Công ty TNHH Thương mại Hoa Sen)',
				applicant_id_number: '001190012345',
				applicant_phone: '0912345678',
				applicant_email: 'hoa.le@example.com',
				applicant_address: 'Số 5 đường Lê Lợi, xã Hòa An',
				organisation_name: 'Công ty TNHH Thương mại Hoa Sen',
				enterprise_code: '0100233488',
				representative_name: 'Lê Thị Hoa',
				representative_position: 'Giám đốc'
			}
		: {
				applicant_kind: 'organisation',
				applicant_name: 'Trần Văn Bình (Công ty CP Sen Vàng)',
				applicant_id_number: '079088001234',
				applicant_phone: '0987654321',
				applicant_email: 'binh.tran@example.com',
				applicant_address: '',
				organisation_name: 'Công ty CP Sen Vàng - Chi nhánh Điện Biên',
				enterprise_code: '0314409058-002',
				representative_name: 'Trần Văn Bình',
				representative_position: 'Giám đốc chi nhánh'
			};

/** What the receipt and the lookup show of that applicant: the person masked, the company whole. */
export const maskedApplicant = (js: boolean) =>
	js ? 'Lê T. H. (Công ty TNHH Thương mại Hoa Sen)' : 'Trần V. B. (Công ty CP Sen Vàng)';

/** The birth-registration e-form as a parent types it (the field names after the document key). */
export const BIRTH_FORM: Record<string, string> = {
	child_name: 'Trần Minh Khang',
	child_birth_date: '2026-11-20',
	child_sex: 'Nam',
	child_birth_place: 'Bệnh viện Sản Nhi tỉnh Điện Biên',
	child_home_town: 'Hòa An, Điện Biên',
	child_ethnicity: 'Kinh',
	child_nationality: 'Việt Nam',
	mother_name: 'Nguyễn Thị Mai',
	father_name: 'Trần Văn Hùng',
	relationship: 'Mẹ'
};

/** Each e-form's fields filled in; the values typed, by field name, for the checks after. */
export async function fillEForms(page: Page): Promise<Record<string, string>> {
	const typed: Record<string, string> = {};
	for (const doc of EFORMS) {
		for (const field of doc.eform?.fields ?? []) {
			const own = field.name.slice(doc.key.length + 1);
			const value = BIRTH_FORM[own] ?? (field.type === 'radio' ? (field.choices?.[0]?.value ?? '') : 'Theo hướng dẫn');
			if (!value) continue;
			if (field.type === 'radio') await page.locator(`main input[type=radio][name="${field.name}"][value="${value}"]`).check();
			else await page.locator(`#f-${field.name}`).fill(value);
			typed[field.name] = value;
		}
	}
	return typed;
}

/** A real small file for the i-th required document: PDF and PNG in turn. */
export function documentFile(doc: FilingDocument, i: number, js: boolean) {
	return (i + (js ? 0 : 1)) % 2 === 0
		? { name: `${doc.key}-ban-chinh.pdf`, mimeType: 'application/pdf', buffer: PDF }
		: { name: `${doc.key}-anh-chup.png`, mimeType: 'image/png', buffer: png(24 + i, 16) };
}

export async function fillApplicant(page: Page, who: Record<string, string>): Promise<void> {
	for (const [name, value] of Object.entries(who)) {
		if (name === 'applicant_kind') await page.locator(`main input[type=radio][name="${name}"][value="${value}"]`).check();
		else await page.locator(`#f-${name}`).fill(value);
	}
}

/** Step 1 → 2: "Tiếp tục: kiểm tra lại"; the confirmation shows each value typed. */
export async function reviewFiling(page: Page, typed: Record<string, string>): Promise<void> {
	await page.locator('main form[action="?/review"] button[type=submit]').click();
	await page.waitForLoadState('load');
	const review = page.locator('main .review');
	await expect(review, 'the confirmation step').toHaveCount(1);
	const text = await textOf(review);
	for (const [name, value] of Object.entries(typed)) {
		if (!value || name === 'applicant_kind') continue;
		const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
		const shown = iso ? `${iso[3]}/${iso[2]}/${iso[1]}` : value;
		expect.soft(text, `the confirmation shows ${name} as typed`).toContain(shown);
	}
	await checkFileInputs(page);
}

/** From the procedure page's own button to the filing form; its inputs against the API's documents. */
export async function openFilingForm(page: Page, lang: Lang): Promise<void> {
	expect(REQUIRED_DOCS.length, 'the API lists required documents (E2E_FILING)').toBeGreaterThan(0);
	expect(EFORMS.length, 'the API lists the e-form of 1.001193 (E2E_FILING)').toBeGreaterThan(0);
	await goto(page, `/thu-tuc/${CODE}`);
	const link = page.locator(`main a[href="/nop-truc-tuyen/${CODE}"]`).first();
	expect.soft(await textOf(link), `the procedure page's filing link (${lang})`).toBe(FILE_ONLINE[lang]);
	await link.click();
	await page.waitForURL(new RegExp(`/nop-truc-tuyen/${escapeRegExp(CODE)}$`));
	await page.waitForLoadState('load');
	// The first step asks for no file: the e-forms are fields.
	await expect.soft(page.locator('main form input[type=file]'), 'no file input on the first step').toHaveCount(0);
	for (const doc of EFORMS) {
		for (const field of doc.eform?.fields ?? []) {
			const id = field.type === 'radio' ? `#f-${field.name}-0` : `#f-${field.name}`;
			await expect.soft(page.locator(id), `the e-form's field ${field.name}`).toHaveCount(1);
		}
	}
}

/** On the confirmation step: one file input per document the API takes a file for. */
async function checkFileInputs(page: Page): Promise<void> {
	const names = async (selector: string) =>
		Promise.all((await page.locator(selector).all()).map((i) => i.getAttribute('name')));
	// The form lists the required documents first and folds the others after
	// them: the same inputs, in another order.
	const keys = (docs: FilingDocument[]) => docs.map((d) => d.key).sort();
	expect.soft((await names('main form input[type=file]')).sort(), "the file inputs are the API's documents").toEqual(
		keys(UPLOADS)
	);
	expect.soft((await names('main form input[type=file][required]')).sort(), "the required inputs are the API's").toEqual(
		keys(REQUIRED_DOCS)
	);
}

export async function submitFiling(page: Page): Promise<void> {
	await page.locator('main form[action="?/file"] button[type=submit]').click();
	await page.waitForLoadState('load');
}
