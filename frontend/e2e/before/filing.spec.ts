/**
 * A citizen files the procedure online from its page ("Nộp hồ sơ trực tuyến"):
 * the applicant, one real PDF or PNG per document the API requires, the pledge;
 * then the receipt (barcode and QR as SVG, and its PDF from our own origin), and
 * later the dossier looked up by its code. The dossiers go on to the officials.
 */
import {
	REQUIRED_DOCS,
	applicant,
	documentFile,
	expect,
	fillApplicant,
	goto,
	handOn,
	lookUp,
	openFilingForm,
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
		const files = [];
		for (const [i, doc] of REQUIRED_DOCS.entries()) {
			const file = documentFile(doc, i, js);
			await page.locator(`#f-${doc.key}`).setInputFiles(file);
			files.push({ key: doc.key, name: file.name, type: file.mimeType, size: file.buffer.length });
		}
		await page.locator('#f-confirm').check();
		await inspect(page, 'filing-form');
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
			{ js, code, applicant: who.applicant_name, email: who.applicant_email, files }
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
