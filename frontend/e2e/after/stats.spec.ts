/**
 * The public statistics after the other after-stage journeys (the playwright
 * project "stats", run once "after" is done): each chart with its table, and the counter,
 * grades and outcomes charts adding up to the ratings, evaluations and dossiers
 * of this run (each dossier's evaluation once), without a period and with an empty
 * one.
 */
import type { Page } from '@playwright/test';
import { DOSSIERS, expect, goto, handedOn, test, withAndWithoutJavaScript } from '../helpers';

/** The sum of a chart's bars. */
async function chartTotal(page: Page, id: string): Promise<number> {
	const values = await Promise.all(
		(await page.locator(`main svg[data-chart="${id}"] rect[data-value]`).all()).map((r) => r.getAttribute('data-value'))
	);
	return values.reduce((sum, v) => sum + (Number(v) || 0), 0);
}

withAndWithoutJavaScript(() => {
	test('public statistics add up to this run', async ({ page, inspect }) => {
		const status = await goto(page, '/thong-ke');
		const charts = await Promise.all(
			(await page.locator('main svg[data-chart]').all()).map((c) => c.getAttribute('data-chart'))
		);
		expect.soft(charts, 'the charts').toEqual(expect.arrayContaining(['counter', 'criteria', 'grades', 'outcomes']));
		expect.soft(await page.locator('main table').count(), 'a table a chart').toBeGreaterThanOrEqual(charts.length);
		const expected = {
			counter: handedOn('ratings').length,
			grades: handedOn('evaluations').length,
			outcomes: DOSSIERS.length
		};
		for (const [id, n] of Object.entries(expected)) {
			expect.soft(await chartTotal(page, id), `the "${id}" chart's total`).toBe(n);
		}
		await inspect(page, 'stats', { status });

		// No period chosen, or an empty one (an address cut short): the page's default
		// (the current year; the API's own default, the quarter, is tests/dossiers'),
		// the same figures, no complaint.
		const period = await page.locator('#ky').inputValue();
		expect.soft(period, 'no period: the current year').toBe(String(new Date().getFullYear()));
		const scope = await page.locator('main p.scope').innerText();
		await goto(page, '/thong-ke?ky=');
		await expect.soft(page.locator('#ky'), 'an empty period: the same period').toHaveValue(period);
		expect.soft(await page.locator('main p.scope').innerText(), 'an empty period: the same scope').toBe(scope);
		for (const [id, n] of Object.entries(expected)) {
			expect.soft(await chartTotal(page, id), `an empty period: the "${id}" chart's total`).toBe(n);
		}
		await expect.soft(page.locator('main p.notice[role=status]'), 'an empty period is no mistake').toHaveCount(0);
	});
});
