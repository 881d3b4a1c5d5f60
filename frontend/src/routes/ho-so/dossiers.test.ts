/** Dossier lookup, page and receipt against the stub API; the SVG check. */
import { env } from '$env/dynamic/private';
import { isRedirect } from '@sveltejs/kit';
import { describe, expect, it, vi } from 'vitest';
import { safeSvg } from '$lib/server/dossiers';
import type { DossierLookup, DossierReceipt, PublicDossier } from '$lib/types';
import { asEvent, fakeEvent } from '../../test/event';
import { problem, renderPage, runLoad, textOf } from '../../test/pages';
import { sendJson, useStubApi } from '../../test/stub-api';
import { load as lookupLoad } from './+page.server';
import LookupPage from './+page.svelte';
import { load as dossierLoad } from './[code]/+page.server';
import DossierPage from './[code]/+page.svelte';
import { load as receiptLoad } from './[code]/bien-nhan/+page.server';
import { GET as receiptPdf } from './[code]/bien-nhan.pdf/+server';
import ReceiptPage from './[code]/bien-nhan/+page.svelte';

const CODE = 'H40.01-260406-0042';
const DOSSIER: PublicDossier = {
	code: CODE,
	procedure: { code: '1.001193', title: 'Đăng ký khai sinh' },
	agency: 'UBND phường Bến Nghé',
	receiving_unit: null,
	channel: 'online',
	applicant: 'Nguyễn V. A.',
	organisation: null,
	eforms: [],
	status: 'transferred',
	status_label: 'Chuyển cơ quan khác',
	received_at: '2026-04-06T08:00:00+07:00',
	promised_at: '2026-04-20',
	new_date: '2026-04-24',
	deadline: '2026-04-22',
	resolved_at: null,
	timeliness: 'pending_within',
	agencies: ['UBND phường Bến Nghé', 'Sở Tư pháp'],
	history: [
		{ kind: 'received', label: 'Tiếp nhận', occurred_at: '2026-04-06T08:00:00+07:00', agency: null, note: '', new_date: null },
		{ kind: 'transferred', label: 'Chuyển cơ quan khác', occurred_at: '2026-04-07T09:30:00+07:00', agency: 'Sở Tư pháp', note: 'Chuyển xác minh', new_date: null },
		{ kind: 'apologised', label: 'Xin lỗi và hẹn lại ngày trả kết quả', occurred_at: '2026-04-17T09:30:00+07:00', agency: 'Sở Tư pháp', note: 'Chờ kết quả xác minh', new_date: '2026-04-24' }
	]
};
const BARCODE = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 60 50" width="120" height="100" role="img" aria-label="Mã vạch hồ sơ ${CODE}" shape-rendering="crispEdges"><rect width="60" height="50" fill="#fff"/><path fill="#000" d="M10 0h2v50h-2z"/></svg>`;
const QR = `<?xml version="1.0" encoding="utf-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="132" height="132"><title>Mã QR tra cứu hồ sơ</title><path fill="#fff" d="M0 0h132v132h-132z"/><path stroke="#000" d="M16 18.5h28"/></svg>`;
const RECEIPT: DossierReceipt = {
	...DOSSIER,
	lookup_url: `http://127.0.0.1:3000/ho-so/${CODE}`,
	evaluation_url: `http://127.0.0.1:3000/danh-gia?ho-so=${CODE}`,
	barcode_svg: BARCODE,
	qr_svg: QR
};

const PDF = Buffer.from('%PDF-1.3\n% Giấy biên nhận\n%%EOF\n');

/** The lookup: dossiers like this one took 3 to 9 working days. */
const LOOKUP: DossierLookup = {
	...DOSSIER,
	completion_estimate: {
		median_days: 3,
		p90_days: 9,
		count: 8,
		period_start: '2025-06-01',
		period_end: '2026-05-31',
		scope: 'agency'
	}
};

