/**
 * The procedure page of 1.001193 as a citizen reads it on a phone (JavaScript on and
 * off), and the home page's "most used" list (issue 14): the summary card first (what
 * you get, where, how long, how much, what to bring) on the first screen; a processing
 * time never a bare number; a fee said once; each named form linked to the national
 * portal or, the one an editor attached a file to (E2E_FORM_FILE), downloaded, each
 * saying which, never "chưa có tệp tải về"; the forms to fill in first, the
 * cases folded under them; one "Nộp hồ sơ trực tuyến" button, the portal's own; the
 * long parts folded, so the page is not 16,500 px long; the most used procedures
 * by their usage score (E2E_USAGE_SCORES), which on a fresh catalogue is the prior
 * of life events, commune level and citizens, not the obscure ones every counter at
 * 0 would put first.
 */
import { CODE, expect, goto, hrefs, test, textOf, withAndWithoutJavaScript } from '../helpers';
import { PHONE } from '../lib.mjs';

/**
 * Each live procedure's usage score, by code (tests/e2e/test_browser.py): views and
 * dossiers once counted, before that the prior of what people come for.
 */
const USAGE: Record<string, number> = JSON.parse(process.env.E2E_USAGE_SCORES || '{}');
/** The form an editor attached a file to (tests/e2e/test_browser.py), if any. */
const FORM_FILE: { form: string; size: number; named: number } | null = JSON.parse(process.env.E2E_FORM_FILE || 'null');
/** A number alone, with nothing to say what it counts. */
const BARE_NUMBER = /^\s*\d+(?:[.,]\d+)?\s*$/;
/**
 * The longest the page may be on a phone with its folds closed. Unfolded, the page
 * was 16,500 px; folded it is about a third of that (5,700 px measured).
 */
const MAX_HEIGHT = 8_000;

