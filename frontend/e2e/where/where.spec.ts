/**
 * "Where do I go?" on a phone: on the birth registration page a citizen of the
 * sample province picks their commune (ward) in the form and sees the unit that
 * receives the dossier — its address, opening hours and a map link — and the fee
 * and time that apply there. The form is a plain GET form, so it is the same
 * journey with JavaScript off; with JavaScript on, axe-core checks each page.
 *
 * env: E2E_WHERE (JSON from tests/e2e/test_where.py: for each run, the commune to
 * choose and what the province's catalogue says the page must show).
 */
import { CODE, escapeRegExp, expect, goto, test, textOf, withAndWithoutJavaScript } from '../helpers';

interface Expected {
	commune: { slug: string; name: string };
	unit: { name: string; address: string; opening_hours: string };
	fee: string;
	time: string;
	formed_from: string[];
}

const WHERE = JSON.parse(process.env.E2E_WHERE || '{}') as Record<'js' | 'nojs', Expected>;

withAndWithoutJavaScript((js) => {
	const wanted = WHERE[js ? 'js' : 'nojs'];

	test(`pick a commune on ${CODE} and see where to file`, async ({ page, inspect }) => {
		expect(wanted, 'what the province says (E2E_WHERE)').toBeTruthy();
		const status = await goto(page, `/thu-tuc/${CODE}`);
		await inspect(page, 'where-procedure', { status });

		const form = page.locator('form.choose');
		const select = form.getByLabel('Xã, phường nơi bạn nộp hồ sơ');
		await expect(select, 'the commune list, labelled').toHaveCount(1);
		await expect(page.getByText('Chọn xã, phường nơi bạn nộp hồ sơ để biết nơi tiếp nhận.')).toBeVisible();
		await expect(page.getByTestId('receiving-unit'), 'no unit before a commune is chosen').toHaveCount(0);

		await select.selectOption({ label: wanted.commune.name });
		await form.getByRole('button', { name: 'Xem nơi nộp' }).click();
		await page.waitForURL(new RegExp(`[?&]xa=${escapeRegExp(wanted.commune.slug)}(?:&|#|$)`));
		await page.waitForLoadState('load');
		await inspect(page, 'where-answer');

		// The choice stays in the form, so the citizen can see what they chose.
		await expect(select, 'the chosen commune stays selected').toHaveValue(wanted.commune.slug);
		const unit = page.getByTestId('receiving-unit');
		await expect(unit, 'one receiving unit').toHaveCount(1);
		await expect(unit).toBeVisible();
		const shown = await textOf(unit);
		expect.soft(shown, 'the unit').toContain(wanted.unit.name);
		expect.soft(shown, 'its address').toContain(wanted.unit.address);
		expect.soft(shown, 'its opening hours').toContain(wanted.unit.opening_hours);
		const map = unit.getByRole('link', { name: 'Tìm địa chỉ trên bản đồ (OpenStreetMap)' });
		await expect.soft(map, 'a map link').toHaveCount(1);
		if (await map.count()) {
			const href = (await map.getAttribute('href')) ?? '';
			expect.soft(href.startsWith('https://www.openstreetmap.org/search?query='), `map link ${href}`).toBe(true);
			expect
				.soft(new URL(href).searchParams.get('query'), 'the map searches for the address')
				.toBe(wanted.unit.address);
		}
		const fee = await textOf(page.getByTestId('local-fee'));
		expect.soft(fee, 'the fee').toContain(wanted.fee);
		const time = await textOf(page.getByTestId('local-time'));
		expect.soft(time, 'the time').toContain(wanted.time);
		if (wanted.formed_from.length) {
			await expect
				.soft(page.getByText(wanted.formed_from.join(', '), { exact: false }), 'the former units')
				.toHaveCount(1);
		}

		if (js) {
			// A phone: nothing wider than the screen, the answer reachable without zooming.
			const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
			expect.soft(overflow, 'horizontal overflow on a phone (px)').toBeLessThanOrEqual(0);
			const box = await unit.boundingBox();
			const width = page.viewportSize()?.width ?? 0;
			expect.soft(box && box.x >= 0 && box.x + box.width <= width, `the unit fits the screen: ${JSON.stringify(box)}`).toBe(
				true
			);
		}
	});
});

test.describe('JavaScript off', () => {
	test.use({ javaScriptEnabled: false });

	test(`an unknown commune typed into the address of ${CODE} is the form's error`, async ({ page, inspect }) => {
		const status = await goto(page, `/thu-tuc/${CODE}?xa=${encodeURIComponent('Hà Đông')}`);
		await inspect(page, 'where-unknown', { status });
		const error = page.locator('#xa-error');
		await expect(error).toHaveAttribute('role', 'alert');
		expect.soft(await textOf(error)).toContain('Hà Đông');
		await expect(page.getByLabel('Xã, phường nơi bạn nộp hồ sơ')).toHaveAttribute('aria-invalid', 'true');
		await expect(page.getByTestId('receiving-unit')).toHaveCount(0);
	});
});