const api = useStubApi({
	[`/api/v1/dossiers/${CODE}/`]: (res) => sendJson(res, 200, LOOKUP),
	[`/api/v1/dossiers/${CODE}/receipt/`]: (res) => sendJson(res, 200, RECEIPT),
	// The API finds a code in any case and answers with its own.
	[`/api/v1/dossiers/${CODE.toLowerCase()}/`]: (res) => sendJson(res, 200, LOOKUP),
	[`/api/v1/dossiers/${CODE.toLowerCase()}/receipt/`]: (res) => sendJson(res, 200, RECEIPT),
	'/api/v1/dossiers/H40.01-260406-0043/receipt/': (res) =>
		sendJson(res, 200, { ...RECEIPT, code: 'H40.01-260406-0043', barcode_svg: '<svg onload="alert(1)"></svg>', qr_svg: '<img src=x onerror=alert(1)>' }),
	'/api/v1/dossiers/H40.01-260406-0099/': (res) => {
		res.writeHead(429, { 'content-type': 'application/problem+json', 'retry-after': '30' });
		res.end(JSON.stringify({ title: 'Quá nhiều yêu cầu', status: 429 }));
	},
	'/api/v1/dossiers/ABC/': (res) => problem(res, 404),
	'/api/v1/dossiers/H40.01-260406-0046/receipt/': (res) =>
		sendJson(res, 200, {
			...RECEIPT,
			code: 'H40.01-260406-0046',
			applicant: 'Lê T. H. (Công ty TNHH Thương mại Hoa Sen)',
			organisation: { name: 'Công ty TNHH Thương mại Hoa Sen', enterprise_code: '0100233488', representative: 'Lê T. H.', representative_position: 'Giám đốc' },
			eforms: [{ key: 'doc-6', title: 'Tờ khai đăng ký khai sinh (điện tử)', fields: [{ label: 'Họ, chữ đệm, tên người được khai sinh', value: 'Trần M. K.' }, { label: 'Ngày, tháng, năm sinh', value: 'năm 2026' }] }]
		}),
	[`/api/v1/dossiers/${CODE}/receipt.pdf`]: (res) => {
		res.writeHead(200, { 'content-type': 'application/pdf' });
		res.end(PDF);
	},
	'/api/v1/dossiers/H40.01-260406-0044/receipt.pdf': (res) => problem(res, 404),
	'/api/v1/dossiers/H40.01-260406-0045/receipt.pdf': (res) => {
		res.writeHead(500, { 'content-type': 'text/html' });
		res.end('<h1>Server Error</h1>');
	}
});

const at = (code: string, path = '') => fakeEvent(`/ho-so/${code}${path}`, { params: { code } });

describe('dossier lookup form', () => {
	it('goes straight to a well-formed code, also from a scanned lookup address', async () => {
		for (const ma of [CODE, ` ${CODE} `, `http://127.0.0.1:3000/ho-so/${CODE}`]) {
			const result = await runLoad(lookupLoad, fakeEvent(`/ho-so?ma=${encodeURIComponent(ma)}`));
			expect(isRedirect(result)).toBe(true);
			expect((result as { location: string }).location).toBe(`/ho-so/${CODE}`);
		}
	});

	it('works by typing, explains a malformed code, and offers scanning only through /scan.js', async () => {
		const data = (await runLoad(lookupLoad, fakeEvent('/ho-so?ma=12345'))) as { code: string; error: string };
		expect(data.error).toContain('“12345” không đúng dạng mã hồ sơ');
		const { body, head } = renderPage(LookupPage, data);
		expect(body).toMatch(/<form method="GET" action="\/ho-so"/);
		expect(body).toContain('aria-invalid="true"');
		expect(body).toContain('aria-describedby="ma-hint ma-error"');
		expect(body).toMatch(/<p class="f-error" id="ma-error" role="alert">/);
		// the scan button stays hidden until the script finds a way to read codes
		expect(body).toMatch(/<button type="button" class="btn btn-secondary[^"]*" data-scan=""[^>]*hidden=""/);
		expect(head).toContain('<script src="/scan.js" defer=""></script>');
		// the fallback decoder (a worker with zxing-wasm) is only named, fetched on the click
		expect(body).toMatch(/data-scan=""[^>]* data-decoder="[^"]*decoder\.worker[^"]*"/);
		expect(body).toContain('data-msg-loading="Đang tải bộ đọc mã…"');
		expect(`${head}${body}`.match(/<script\b/g)).toHaveLength(1);
		expect(`${head}${body}`).not.toMatch(/zxing|\.wasm|modulepreload/);
		const empty = (await runLoad(lookupLoad, fakeEvent('/ho-so'))) as { error: null };
		expect(empty.error).toBeNull();
	});
});