withAndWithoutJavaScript((js) => {
	test(`read procedure ${CODE} on a phone`, async ({ page, inspect }) => {
		const status = await goto(page, `/thu-tuc/${CODE}`);
		const article = page.locator('main article.procedure');

		await test.step('the summary card first, on the first screen', async () => {
			const first = article.locator(':scope > section').first();
			await expect.soft(first, 'the first section is the summary card').toHaveClass(/\bsummary\b/);
			const box = await first.boundingBox();
			expect.soft(box?.y ?? Infinity, 'the card starts on the first screen').toBeLessThan(PHONE.height * 0.6);
			const terms = (await article.locator('.summary dt').allInnerTexts()).map((t) => t.trim());
			expect
				.soft(terms.slice(0, 5), 'what you get, where, how long, how much, what to bring')
				.toEqual(['Bạn nhận được', 'Nộp ở đâu', 'Thời hạn giải quyết', 'Phí, lệ phí', 'Cần chuẩn bị']);
		});

		await test.step('the processing time with its unit', async () => {
			const shown = [
				...(await article.locator('#thoi-han ~ table tbody td:nth-child(2)').allInnerTexts()),
				await textOf(article.locator('.summary dt:text-is("Thời hạn giải quyết") + dd'))
			];
			expect.soft(shown.length, 'processing times shown').toBeGreaterThan(1);
			for (const time of shown) expect.soft(time, 'a processing time is never a bare number').not.toMatch(BARE_NUMBER);
			expect.soft(shown.join(' | '), 'birth registration: one working day').toContain('1 ngày làm việc');
		});

		await test.step('the fee said once', async () => {
			const fees = await article.locator('#phi ~ ul li').allInnerTexts();
			expect.soft(fees.length, 'fee lines').toBeGreaterThan(0);
			for (const fee of fees) {
				const parts = fee.split(/\s+—\s+/).map((p) => p.trim().toLowerCase());
				expect.soft(new Set(parts).size, `"${fee}" says one thing once`).toBe(parts.length);
			}
			expect.soft(await textOf(article.locator('.summary dt:text-is("Phí, lệ phí") + dd')), 'free, once').toBe('Miễn phí');
		});

		await test.step('the forms first, linked; the cases folded', async () => {
			const dossier = article.locator('section[aria-labelledby="ho-so"]');
			const text = (await dossier.textContent()) ?? ''; // the folded parts too
			expect.soft(text, 'no form without a file or a link').not.toContain('chưa có tệp tải về');
			const headings = await dossier.locator(':scope > h3').allInnerTexts();
			expect.soft(headings[0], 'the forms to fill in come first').toBe('Mẫu đơn, tờ khai cần điền');
			const firstList = dossier.locator(':scope > h3 + ol').first();
			expect.soft(await textOf(firstList), 'the birth registration form at the top').toMatch(/tờ khai/i);
			const links = firstList.locator('a[rel=external], a[download]');
			expect.soft(await links.count(), 'each form linked (national portal) or downloaded').toBeGreaterThan(0);
			for (const href of await hrefs(firstList.locator('a[rel=external]'))) {
				expect.soft(href ?? '', 'a form links to the national portal').toMatch(/^https:\/\/dichvucong\.gov\.vn\//);
			}
			if (FORM_FILE) {
				// The one an editor attached is downloaded, from the portal, and says so;
				// the others link to the national portal and say that.
				const downloads = dossier.locator('a[download]');
				expect.soft(await downloads.count(), 'the attached form, downloaded').toBe(1);
				const href = (await downloads.first().getAttribute('href')) ?? '';
				expect.soft(await textOf(downloads.first()), 'named as the form').toContain(FORM_FILE.form);
				const file = await page.request.get(new URL(href, page.url()).href);
				const bytes = await file.body();
				expect
					.soft([file.status(), bytes.length, bytes.subarray(0, 5).toString('latin1')], 'the file the editor attached')
					.toEqual([200, FORM_FILE.size, '%PDF-']);
				const tags = (await dossier.locator('.form-line .tag').allTextContents()).map((t) => t.trim());
				expect.soft(tags.filter((t) => t === 'có tệp tải về').length, 'one form "có tệp tải về"').toBe(1);
				expect
					.soft(tags.filter((t) => t === 'chỉ có liên kết').length, 'the others "chỉ có liên kết"')
					.toBeGreaterThanOrEqual(FORM_FILE.named - 1);
			}
			// "Trường hợp…": under a folded <details>, never in the lists shown.
			const shownItems = await dossier.locator(':scope > ol > li').allInnerTexts();
			for (const item of shownItems) expect.soft(item, 'a case shown unfolded').not.toMatch(/^\s*Trường hợp/);
			const folds = dossier.locator(':scope > details');
			expect.soft(await folds.count(), 'the cases folded').toBeGreaterThan(0);
			await expect.soft(dossier.locator(':scope > details[open]'), 'folded when the page opens').toHaveCount(0);
			// A fold opens without JavaScript (<details>).
			await folds.first().locator('summary').click();
			await expect.soft(folds.first(), 'a fold opens on a tap').toHaveAttribute('open', '');
			await folds.first().locator('summary').click();
		});

		await test.step('one online-filing button, the portal’s own', async () => {
			const buttons = page.locator('main a').filter({ hasText: /nộp hồ sơ trực tuyến/i });
			expect.soft(await hrefs(buttons), 'one "Nộp hồ sơ trực tuyến"').toEqual([`/nop-truc-tuyen/${CODE}`]);
			expect.soft(await page.locator('main a[href^="/nop-truc-tuyen/"]').count(), 'one link to the filing form').toBe(1);
		});

		await test.step('the long parts folded on a phone', async () => {
			const height = (await page.locator('body').boundingBox())?.height ?? Infinity;
			console.log(`procedure page ${CODE}, JavaScript ${js ? 'on' : 'off'}: ${Math.round(height)} px on a phone`);
			expect.soft(height, 'the page height on a phone, folds closed').toBeLessThan(MAX_HEIGHT);
		});
		await inspect(page, 'procedure-phone', { status });
	});

	test('the most used procedures are those people come for', async ({ page }) => {
		const scores = Object.values(USAGE);
		expect(scores.length, 'the procedures’ usage scores (E2E_USAGE_SCORES)').toBeGreaterThan(0);
		await goto(page, '/');
		const links = await hrefs(page.locator('main section[aria-labelledby="popular-heading"] a[href^="/thu-tuc/"]'));
		const codes = links.map((h) => decodeURIComponent((h ?? '').replace('/thu-tuc/', '')));
		expect(codes.length, 'a "most used" list').toBeGreaterThan(0);
		const shown = codes.map((c) => USAGE[c] ?? -1);
		expect.soft(shown, `${codes.join(', ')}: by their usage, most first`).toEqual([...shown].sort((a, b) => b - a));
		const left = Object.entries(USAGE).filter(([c]) => !codes.includes(c)).map(([, s]) => s);
		expect.soft(Math.min(...shown), 'none left out is used more').toBeGreaterThanOrEqual(Math.max(-1, ...left));
		// Every counter is 0 on a fresh catalogue: the prior (life events, commune level,
		// citizens), not the alphabet or the import order, puts them first.
		expect.soft(Math.min(...shown), 'each shown has the prior of a procedure people come for').toBeGreaterThan(0);
	});
});

/**
 * Every procedure of the run's catalogue, as a phone without JavaScript gets it: no
 * bare number for a time, no fee line saying one thing twice, no form left without
 * a file or a link, at most one online-filing button.
 */
test.describe('every procedure, JavaScript off', () => {
	test.use({ javaScriptEnabled: false });

	test('no bare time, no repeated fee, no unlinked form, one filing button at most', async ({ page }) => {
		const codes = Object.keys(USAGE).sort();
		expect(codes.length, 'procedures (E2E_USAGE_SCORES)').toBeGreaterThan(1);
		for (const code of codes) {
			await test.step(code, async () => {
				expect.soft(await goto(page, `/thu-tuc/${encodeURIComponent(code)}`), `${code}: the page`).toBe(200);
				const article = page.locator('main article.procedure');
				const times = [
					...(await article.locator('#thoi-han ~ table tbody td:nth-child(2)').allInnerTexts()),
					...(await article.locator('.summary dt:text-is("Thời hạn giải quyết") + dd').allInnerTexts())
				];
				for (const time of times) expect.soft(time, `${code}: a time with its unit`).not.toMatch(BARE_NUMBER);
				for (const fee of await article.locator('#phi ~ ul li').allInnerTexts()) {
					const parts = fee.split(/\s+—\s+/).map((p) => p.trim().toLowerCase());
					expect.soft(new Set(parts).size, `${code}: "${fee}" says one thing once`).toBe(parts.length);
				}
				// textContent: the folded parts too.
				expect
					.soft((await article.textContent()) ?? '', `${code}: a form without a file or a link`)
					.not.toContain('chưa có tệp tải về');
				const filing = await page.locator('main a').filter({ hasText: /nộp hồ sơ trực tuyến/i }).count();
				expect.soft(filing, `${code}: online-filing buttons`).toBeLessThanOrEqual(1);
			});
		}
	});
});
