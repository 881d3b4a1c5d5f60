/**
 * A required document left out of the online filing: the error summary takes the
 * focus, lists each missing document and links to its input, which is invalid and
 * described by its error; what was typed is kept (vi and en, JavaScript on and off).
 * In English, both steps' own words are English (issue 14).
 */
import {
	CODE,
	REQUIRED_DOCS,
	applicant,
	documentFile,
	expect,
	fillApplicant,
	fillEForms,
	hrefs,
	openFilingForm,
	reviewFiling,
	submitFiling,
	test,
	textOf,
	type Lang
} from '../helpers';
import type { Page } from '@playwright/test';

const FILE_MISSING: Record<Lang, string> = { vi: 'Hãy đính kèm giấy tờ này.', en: 'Attach this document.' };

/** A letter only Vietnamese writes (its vowels with their marks, and đ). */
const VIETNAMESE = /[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]/i;

/**
 * The English filing page's own words: each label, legend, hint and button with the
 * parts marked lang="vi" (the procedure's and documents' names, as published) and any
 * Vietnamese term in brackets left out; those with Vietnamese letters left in.
 */
async function untranslated(page: Page): Promise<string[]> {
	const texts = await page
		.locator('main :is(label, legend, .f-hint, button, h1, h2, .steps li)')
		.evaluateAll((els) =>
			els.map((el) => {
				const copy = el.cloneNode(true) as HTMLElement;
				for (const vi of copy.querySelectorAll('[lang="vi"]')) vi.remove();
				return (copy.textContent ?? '').replace(/\([^)]*\)/g, '').replace(/\s+/g, ' ').trim();
			})
		);
	return texts.filter((text) => VIETNAMESE.test(text));
}

for (const [lang, js] of [
	['vi', true],
	['vi', false],
	['en', true]
] as [Lang, boolean][]) {
	test.describe(`${lang === 'vi' ? 'Vietnamese' : 'English'}, JavaScript ${js ? 'on' : 'off'}`, () => {
		test.use({ lang, javaScriptEnabled: js });

		test('file online without a required document', async ({ page, inspect }) => {
			await openFilingForm(page, lang);
			if (lang === 'en') expect.soft(await untranslated(page), 'the first step in English').toEqual([]);
			const who = applicant(js);
			await fillApplicant(page, who);
			const eform = await fillEForms(page);
			await reviewFiling(page, { ...who, ...eform });
			if (lang === 'en') expect.soft(await untranslated(page), 'the confirmation step in English').toEqual([]);
			// Attach the first of several required documents, or none when only one is required.
			const missing = REQUIRED_DOCS.length > 1 ? REQUIRED_DOCS.slice(1) : REQUIRED_DOCS;
			const first = REQUIRED_DOCS[0];
			if (REQUIRED_DOCS.length > 1 && first) {
				await page.locator(`#f-${first.key}`).setInputFiles(documentFile(first, 0, js));
			}
			await page.locator('#f-confirm').check();
			await submitFiling(page);
			expect.soft(new URL(page.url()).pathname, 'back on the form').toBe(`/nop-truc-tuyen/${CODE}`);
			const summary = page.locator('main .error-summary');
			await expect(summary, 'an error summary').toHaveCount(1);
			const links = await hrefs(summary.locator('a'));
			expect.soft(links, 'one error a missing document, each linking to its input').toEqual(
				expect.arrayContaining(missing.map((d) => `#f-${d.key}`))
			);
			expect.soft(links.length, 'errors listed').toBe(missing.length);
			for (const doc of missing) {
				const input = page.locator(`#f-${doc.key}`);
				await expect.soft(input, `#f-${doc.key} invalid`).toHaveAttribute('aria-invalid', 'true');
				expect
					.soft(((await input.getAttribute('aria-describedby')) ?? '').split(' '), `#f-${doc.key} described by its error`)
					.toContain(`f-${doc.key}-error`);
				expect.soft(await textOf(page.locator(`#f-${doc.key}-error`)), `#f-${doc.key}'s error`).toContain(FILE_MISSING[lang]);
			}
			await expect
				.soft(page.locator('main form[action="?/file"] input[type=hidden][name=applicant_name]'), 'the applicant name kept')
				.toHaveValue(who.applicant_name);
			expect.soft(await textOf(page.locator('main .review')), 'still shown for confirmation').toContain(who.organisation_name);
			if (js) {
				expect.soft(await summary.evaluate((el) => el === document.activeElement), 'the summary takes the focus').toBe(true);
			}
			await inspect(page, 'filing-errors', { revisit: false });
			// The summary's link goes to the field.
			const key = missing[0]?.key;
			await summary.locator(`a[href="#f-${key}"]`).click();
			expect.soft(new URL(page.url()).hash, 'the link goes to the input').toBe(`#f-${key}`);
			await expect.soft(page.locator(`#f-${key}:target`), `#f-${key} is the target`).toHaveCount(1);
		});
	});
}

/**
 * A business types its enterprise code with one digit wrong: the first step comes
 * back with the API's Vietnamese (or English) message on that field, what was typed
 * kept, and no file asked for yet.
 */
for (const [lang, js] of [
	['vi', false],
	['en', true]
] as [Lang, boolean][]) {
	test.describe(`enterprise code, ${lang}, JavaScript ${js ? 'on' : 'off'}`, () => {
		test.use({ lang, javaScriptEnabled: js });

		test('a mistyped enterprise code is named on its field', async ({ page, inspect }) => {
			await openFilingForm(page, lang);
			const who = { ...applicant(js), enterprise_code: '0100233480' };
			await fillApplicant(page, who);
			await fillEForms(page);
			await page.locator('main form[action="?/review"] button[type=submit]').click();
			await page.waitForLoadState('load');
			const summary = page.locator('main .error-summary');
			await expect(summary, 'an error summary').toHaveCount(1);
			expect.soft(await hrefs(summary.locator('a')), 'the enterprise code named').toEqual(['#f-enterprise_code']);
			const input = page.locator('#f-enterprise_code');
			await expect.soft(input, 'kept as typed').toHaveValue('0100233480');
			await expect.soft(input, 'invalid').toHaveAttribute('aria-invalid', 'true');
			expect.soft(await textOf(page.locator('#f-enterprise_code-error')), 'the check digit').toMatch(lang === 'vi' ? /chữ số kiểm tra/ : /check digit|chữ số kiểm tra/);
			await expect.soft(page.locator('#f-organisation_name'), 'the company kept').toHaveValue(who.organisation_name);
			await expect.soft(page.locator('main input[type=file]'), 'no file asked for yet').toHaveCount(0);
			await inspect(page, `filing-enterprise-code-${lang}`, { revisit: false });
		});
	});
}
