/**
 * The personal data journey, first part: a citizen sends a petition whose text gives
 * the phone as "(+84) 912 345 678", the name without diacritics and the ID number in
 * groups, while the name field holds the name in NFD. The code goes to the officials
 * (tests/e2e/test_personal_data.py), who answer and publish it.
 */
import { CODE, expect, goto, handOn, test, textOf } from '../helpers';
import { BODY, NAME_NFD, PHONE_FIELD, TITLE } from './values';

test('send a petition full of personal data, written the ways people write it', async ({ page, inspect }, testInfo) => {
	await goto(page, `/phan-anh/gui?procedure=${encodeURIComponent(CODE)}`);
	await page.locator('#f-title').fill(TITLE);
	await page.locator('#f-body').fill(BODY);
	await page.locator('#f-name').fill(NAME_NFD);
	expect(await page.locator('#f-name').inputValue(), 'the name field holds NFD').toBe(NAME_NFD);
	await page.locator('#f-phone').fill(PHONE_FIELD);
	await page.locator('#f-consent_publish').check();
	await inspect(page, 'pii-petition-form', { revisit: false });
	await page.locator('main form[enctype="multipart/form-data"] button[type=submit]').click();
	await page.waitForURL(/\/phan-anh\/da-gui\?ma=/, { timeout: 30_000 });
	await page.waitForLoadState('load');
	const code = (await textOf(page.locator('main .code [aria-hidden="true"]'))).replace(/\s/g, '');
	expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
	handOn('pii-petitions', testInfo.titlePath.join(' '), [{ code, title: TITLE }]);
});
