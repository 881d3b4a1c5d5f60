/**
 * A citizen sends a petition about the procedure from its page, with an attachment
 * (JavaScript on: a PNG, off: a PDF), and reads its tracking code. The codes go on
 * to the officials (tests/e2e/test_browser.py) and back to the after stage.
 */
import { CODE, PDF, expect, goto, handOn, png, test, textOf, withAndWithoutJavaScript } from '../helpers';

withAndWithoutJavaScript((js) => {
	test('send a petition with an attachment from the procedure page', async ({ page, inspect }, testInfo) => {
		await goto(page, `/thu-tuc/${CODE}`);
		await page.locator(`main a[href^="/phan-anh/gui?procedure="]`).first().click();
		await page.waitForURL(/\/phan-anh\/gui\?procedure=/);
		await page.waitForLoadState('load');
		await expect.soft(page.locator('#f-kind-procedure'), 'kind "procedure" preselected from ?procedure=').toBeChecked();
		await expect.soft(page.locator('#f-procedure'), 'the procedure code filled in').toHaveValue(CODE);
		const suffix = js ? 'JavaScript bật' : 'JavaScript tắt';
		const petition = {
			js,
			title: `Thời gian hẹn trả giấy khai sinh chưa rõ (${suffix})`,
			body: js
				? 'Tôi nộp hồ sơ đăng ký khai sinh cho con tại bộ phận một cửa nhưng phiếu hẹn ' +
					'không ghi rõ ngày trả kết quả. Đề nghị hướng dẫn cách tra cứu tiến độ.'
				: 'Biểu mẫu tờ khai đăng ký khai sinh trên cổng thông tin khó đọc khi in ra giấy ' +
					'khổ nhỏ, mong cơ quan cung cấp thêm bản chữ lớn cho người cao tuổi.'
		};
		await page.locator('#f-title').fill(petition.title);
		await page.locator('#f-body').fill(petition.body);
		await page.locator('#f-name').fill(js ? 'Trần Thị Bình' : 'Phạm Văn Dũng');
		await page.locator('#f-phone').fill(js ? '0912000111' : '0913000222');
		await page.locator('#f-consent_publish').check();
		const file = js
			? { name: 'phieu-hen.png', mimeType: 'image/png', buffer: png() }
			: { name: 'to-khai.pdf', mimeType: 'application/pdf', buffer: PDF };
		await page.locator('#f-attachments').setInputFiles(file);
		await inspect(page, 'petition-form');
		await page.locator('main form[enctype="multipart/form-data"] button[type=submit]').click();
		await page.waitForURL(/\/phan-anh\/da-gui\?ma=/, { timeout: 30_000 });
		await page.waitForLoadState('load');
		const fromUrl = new URL(page.url()).searchParams.get('ma');
		const shown = (await textOf(page.locator('main .code [aria-hidden="true"]'))).replace(/\s/g, '');
		expect(shown, 'the tracking code shown is the one in the address').toBe(fromUrl);
		handOn('petitions', testInfo.titlePath.join(' '), [{ ...petition, code: shown, attachment: file.name }]);
		await inspect(page, 'petition-sent');
	});
});
