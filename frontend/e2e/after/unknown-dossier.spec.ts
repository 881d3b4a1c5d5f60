/** A well-formed dossier code never issued: a 404 that offers the lookup again, holding the code. */
import { UNKNOWN_DOSSIER, expect, goto, test, textOf, withAndWithoutJavaScript } from '../helpers';

withAndWithoutJavaScript(() => {
	test('look up an unknown dossier', async ({ page, inspect }) => {
		await goto(page, '/ho-so');
		await page.locator('#ma').fill(UNKNOWN_DOSSIER);
		const navigation = page.waitForResponse(
			(r) => r.request().isNavigationRequest() && new URL(r.url()).pathname === `/ho-so/${UNKNOWN_DOSSIER}`
		);
		await page.locator('main form.lookup button[type=submit]').click();
		const status = (await navigation).status();
		await page.waitForLoadState('load');
		expect.soft(await textOf(page.locator('h1')), 'the heading').toBe('Không tìm thấy hồ sơ');
		await expect.soft(page.locator('main form.lookup #ma'), 'the lookup form holds the code').toHaveValue(UNKNOWN_DOSSIER);
		await inspect(page, 'dossier-unknown', { status, expect: 404 });
	});
});