describe('dossier page', () => {
	it('shows status, dates, the agencies, the history and links to the receipt', async () => {
		const data = (await runLoad(dossierLoad, at(CODE))) as { dossier: PublicDossier };
		expect(data.dossier.code).toBe(CODE);
		const { body } = renderPage(DossierPage, data);
		const text = textOf(body);
		expect(text).toContain(`Hồ sơ ${CODE}`);
		expect(text).toContain('Tình trạng: Chuyển cơ quan khác — Đang giải quyết, trong hạn');
		expect(text).toContain('Người nộp Nguyễn V. A.');
		expect(text).toContain('Ngày hẹn trả kết quả 20/04/2026');
		expect(text).toContain('Hạn giải quyết (tính cả thời gian chờ bổ sung) 22/04/2026');
		expect(body).toContain(`href="/ho-so/${CODE}/bien-nhan"`);
		expect(body).toMatch(/<ol class="timeline[^"]*">/);
		expect(body).toMatch(/<time datetime="2026-04-07T09:30:00\+07:00"[^>]*>07\/04\/2026 09:30<\/time>/);
		expect(text).toContain('Chuyển xác minh');
		// After an apology (form 04): the new date beside the first, in the history too.
		expect(text).toContain('Ngày hẹn trả mới (cơ quan đã xin lỗi và hẹn lại) 24/04/2026');
		expect(text).toContain('Xin lỗi và hẹn lại ngày trả kết quả — Sở Tư pháp Chờ kết quả xác minh Ngày hẹn trả mới (cơ quan đã xin lỗi và hẹn lại): 24/04/2026');
		expect(text).toContain('UBND phường Bến Nghé Sở Tư pháp');
		expect(text).toContain('Phần lớn hồ sơ như của bạn hoàn thành trong 3–9 ngày làm việc.');
		expect(text).toContain('tính trên 8 hồ sơ đã giải quyết từ 01/06/2025 đến 31/05/2026');
	});

	it('shows the one-stop unit it was handed in at, its address, hours and map link', async () => {
		const data = (await runLoad(dossierLoad, at(CODE))) as { dossier: PublicDossier };
		expect(textOf(renderPage(DossierPage, data).body)).not.toContain('Nơi tiếp nhận hồ sơ');
		const receiving_unit = {
			id: 7,
			name: 'Trung tâm Phục vụ hành chính công xã Mường Ảng',
			address: 'Trụ sở Ủy ban nhân dân xã Mường Ảng, tỉnh Điện Biên',
			opening_hours: 'Thứ Hai đến thứ Sáu: sáng 7:30–11:30',
			phone: '',
			map_url: 'https://www.openstreetmap.org/search?query=Tr%E1%BB%A5+s%E1%BB%9F'
		};
		const { body } = renderPage(DossierPage, { ...data, dossier: { ...data.dossier, receiving_unit } });
		const text = textOf(body);
		expect(text).toContain('Nơi tiếp nhận hồ sơ Trung tâm Phục vụ hành chính công xã Mường Ảng');
		expect(text).toContain('Địa chỉ nơi tiếp nhận Trụ sở Ủy ban nhân dân xã Mường Ảng, tỉnh Điện Biên');
		expect(text).toContain('Giờ làm việc Thứ Hai đến thứ Sáu: sáng 7:30–11:30');
		expect(body).toContain(`href="${receiving_unit.map_url}"`);
	});

	it('sends a code found as typed (small letters, stray spaces) to its own address', async () => {
		const typed = ` ${CODE.toLowerCase().slice(0, 6)} ${CODE.toLowerCase().slice(6)} `;
		const asTyped = (path = '') =>
			fakeEvent(`/ho-so/${encodeURIComponent(typed)}${path}`, { params: { code: typed } });
		const [page, receipt] = [
			(await runLoad(dossierLoad, asTyped())) as { status: number; location: string },
			(await runLoad(receiptLoad, asTyped('/bien-nhan'))) as { status: number; location: string }
		];
		expect([isRedirect(page), isRedirect(receipt)]).toEqual([true, true]);
		expect([page.status, page.location]).toEqual([308, `/ho-so/${CODE}`]);
		expect([receipt.status, receipt.location]).toEqual([308, `/ho-so/${CODE}/bien-nhan`]);
	});

	it('says nothing of completion times when there are too few dossiers or it is done', async () => {
		const data = (await runLoad(dossierLoad, at(CODE))) as { dossier: DossierLookup };
		for (const dossier of [
			{ ...data.dossier, completion_estimate: null },
			{ ...data.dossier, status: 'returned' as const, resolved_at: '2026-04-17T10:00:00+07:00' }
		]) {
			const text = textOf(renderPage(DossierPage, { ...data, dossier }).body);
			expect(text).not.toContain('Phần lớn hồ sơ');
		}
	});

	it('is a 404 that explains the code format; a 429 and the API down are said too', async () => {
		const unknown = (await runLoad(dossierLoad, at('ABC'))) as { status: number; body: { message: string } };
		expect(unknown.status).toBe(404);
		expect(unknown.body.message).toContain('Không có hồ sơ mã “ABC”');
		expect(unknown.body.message).toContain('Mã này không đúng dạng mã hồ sơ');
		const odd = (await runLoad(dossierLoad, at('<script>'))) as { status: number };
		expect(odd.status).toBe(404);
		expect(api.requests.map((r) => r.path)).toEqual(['/api/v1/dossiers/ABC/']);
		const busy = (await runLoad(dossierLoad, at('H40.01-260406-0099'))) as { status: number };
		expect(busy.status).toBe(429);
		vi.spyOn(console, 'error').mockImplementation(() => {});
		env.PORTAL_API_URL = 'http://127.0.0.1:9';
		expect(((await runLoad(dossierLoad, at(CODE))) as { status: number }).status).toBe(503);
	});
});

