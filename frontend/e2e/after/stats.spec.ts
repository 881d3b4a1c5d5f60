/**
 * The public statistics after the other after-stage journeys (the playwright
 * project "stats", run once "after" is done): each chart with its table, and the counter,
 * grades and outcomes charts adding up to the ratings, evaluations and dossiers
 * of this run.
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
	});
});
