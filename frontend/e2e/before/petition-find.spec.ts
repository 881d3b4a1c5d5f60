/**
 * A citizen who knows no procedure code (issue 14): finds the procedure by its name
 * with the form's own search ("khai sinh", JavaScript on and off: a GET form), picks
 * it from the list and sends; another picks the agency from the list instead. Each
 * tracking code is handed on ("petitions-routed"); tests/e2e/test_browser.py finds
 * each petition routed to an agency, with the reason it was chosen.
 */
import { CODE, expect, goto, handOn, test, textOf, withAndWithoutJavaScript } from '../helpers';

/** The commune People's Committee (tests/e2e/conftest.py COMMUNE), in the agency list. */
const COMMUNE = process.env.E2E_COMMUNE || 'Ủy ban Nhân dân xã, phường, thị trấn';

async function fillAndSend(page: import('@playwright/test').Page, js: boolean, what: string): Promise<string> {
	await page.locator('#f-title').fill(`${what} (JavaScript ${js ? 'bật' : 'tắt'})`);
	await page
		.locator('#f-body')
		.fill('Tôi không biết mã thủ tục nên chọn theo tên; mong cơ quan hướng dẫn rõ hơn cách nộp hồ sơ.');
	await page.locator('#f-name').fill(js ? 'Đỗ Thị Lan' : 'Vũ Văn Nam');
	await page.locator('#f-phone').fill(js ? '0915 111 222' : '0916 333 444');
	await page.locator('main form[enctype="multipart/form-data"] button[type=submit]').click();
	await page.waitForURL(/\/phan-anh\/da-gui\?ma=/, { timeout: 30_000 });
	await page.waitForLoadState('load');
	return (await textOf(page.locator('main .code [aria-hidden="true"]'))).replace(/\s/g, '');
}

withAndWithoutJavaScript((js) => {
	test('find the procedure by name, pick it and send', async ({ page, inspect }, testInfo) => {
		await goto(page, '/phan-anh/gui');
		await page.locator('#find-procedure').fill('khai sinh');
		await page.locator('main form.find button[type=submit]').click();
		await page.waitForURL(/[?&]tim-thu-tuc=/);
		await page.waitForLoadState('load');
		const pick = page.locator(`main input[type=radio][name=procedure][value="${CODE}"]`);
		await expect(pick, `${CODE} offered by name`).toHaveCount(1);
		const label = await textOf(page.locator(`label[for="${await pick.getAttribute('id')}"]`));
		expect.soft(label, 'the procedure named').toMatch(/khai sinh/i);
		await inspect(page, 'petition-find');
		await pick.check();
		await page.locator('#f-kind-procedure').check();
		const code = await fillAndSend(page, js, 'Không rõ nơi nộp tờ khai khai sinh');
		expect(code, 'a tracking code').toMatch(/^[A-Z0-9]{4}-?[A-Z0-9]{4}-?[A-Z0-9]{4}$/);
		handOn('petitions-routed', testInfo.titlePath.join(' '), [{ js, code, procedure: CODE, reason: 'procedure' }]);
	});

	test('pick the agency from the list and send', async ({ page }, testInfo) => {
		await goto(page, '/phan-anh/gui');
		const select = page.locator('#f-agency');
		const option = select.locator('option').filter({ hasText: COMMUNE }).first();
		await expect(option, `“${COMMUNE}” in the agency list`).toHaveCount(1);
		const agency = (await option.getAttribute('value')) ?? '';
		await select.selectOption(agency);
		await page.locator('#f-kind-conduct').check();
		const code = await fillAndSend(page, js, 'Cán bộ một cửa hướng dẫn chưa rõ');
		handOn('petitions-routed', testInfo.titlePath.join(' '), [{ js, code, agency: Number(agency), reason: 'chosen' }]);
	});
});
