/**
 * The personal data journey, second part: the petition is answered and published;
 * none of what the citizen wrote about themselves is readable on `/phan-anh`, on the
 * tracking page or in the API (list and detail), in Vietnamese and English.
 *
 * env: E2E_PII (JSON: [{code, title}], from tests/e2e/test_personal_data.py),
 * E2E_API_URL (the Django server the frontend talks to).
 */
import { BASE, expect, goto, test, textOf } from '../helpers';
import { leaks } from './values';

const SENT = JSON.parse(process.env.E2E_PII || '[]') as { code: string; title: string; answer: string }[];
const API = (process.env.E2E_API_URL || 'http://127.0.0.1:8000').replace(/\/+$/, '');

test('the officials published the petition (E2E_PII)', () => {
	expect(SENT.length).toBe(1);
});

for (const petition of SENT) {
	for (const lang of ['vi', 'en'] as const) {
		test.describe(`${lang}`, () => {
			test.use({ lang });

			test(`no personal data of ${petition.code} on /phan-anh`, async ({ page, inspect }) => {
				await goto(page, '/phan-anh');
				const article = page.locator('main article', { has: page.locator(`#pakn-${petition.code}`) });
				await expect(article, 'the published petition is listed').toHaveCount(1);
				const text = await textOf(article);
				expect.soft(text, 'its answer is shown').toContain(petition.answer.slice(0, 40));
				expect(leaks(await page.locator('body').innerText()), 'personal data on /phan-anh').toEqual([]);
				expect(leaks(await page.content()), 'personal data in the HTML of /phan-anh').toEqual([]);
				await inspect(page, `pii-list-${lang}`, { revisit: false });
			});

			test(`no personal data of ${petition.code} on the tracking page`, async ({ page, inspect }) => {
				await goto(page, `/phan-anh/tra-cuu?ma=${encodeURIComponent(petition.code)}`);
				await expect(page.locator('main .answer'), 'the answer is shown').toHaveCount(1);
				expect(leaks(await page.locator('body').innerText()), 'personal data on the tracking page').toEqual([]);
				expect(leaks(await page.content()), 'personal data in the HTML of the tracking page').toEqual([]);
				await inspect(page, `pii-track-${lang}`, { revisit: false });
			});
		});
	}

	test(`one like or dislike of ${petition.code} per browser`, async ({ page, browser }) => {
		const react = async (p: typeof page, label: RegExp) => {
			await goto(p, '/phan-anh');
			const article = p.locator('main article', { has: p.locator(`#pakn-${petition.code}`) });
			await article.getByRole('button', { name: label }).click();
			await p.waitForLoadState('load');
			const again = p.locator('main article', { has: p.locator(`#pakn-${petition.code}`) });
			return textOf(again.locator('[role="status"]'));
		};
		expect(await react(page, /^Hữu ích/)).toBe('Cảm ơn bạn đã đánh giá.');
		expect(await react(page, /^Hữu ích/)).toBe('Bạn đã đánh giá câu trả lời này.');
		expect(await react(page, /^Chưa hữu ích/)).toBe('Bạn đã đánh giá câu trả lời này.');
		const other = await browser.newContext({ baseURL: BASE });
		try {
			expect(await react(await other.newPage(), /^Hữu ích/), 'another browser').toBe('Cảm ơn bạn đã đánh giá.');
		} finally {
			await other.close();
		}
		const response = await page.request.get(`${API}/api/v1/petitions/${petition.code}/`);
		expect(await response.json()).toMatchObject({ likes: 2, dislikes: 0 });
	});

	test(`no personal data of ${petition.code} in the API`, async ({ request }) => {
		for (const path of ['/api/v1/petitions/', `/api/v1/petitions/${petition.code}/`]) {
			const response = await request.get(`${API}${path}`);
			expect(response.status(), path).toBe(200);
			const body = await response.text();
			expect(body, `${path} has the petition`).toContain(petition.code);
			// JSON may escape non-ASCII: read it back as text.
			const text = JSON.stringify(JSON.parse(body), null, 0);
			expect(leaks(text), `personal data in ${path}`).toEqual([]);
		}
	});
}
