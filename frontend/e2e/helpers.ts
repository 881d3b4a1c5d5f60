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
export const REQUIRED_DOCS = FILING.documents.filter((d) => d.required);
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

/** The lookup form: type the code, land on the dossier's page. */
export async function lookUp(page: Page, code: string): Promise<void> {
	await page.locator('#ma').fill(code);
	await page.locator('main form.lookup button[type=submit]').click();
	await page.waitForURL(new RegExp(`/ho-so/${escapeRegExp(code)}$`));
	await page.waitForLoadState('load');
}

/* --- Online filing (the filing journeys) ------------------------------------------ */

const FILE_ONLINE: Record<Lang, string> = { vi: 'Nộp hồ sơ trực tuyến', en: 'Apply online' };

/** The applicant of each filing (JavaScript on and off file separately). */
export const applicant = (js: boolean) =>
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
export function documentFile(doc: FilingDocument, i: number, js: boolean) {
	return (i + (js ? 0 : 1)) % 2 === 0
		? { name: `${doc.key}-ban-chinh.pdf`, mimeType: 'application/pdf', buffer: PDF }
		: { name: `${doc.key}-anh-chup.png`, mimeType: 'image/png', buffer: png(24 + i, 16) };
}

export async function fillApplicant(page: Page, who: Record<string, string>): Promise<void> {
	for (const [name, value] of Object.entries(who)) await page.locator(`#f-${name}`).fill(value);
}

/** From the procedure page's own button to the filing form; its inputs against the API's documents. */
export async function openFilingForm(page: Page, lang: Lang): Promise<void> {
	expect(REQUIRED_DOCS.length, 'the API lists required documents (E2E_FILING)').toBeGreaterThan(0);
	await goto(page, `/thu-tuc/${CODE}`);
	const link = page.locator(`main a[href="/nop-truc-tuyen/${CODE}"]`).first();
	expect.soft(await textOf(link), `the procedure page's filing link (${lang})`).toBe(FILE_ONLINE[lang]);
	await link.click();
	await page.waitForURL(new RegExp(`/nop-truc-tuyen/${escapeRegExp(CODE)}$`));
	await page.waitForLoadState('load');
	const names = async (selector: string) =>
		Promise.all((await page.locator(selector).all()).map((i) => i.getAttribute('name')));
	// The form lists the required documents first and folds the others after
	// them: the same inputs, in another order.
	const keys = (docs: FilingDocument[]) => docs.map((d) => d.key).sort();
	expect.soft((await names('main form input[type=file]')).sort(), "the file inputs are the API's documents").toEqual(
		keys(FILING.documents)
	);
	expect.soft((await names('main form input[type=file][required]')).sort(), "the required inputs are the API's").toEqual(
		keys(REQUIRED_DOCS)
	);
}

export async function submitFiling(page: Page): Promise<void> {
	await page.locator('main form[enctype="multipart/form-data"] button[type=submit]').click();
	await page.waitForLoadState('load');
}