describe('receipt', () => {
	it('inlines the API’s barcode and QR code, and prints without the site’s chrome', async () => {
		const data = (await runLoad(receiptLoad, at(CODE, '/bien-nhan'))) as { barcode: string; qr: string };
		expect(data.barcode).toBe(BARCODE);
		expect(data.qr.startsWith('<svg')).toBe(true);
		const { body, head } = renderPage(ReceiptPage, data);
		expect(body).toContain('<path fill="#000" d="M10 0h2v50h-2z"/>');
		expect(body).toContain('<title>Mã QR tra cứu hồ sơ</title>');
		expect(body).not.toContain('<?xml');
		expect(textOf(body)).toContain(`Giấy tiếp nhận hồ sơ và hẹn trả kết quả`);
		expect(textOf(body)).toContain('Ngày hẹn trả kết quả 20/04/2026');
		expect(body).toContain(`href="/danh-gia?thu-tuc=1.001193&amp;ho-so=${CODE}"`);
		expect(body).toMatch(/data-print="" hidden=""/);
		expect(head).toContain('<script src="/print.js" defer=""></script>');
	});

	it('prints a business’s organisation whole beside the masked person, and the e-form filled in', async () => {
		const data = await runLoad(receiptLoad, at('H40.01-260406-0046', '/bien-nhan'));
		const text = textOf(renderPage(ReceiptPage, data).body);
		expect(text).toContain('Người nộp Lê T. H. (Công ty TNHH Thương mại Hoa Sen)');
		expect(text).toContain('Tổ chức, doanh nghiệp Công ty TNHH Thương mại Hoa Sen');
		expect(text).toContain('Mã số doanh nghiệp 0100233488');
		expect(text).toContain('Người đại diện Lê T. H., Giám đốc');
		expect(text).toContain('Tờ khai đăng ký khai sinh (điện tử)');
		expect(text).toContain('Họ, chữ đệm, tên người được khai sinh Trần M. K.');
	});

	it('leaves out an SVG that could run or load anything, showing the code as text', async () => {
		const data = (await runLoad(receiptLoad, at('H40.01-260406-0043', '/bien-nhan'))) as { barcode: string | null; qr: string | null };
		expect(data.barcode).toBeNull();
		expect(data.qr).toBeNull();
		const { body } = renderPage(ReceiptPage, data);
		expect(body).not.toContain('onload');
		expect(body).not.toContain('onerror');
		expect(body).toContain('H40.01-260406-0043');
	});

	it('checks SVG strings', () => {
		expect(safeSvg(BARCODE)).toBe(BARCODE);
		expect(safeSvg('<?xml version="1.0"?><!DOCTYPE svg PUBLIC "x" "y"><!-- made --><svg><path d="M0 0"/></svg>')).toBe('<svg><path d="M0 0"/></svg>');
		for (const bad of [
			'<div><svg></svg></div>',
			'<svg><script>alert(1)</script></svg>',
			'<svg><a href="javascript:alert(1)">x</a></svg>',
			'<svg><image href="http://evil/x.png"/></svg>',
			'<svg><foreignObject><p>x</p></foreignObject></svg>',
			'<svg style="background:url(http://evil)"></svg>',
			'<svg><use xlink:href="#x"/></svg>',
			'<svg></svg><script>alert(1)</script>',
			42
		]) {
			expect(safeSvg(bad), String(bad)).toBeNull();
		}
	});
});

