/**
 * Each dossier evaluated (nine criteria, 0–2 points): the resolved
 * one from its page's link, the other by its address; the total and grade shown.
 * Then evaluated again: the second replaces the first, and the page says so (one
 * evaluation a dossier, issue 14). The evaluation that stands is handed on;
 * tests/e2e/test_browser.py finds it, alone, in the database.
 */
import { DOSSIERS, expect, goto, handOn, test, textOf } from '../helpers';

/** The survey's grades (feedback/satisfaction.py GRADE_BANDS), best first. */
const GRADES: [string, string, number][] = [
	['rat_tot', 'Rất tốt', 17],
	['tot', 'Tốt', 15],
	['dat', 'Đạt', 9],
	['khong_dat', 'Không đạt', 0]
];
// All nine criteria at 2 points (18, "Rất tốt"); then a mixed one (15, "Tốt").
const SCORES = [
	[2, 2, 2, 2, 2, 2, 2, 2, 2],
	[2, 1, 2, 2, 1, 2, 2, 1, 2]
];

test('the officials worked dossiers (E2E_DOSSIERS)', () => {
	expect(DOSSIERS.length).toBeGreaterThan(0);
});

for (const [i, dossier] of DOSSIERS.entries()) {
	const scores = SCORES[i % SCORES.length] ?? [];
	test.describe(`JavaScript ${dossier.js ? 'on' : 'off'}`, () => {
		test.use({ javaScriptEnabled: dossier.js });

		test(`evaluate dossier ${dossier.code}`, async ({ page, inspect }, testInfo) => {
			if (dossier.status === 'resolved') {
				await goto(page, `/ho-so/${dossier.code}`);
				await page.locator('main .actions a[href^="/danh-gia?"]').click();
				await page.waitForURL(/\/danh-gia\?/);
				await page.waitForLoadState('load');
			} else {
				await goto(page, `/danh-gia?ho-so=${encodeURIComponent(dossier.code)}`);
			}
			expect.soft(new URL(page.url()).searchParams.get('ho-so'), 'the address names the dossier').toBe(dossier.code);
			await expect.soft(page.locator('#f-dossier_code'), 'the dossier code filled in').toHaveValue(dossier.code);
			const agency = await page.locator('#f-agency').inputValue();
			expect.soft(agency, 'the dossier preselects its agency').not.toBe('');
			const criteria = await Promise.all(
				(await page.locator('main .criteria input[type=radio][value="2"]').all()).map((r) => r.getAttribute('name'))
			);
			expect(criteria.length, 'criteria').toBe(9);
			await inspect(page, 'evaluation-form');
			for (const [j, name] of criteria.entries()) await page.locator(`#f-${name}-${scores[j]}`).check();
			const total = scores.reduce((a, b) => a + b, 0);
			const [grade, label] = GRADES.find(([, , lowest]) => total >= lowest) ?? [];
			await page.locator('main form[method=POST] button[type=submit]').click();
			await page.waitForURL(/\/danh-gia\/da-gui\?/);
			await page.waitForLoadState('load');
			const shown = await textOf(page.locator('main .result'));
			expect.soft(shown, 'the total').toContain(`Tổng điểm: ${total}/18.`);
			expect.soft(shown, 'the grade').toContain(`Xếp loại: ${label}.`);
			await inspect(page, 'evaluation-done');

			// Rated again (a second thought, the other scores): the new one replaces the
			// first, and the page says so; the database keeps one a dossier.
			const again = SCORES[(i + 1) % SCORES.length] ?? [];
			await goto(page, `/danh-gia?ho-so=${encodeURIComponent(dossier.code)}`);
			for (const [j, name] of criteria.entries()) await page.locator(`#f-${name}-${again[j]}`).check();
			await page.locator('main form[method=POST] button[type=submit]').click();
			await page.waitForURL(/\/danh-gia\/da-gui\?/);
			await page.waitForLoadState('load');
			expect.soft(new URL(page.url()).searchParams.get('thay-the'), 'a replacement').toBe('1');
			const replaced = await textOf(page.locator('main'));
			expect.soft(replaced, 'the page says it replaced the first').toContain('đánh giá mới thay cho đánh giá cũ');
			const total2 = again.reduce((a, b) => a + b, 0);
			const [grade2] = GRADES.find(([, , lowest]) => total2 >= lowest) ?? [];
			expect.soft(replaced, 'the new total').toContain(`Tổng điểm: ${total2}/18.`);
			handOn('evaluations', testInfo.titlePath.join(' '), [
				{ js: dossier.js, code: dossier.code, agency, total: total2, grade: grade2, first: { total, grade } }
			]);
			await inspect(page, 'evaluation-replaced', { revisit: false });
		});
	});
}
