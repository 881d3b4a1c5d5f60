/** The petitions sent in the before stage, tracked by their code: the published answer. */
import { PETITIONS, expect, goto, test, textOf } from '../helpers';

test('the before stage handed on petitions (E2E_PETITIONS)', () => {
	expect(PETITIONS.length).toBeGreaterThan(0);
});

for (const petition of PETITIONS) {
	test.describe(`JavaScript ${petition.js ? 'on' : 'off'}`, () => {
		test.use({ javaScriptEnabled: petition.js });

		test(`track petition ${petition.code} and read its answer`, async ({ page, inspect }) => {
			await goto(page, '/phan-anh/tra-cuu');
			await page.locator('#ma').fill(petition.code);
			await page.locator('main form.track button[type=submit]').click();
			await page.waitForURL(/\/phan-anh\/tra-cuu\?ma=/);
			await page.waitForLoadState('load');
			const answer = page.locator('main .answer');
			await expect.soft(answer, 'the answer shown').toHaveCount(1);
			if (await answer.count()) {
				expect.soft(await textOf(answer), 'the official’s answer').toContain(petition.answer ?? '');
			}
			await inspect(page, 'petition-track');
		});
	});
}
