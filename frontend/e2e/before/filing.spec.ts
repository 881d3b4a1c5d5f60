/**
 * A business files the procedure online from its page ("Nộp hồ sơ trực tuyến"):
 * as an organisation (its name, enterprise code, representative; the person's own
 * name typed with the company in brackets), the birth-registration e-form filled in
 * as fields, then the confirmation step showing each value typed, one real PDF or
 * PNG per document the API requires and the pledge; then the receipt (the person
 * masked, the company whole, the e-form; barcode and QR as SVG, and its PDF from our
 * own origin), and later the dossier looked up by its code. The dossiers go on to
 * the officials.
 */
import {
	EFORMS,
	REQUIRED_DOCS,
	applicant,
	documentFile,
	expect,
	fillApplicant,
	fillEForms,
	goto,
	handOn,
	lookUp,
	maskedApplicant,
	openFilingForm,
	reviewFiling,
	submitFiling,
	test,
	textOf,
	withAndWithoutJavaScript
} from '../helpers';

withAndWithoutJavaScript((js) => {
	test('file the procedure online, read the receipt and its PDF, look the dossier up', async ({
		page,
		inspect
	}, testInfo) => {
		await openFilingForm(page, 'vi');
		const who = applicant(js);
		await fillApplicant(page, who);
		const eform = await fillEForms(page);
		await inspect(page, 'filing-form');
		await reviewFiling(page, { ...who, ...eform });
		const files = [];
		for (const [i, doc] of REQUIRED_DOCS.entries()) {
			const file = documentFile(doc, i, js);
			await page.locator(`#f-${doc.key}`).setInputFiles(file);
			files.push({ key: doc.key, name: file.name, type: file.mimeType, size: file.buffer.length });
		}
		await page.locator('#f-confirm').check();
		await inspect(page, 'filing-confirm', { revisit: false });
		await submitFiling(page);
		await page.waitForURL(/\/ho-so\/[^/]+\/bien-nhan$/, { timeout: 30_000 });
		const code = decodeURIComponent(new URL(page.url()).pathname.split('/')[2] ?? '');

		await test.step(`the receipt of ${code}`, async () => {
			const receipt = page.locator('main .receipt');
			expect.soft(await textOf(receipt.locator('.code')), 'the code shown is the one in the address').toBe(code);
			await expect.soft(receipt.locator('.barcode figure[role=img] svg'), 'a Code 128 <svg>').toHaveCount(1);
			await expect.soft(receipt.locator('figure.qr[role=img] svg'), 'a QR <svg>').toHaveCount(1);
			const text = await textOf(receipt);
			expect.soft(text, 'status "Tiếp nhận"').toContain('Tiếp nhận');
			// The person masked, the company whole (not "Lê T. H. (. t. T. T. m. H. S.").
			expect.soft(text, 'the applicant, masked, with the company').toContain(maskedApplicant(js));
			expect.soft(text, 'the organisation').toContain(who.organisation_name);
			expect.soft(text, 'the enterprise code').toContain(who.enterprise_code);
			expect.soft(text, 'the e-form').toContain('Tờ khai đăng ký khai sinh (điện tử)');
			expect.soft(text, 'the e-form: place of birth').toContain(eform[`${EFORMS[0]?.key}-child_birth_place`] ?? '?');
			expect.soft(text, 'the e-form: the child masked').toContain('Trần M. K.');
			for (const personal of ['Trần Minh Khang', 'Nguyễn Thị Mai', '20/11/2026', who.applicant_phone]) {
				expect.soft(text, `the receipt does not show ${personal}`).not.toContain(personal);
			}
			expect.soft(text, 'the lookup address').toContain(`/ho-so/${code}`);
			// The PDF beside it comes from our own origin (the API draws it).
			const pdfHref = await page.locator('main a[type="application/pdf"]').getAttribute('href');
			const pdf = await page.request.get(new URL(pdfHref ?? '', page.url()).href);
			const bytes = await pdf.body();
			expect.soft(
				[pdf.status(), pdf.headers()['content-type'], bytes.subarray(0, 5).toString('latin1')],
				'the receipt PDF'
			).toEqual([200, 'application/pdf', '%PDF-']);
		});
		handOn('dossiers', testInfo.titlePath.join(' '), [
			{
				js,
				code,
				applicant: who.applicant_name,
				email: who.applicant_email,
				organisation: who.organisation_name,
				enterprise_code: who.enterprise_code,
				eform,
				files
			}
		]);
		await inspect(page, 'receipt');

		await test.step('later, the applicant looks it up by its code', async () => {
			const status = await goto(page, '/ho-so');
			await inspect(page, 'dossier-lookup', { status });
			await lookUp(page, code);
			expect.soft(await textOf(page.locator('main .status')), `dossier ${code}: status`).toContain('Tiếp nhận');
			await inspect(page, 'dossier');
		});
	});
});
