/**
 * The tablet at counter 2 of an agency: three big buttons, "Hài lòng" pressed, a
 * thank-you. Each press is handed on; tests/e2e/test_browser.py finds the ratings
 * (with their counter) in the database and the statistics journey in its chart.
 */
import { AGENCY, expect, goto, handOn, test, textOf, withAndWithoutJavaScript } from '../helpers';

withAndWithoutJavaScript(() => {
	test('rate the service at the counter kiosk', async ({ page, inspect }, testInfo) => {
		expect(AGENCY, 'an agency (E2E_AGENCY)').not.toBe('');
		const kiosk = `/kiosk?co-quan=${encodeURIComponent(AGENCY)}&quay=2`;
		const status = await goto(page, kiosk);
		for (const name of ['Rất hài lòng', 'Hài lòng', 'Không hài lòng']) {
			await expect.soft(page.getByRole('button', { name, exact: true }), `the button "${name}"`).toHaveCount(1);
		}
		await inspect(page, 'kiosk', { status });
		await page.getByRole('button', { name: 'Hài lòng', exact: true }).click();
		handOn('ratings', testInfo.titlePath.join(' '), [{ level: 'satisfied', counter: '2' }]);
		const thanks = page.getByText(/cảm ơn/i).first();
		await expect(thanks, 'a thank-you').toBeVisible({ timeout: 10_000 });
		expect.soft(await textOf(thanks)).not.toBe('');
		await inspect(page, 'kiosk-thanks', { revisit: false });
	});
});