describe('receipt PDF', () => {
	const get = (code: string) =>
		Promise.resolve()
			.then(() => receiptPdf(asEvent<Parameters<typeof receiptPdf>[0]>(at(code, '/bien-nhan.pdf'))))
			.catch((e: unknown) => e);

	it("passes the API's PDF on with its name, not to be cached", async () => {
		const event = at(CODE, '/bien-nhan.pdf');
		const response = (await receiptPdf(asEvent<Parameters<typeof receiptPdf>[0]>(event))) as Response;
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/pdf');
		expect(response.headers.get('content-disposition')).toBe(`inline; filename="bien-nhan-${CODE}.pdf"`);
		expect(Buffer.from(await response.arrayBuffer()).equals(PDF)).toBe(true);
		expect(event.headers['cache-control']).toBe('no-store');
		expect(api.requests.at(-1)?.headers.accept).toBe('application/pdf, application/json;q=0.5');
	});

	it('sends an unknown code to the receipt page, which explains it', async () => {
		for (const code of ['H40.01-260406-0044', 'ABC']) {
			const result = await get(code);
			expect(isRedirect(result), code).toBe(true);
			expect((result as { location: string }).location).toBe(`/ho-so/${code}/bien-nhan`);
		}
	});

	it('answers 503 when the API fails', async () => {
		vi.spyOn(console, 'error').mockImplementation(() => {});
		const result = await get('H40.01-260406-0045');
		expect(isRedirect(result)).toBe(false);
		expect((result as { status: number }).status).toBe(503);
	});
});
