/**
 * Change alerts on a phone: on a procedure's page a citizen reads the change an
 * editor published ("Từ 01/12/2026: lệ phí 50.000 đ → miễn phí"), finds its Atom
 * feed, and follows the procedure by e-mail: a mistyped address is the field's error
 * (focused, announced), a good one is answered "check your e-mail". The form is a
 * form action, so it is the same journey with JavaScript off; with JavaScript on,
 * axe-core checks each page, in Vietnamese and English.
 *
 * env: E2E_ALERTS (JSON from tests/e2e/test_alerts.py: the procedure's code, the
 * change as the page must show it, and the address each run follows with).
 */
import { escapeRegExp, expect, goto, test, textOf, withAndWithoutJavaScript } from '../helpers';

interface Alerts {
	code: string;
	/** "Từ 01/12/2026: lệ phí 50.000 đ → miễn phí" */
	change: string;
	emails: Record<'js' | 'nojs', string>;
}

const ALERTS = JSON.parse(process.env.E2E_ALERTS || '{}') as Alerts;

withAndWithoutJavaScript((js) => {
	test(`read the change history of a procedure and follow it by e-mail`, async ({ page, inspect }) => {
		expect(ALERTS.code, 'the procedure (E2E_ALERTS)').toBeTruthy();
		const path = `/thu-tuc/${ALERTS.code}`;
		const status = await goto(page, path);
		await inspect(page, 'alerts-procedure', { status });

		const history = page.getByTestId('change-history');
		await expect(history, 'the change history').toBeVisible();
		// The arrow is read as "thành" (a word only screen readers get).
		const [before, after] = ALERTS.change.split(' → ');
		expect(await textOf(history)).toMatch(
			new RegExp(`${escapeRegExp(before ?? '')} → (thành )?${escapeRegExp(after ?? '')}`)
		);
		await expect(page.locator('head link[rel="alternate"][type="application/atom+xml"]')).toHaveAttribute(
			'href',
			`${path}/thay-doi.atom`
		);
		await expect(page.getByRole('link', { name: 'Nhận tin qua nguồn tin Atom' })).toHaveAttribute(
			'href',
			`${path}/thay-doi.atom`
		);

		const follow = page.locator('#theo-doi');
		await expect(follow.getByRole('heading', { name: 'Theo dõi thủ tục' })).toBeVisible();
		const email = follow.getByLabel('Địa chỉ thư điện tử');
		await email.fill('an@');
		await follow.getByRole('button', { name: 'Theo dõi' }).click();
		await page.waitForLoadState('load');
		await inspect(page, 'alerts-follow-error', { revisit: false });
		const error = page.locator('#follow-email-error');
		await expect(error).toHaveText('Địa chỉ thư điện tử chưa đúng, ví dụ: ten@example.com.');
		const again = page.getByLabel('Địa chỉ thư điện tử');
		await expect(again, 'the field says it is wrong').toHaveAttribute('aria-invalid', 'true');
		await expect(again, 'and keeps what was typed').toHaveValue('an@');
		await expect(again, 'and takes the focus').toBeFocused();

		await again.fill(ALERTS.emails[js ? 'js' : 'nojs']);
		await page.locator('#theo-doi').getByRole('button', { name: 'Theo dõi' }).click();
		await page.waitForURL(/[?&]theo-doi=da-gui/);
		await page.waitForLoadState('load');
		await inspect(page, 'alerts-follow-sent');
		const sent = page.getByTestId('follow-sent');
		await expect(sent).toBeVisible();
		await expect(sent).toHaveAttribute('role', 'status');
		expect(await textOf(sent)).toContain('Hãy kiểm tra hộp thư của bạn');
		expect(await textOf(sent)).toContain('Mở thư và bấm liên kết trong thư để bắt đầu nhận tin.');
	});
});
