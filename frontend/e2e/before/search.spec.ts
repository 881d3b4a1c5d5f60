/**
 * A citizen searches from the home page as typed on a phone, without diacritics
 * (with JavaScript: suggestions first, the combobox's keys), filters the results by
 * a facet and opens the procedure.
 */
import { join } from 'node:path';
import { CODE, OUT, QUERY, SUGGEST, expect, goto, hrefs, test, textOf, withAndWithoutJavaScript } from '../helpers';

withAndWithoutJavaScript((js) => {
	test(`search "${QUERY}", filter by a facet, open ${CODE}`, async ({ page, inspect }) => {
		const status = await goto(page, '/');
		if (js) await inspect(page, 'home', { status });
		const box = page.locator('main input[name="q"]').first();
		await box.click();
		if (js) {
			await test.step(`suggestions for "${SUGGEST}"`, async () => {
				// The combobox roles arrive with hydration: typing earlier gets no suggestions.
				await expect(
					page.locator('main input[name="q"][role="combobox"]'),
					'the search box becomes a combobox (hydration)'
				).toHaveCount(1, { timeout: 10_000 });
				// Suggestions complete the words being typed, so they are tried with the
				// start of a name; the everyday query comes after.
				await box.pressSequentially(SUGGEST, { delay: 25 });
				const listbox = page.getByRole('listbox');
				// The first suggestion query meets a cold engine; on a loaded machine it is slow.
				await expect(listbox, `suggestions for "${SUGGEST}"`).toBeVisible({ timeout: 20_000 });
				const options = await listbox.getByRole('option').allInnerTexts();
				expect.soft(options.some((o) => /khai sinh/i.test(o)), `a suggestion with "khai sinh": ${options.join(' / ')}`).toBe(true);
				await box.press('ArrowDown');
				expect.soft(await box.getAttribute('aria-activedescendant'), 'ArrowDown highlights an option').toBeTruthy();
				await page.screenshot({ path: join(OUT, 'home-suggestions-vi.png') });
				await box.press('Escape');
				expect.soft(await box.getAttribute('aria-expanded'), 'Escape closes the suggestions').toBe('false');
			});
			await box.fill('');
			await box.pressSequentially(QUERY, { delay: 10 });
		} else {
			await box.fill(QUERY);
		}
		await box.press('Enter');
		await page.waitForURL(/\/tim-kiem\?/);
		await page.waitForLoadState('load');
		expect.soft(await textOf(page.locator('h1')), 'the results heading names the query').toContain(QUERY);
		const results = await hrefs(page.locator('main h3 a[href^="/thu-tuc/"]'));
		expect(results, `${CODE} on the first page of "${QUERY}"`).toContain(`/thu-tuc/${CODE}`);
		await inspect(page, 'search');

		await test.step('filter by a facet', async () => {
			// The field "Hộ tịch" where offered, else the first value.
			let facet = page.getByRole('checkbox', { name: /Hộ tịch/ }).first();
			if (!(await facet.count())) facet = page.locator('main .facets input[type=checkbox]').first();
			await expect(facet, 'a facet to filter by').toHaveCount(1);
			if (!(await facet.isVisible())) await page.locator('main .facets summary').first().click();
			const facetName = await facet.getAttribute('name');
			await facet.check();
			await page.getByRole('button', { name: 'Áp dụng bộ lọc' }).click();
			await page.waitForURL(new RegExp(`[?&]${facetName}=`));
			await page.waitForLoadState('load');
			const filtered = await hrefs(page.locator('main h3 a[href^="/thu-tuc/"]'));
			expect.soft(filtered.length, 'results after filtering').toBeGreaterThan(0);
			expect.soft(filtered.length, 'no more results than before').toBeLessThanOrEqual(results.length);
			await expect
				.soft(page.locator(`main input[type=checkbox][name="${facetName}"]:checked`), 'boxes checked after filtering')
				.toHaveCount(1);
			await inspect(page, 'search-filtered');
		});

		await page.locator(`main a[href="/thu-tuc/${CODE}"]`).first().click();
		await page.waitForURL(new RegExp(`/thu-tuc/${CODE.replace('.', '\\.')}$`));
		await page.waitForLoadState('load');
		expect.soft(await textOf(page.locator('h1')), 'the procedure page').toMatch(/đăng ký khai sinh/i);
		await inspect(page, 'procedure');
	});
});
