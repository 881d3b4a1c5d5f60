/**
 * The petitions sent in the before stage, tracked by their code typed as people copy
 * it from the confirmation page (in groups with spaces, small letters; with
 * JavaScript, as shown): the agency handling it and the published answer.
 */
import { PETITIONS, expect, goto, test, textOf } from '../helpers';

test('the before stage handed on petitions (E2E_PETITIONS)', () => {
	expect(PETITIONS.length).toBeGreaterThan(0);
});

for (const petition of PETITIONS) {
	test.describe(`JavaScript ${petition.js ? 'on' : 'off'}`, () => {
		test.use({ javaScriptEnabled: petition.js });

		test(`track petition ${petition.code} and read its answer`, async ({ page, inspect }) => {
			await goto(page, '/phan-anh/tra-cuu');
			// "t4t3 dk6m rnp7": the groups the confirmation page shows, in small letters.
			const typed = petition.js ? petition.code : ` ${petition.code.toLowerCase().split('-').join(' ')} `;
			await page.locator('#ma').fill(typed);
			await page.locator('main form.track button[type=submit]').click();
			await page.waitForURL(/\/phan-anh\/tra-cuu\?ma=/);
			await page.waitForLoadState('load');
			await expect(page.locator('main dd.code'), `found as typed ("${typed}")`).toHaveText(petition.code);
			const agency = page.locator('main dt:text-is("Cơ quan xử lý") + dd');
			await expect.soft(agency, 'the agency handling it').toHaveCount(1);
			if (await agency.count()) expect.soft(await textOf(agency), 'the agency named').not.toBe('');
			const answer = page.locator('main .answer');
			await expect.soft(answer, 'the answer shown').toHaveCount(1);
			if (await answer.count()) {
				expect.soft(await textOf(answer), 'the official’s answer').toContain(petition.answer ?? '');
			}
			await inspect(page, 'petition-track');
		});
	});
}
