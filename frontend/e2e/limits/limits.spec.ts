/**
 * The limits a citizen meets (issue 14), run on their own (the playwright project
 * "limits") with tests/e2e/test_browser.py setting one petition a day a phone and no
 * window to revise an evaluation:
 *
 * - a petition refused for a too-short text (a 400) costs nothing: corrected, it is
 *   sent with the phone's only allowance; a second one that day is refused with the
 *   wait in words ("khoảng 23 giờ", never "85186 giây") and keeps what was typed;
 * - a dossier evaluated again after the window is refused with a clear message.
 *
 * In Vietnamese with JavaScript on and off, in English without. The petitions are
 * handed on ("petitions-limits"); the pytest side finds one petition a phone, routed
 * to the province's default reception unit (a suggestion names neither procedure
 * nor agency) with the reason.
 */
import { DOSSIERS, expect, goto, handOn, test, textOf, type Lang } from '../helpers';

const SEND = 'main form[enctype="multipart/form-data"] button[type=submit]';

/** What each language says: the API's refusal of a short text, the wait, the window. */
const SAYS: Record<Lang, { short: string; wait: RegExp; seconds: RegExp; closed: string; once: string }> = {
	vi: {
		short: 'ít nhất 20 ký tự',
		wait: /khoảng (1 ngày|2[0-4] giờ)/,
		seconds: /\d+\s*giây/,
		closed: 'đã được đánh giá ngày',
		once: 'Mỗi hồ sơ được đánh giá một lần'
	},
	en: {
		short: 'at least 20 characters',
		wait: /about (1 day|2[0-4] hours)/,
		seconds: /\d+\s*seconds/,
		closed: 'has already been evaluated on',
		once: 'A dossier is evaluated once'
	}
};

/** Vietnamese with JavaScript on and off, English without it (each with its own phone). */
const RUNS: [Lang, boolean, string][] = [
	['vi', true, '0918 555 666'],
	['vi', false, '0919 777 888'],
	['en', false, '0917 222 333']
];

for (const [lang, js, phone] of RUNS) {
	test.describe(`${lang}, JavaScript ${js ? 'on' : 'off'}`, () => {
		test.use({ lang, javaScriptEnabled: js });
		const says = SAYS[lang];
		const typed = {
			title: `Đề nghị mở quầy vào sáng thứ bảy (${lang}, JavaScript ${js ? 'bật' : 'tắt'})`,
			body: 'Người đi làm không kịp nộp hồ sơ trong giờ hành chính, xin mở thêm quầy.',
			name: js ? 'Hoàng Thị Thu' : 'Lý Văn Sơn'
		};

		async function fill(page: import('@playwright/test').Page, body: string): Promise<void> {
			await page.locator('#f-kind-suggestion').check();
			await page.locator('#f-title').fill(typed.title);
			await page.locator('#f-body').fill(body);
			await page.locator('#f-name').fill(typed.name);
			await page.locator('#f-phone').fill(phone);
		}

		test('a refused petition costs no allowance; the limit says the wait in words', async ({ page, inspect }, testInfo) => {
			await test.step('too short: refused (400), what was typed kept', async () => {
				await goto(page, '/phan-anh/gui');
				await fill(page, 'Chậm quá.');
				await page.locator(SEND).click();
				await page.waitForLoadState('load');
				await expect(page.locator('main .error-summary'), 'an error summary').toHaveCount(1);
				expect.soft(await textOf(page.locator('#f-body-error')), 'the body named').toContain(says.short);
				await expect.soft(page.locator('#f-title'), 'the title kept').toHaveValue(typed.title);
			});

			let code = '';
			await test.step('corrected: sent with the phone’s one allowance', async () => {
				await page.locator('#f-body').fill(typed.body);
				await page.locator(SEND).click();
				await page.waitForURL(/\/phan-anh\/da-gui\?ma=/, { timeout: 30_000 });
				code = new URL(page.url()).searchParams.get('ma') ?? '';
				expect(code, 'a tracking code').not.toBe('');
			});
			handOn('petitions-limits', testInfo.titlePath.join(' '), [{ js, lang, code, phone, title: typed.title }]);

			await test.step('a second that day: the wait in words, what was typed kept', async () => {
				await goto(page, '/phan-anh/gui');
				const second = 'Thêm nữa: bãi gửi xe trước bộ phận một cửa quá chật vào buổi sáng.';
				await fill(page, second);
				const answer = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/phan-anh/gui'));
				await page.locator(SEND).click();
				expect.soft((await answer).status(), 'refused: 429').toBe(429);
				await page.waitForLoadState('load');
				const summary = page.locator('main .error-summary');
				await expect(summary, 'the refusal shown').toHaveCount(1);
				const message = await textOf(summary);
				expect.soft(message, 'the wait in words').toMatch(says.wait);
				expect.soft(message, 'no count of seconds').not.toMatch(says.seconds);
				await expect.soft(page.locator('#f-title'), 'the title kept').toHaveValue(typed.title);
				await expect.soft(page.locator('#f-body'), 'the text kept').toHaveValue(second);
				await expect.soft(page.locator('#f-name'), 'the name kept').toHaveValue(typed.name);
				await expect.soft(page.locator('#f-phone'), 'the phone kept').toHaveValue(phone);
				await inspect(page, `petition-too-many-${lang}`, { revisit: false });
			});
		});
	});
}

for (const dossier of DOSSIERS.slice(0, 1)) {
	for (const [lang, js] of RUNS) {
		test.describe(`${lang}, JavaScript ${js ? 'on' : 'off'}`, () => {
			test.use({ lang, javaScriptEnabled: js });
			const says = SAYS[lang];

			test(`evaluate dossier ${dossier.code} again after the window`, async ({ page, inspect }) => {
				await goto(page, `/danh-gia?ho-so=${encodeURIComponent(dossier.code)}`);
				const criteria = await Promise.all(
					(await page.locator('main .criteria input[type=radio][value="1"]').all()).map((r) => r.getAttribute('name'))
				);
				expect(criteria.length, 'criteria').toBe(9);
				for (const name of criteria) await page.locator(`#f-${name}-1`).check();
				await page.locator('main form[method=POST] button[type=submit]').click();
				await page.waitForLoadState('load');
				expect.soft(new URL(page.url()).pathname, 'still on the form').toBe('/danh-gia');
				const text = await textOf(page.locator('main'));
				expect.soft(text, 'refused, and why').toContain(`${dossier.code} ${says.closed}`);
				expect.soft(text, 'one evaluation a dossier').toContain(says.once);
				await inspect(page, `evaluation-closed-${lang}`, { revisit: false });
			});
		});
	}
}
