/**
 * The personal data journey, the official's part in the browser: in the admin inbox
 * the official reads the original beside the public copy, selects a nickname that no
 * automatic masking can know is personal ("cháu Bống") in the public copy, presses
 * "Che đoạn đã chọn" and publishes (the publish screen's script).
 *
 * env: E2E_API_URL (Django, where the admin is), E2E_OFFICIAL (JSON: username,
 * password, petition: the admin id of the petition).
 */
import { join } from 'node:path';
import { expect, OUT, test } from '../helpers';
import { NICKNAME } from './values';

const API = (process.env.E2E_API_URL || 'http://127.0.0.1:8000').replace(/\/+$/, '');
const OFFICIAL = JSON.parse(process.env.E2E_OFFICIAL || '{}') as { username: string; password: string; petition: number };

// An official's browser asks for Vietnamese; the admin answers in it.
test.use({ locale: 'vi-VN' });

test('the official masks a nickname by selecting it, and publishes', async ({ page }) => {
	await page.goto(`${API}/admin/login/`);
	await page.locator('#id_username').fill(OFFICIAL.username);
	await page.locator('#id_password').fill(OFFICIAL.password);
	await page.locator('form button[type=submit]').first().click();
	await page.waitForURL((url) => !url.pathname.startsWith('/admin/login'));
	await page.goto(`${API}/admin/petitions/edit/${OFFICIAL.petition}/`);
	expect(await page.getAttribute('html', 'lang')).toBe('vi');
	await expect(page.getByRole('heading', { name: 'Bản gốc và bản công khai' })).toBeVisible();
	const publicBody = page.locator('#public-copy .pakn-text').first();
	await expect(publicBody, 'the nickname is still in the public copy').toContainText(NICKNAME);
	await publicBody.evaluate((element, nickname) => {
		const node = [...element.childNodes].find((n) => n.textContent?.includes(nickname))!;
		const start = node.textContent!.indexOf(nickname);
		const range = document.createRange();
		range.setStart(node, start);
		range.setEnd(node, start + nickname.length);
		document.getSelection()!.removeAllRanges();
		document.getSelection()!.addRange(range);
	}, NICKNAME);
	await page.getByRole('button', { name: 'Che đoạn đã chọn' }).click();
	await expect(page.locator('[data-mask-list] li')).toHaveCount(1);
	await expect(page.locator('input[type=hidden][name=extra_mask]')).toHaveValue(NICKNAME);
	await expect(publicBody, 'the preview masks it at once').not.toContainText(NICKNAME);
	await page.screenshot({ path: join(OUT, 'pii-publish-screen-vi.png'), fullPage: true });
	await page.getByRole('button', { name: 'Công khai trả lời' }).click();
	await expect(page.getByText('Đã ghi nhận.')).toBeVisible();
});
