/** Online filing (/nop-truc-tuyen/[code]) against the stub API, with the API's schema. */
import { env } from '$env/dynamic/private';
import { isActionFailure, isRedirect } from '@sveltejs/kit';
import { describe, expect, it, vi } from 'vitest';
import { fakeEvent } from '../../test/event';
import { postEvent, problem, renderPage, runAction, runLoad, textOf } from '../../test/pages';
import { sendJson, useStubApi } from '../../test/stub-api';
import { actions, load } from './[code]/+page.server';
import Page from './[code]/+page.svelte';

const CODE = '1.001193';
/** As `dossiers/filing.py` `form_schema` answers. */
const SCHEMA = {
	procedure: { code: CODE, name: 'Đăng ký khai sinh', title: 'Đăng ký khai sinh', url: '/thu-tuc/1.001193', agency: { id: 5, code: 'H40.01', name: 'UBND phường Bến Nghé' } },
	processing_time: { amount: '3', unit: 'ngày làm việc' },
	applicant_fields: [
		{ name: 'applicant_name', label: 'Họ và tên người nộp hồ sơ', required: true, type: 'text', max_length: 200 },
		{ name: 'applicant_id_number', label: 'Số định danh cá nhân', required: true, type: 'text', max_length: 12 },
		{ name: 'applicant_phone', label: 'Số điện thoại', required: true, type: 'tel', max_length: 20 },
		{ name: 'applicant_email', label: 'Thư điện tử', required: true, type: 'email', max_length: 254 },
		{ name: 'applicant_address', label: 'Địa chỉ liên hệ', required: false, type: 'textarea', max_length: 500 },
		{ name: 'confirm', label: 'Tôi xin cam đoan các thông tin và giấy tờ đã khai, nộp là đúng sự thật.', required: true, type: 'checkbox' }
	],
	documents: [
		{ key: 'doc-1', name: 'Tờ khai đăng ký khai sinh', case: '', required: true, forms: [{ name: 'Mẫu tờ khai', url: '/documents/12/to-khai.pdf' }], accept: ['application/pdf', 'image/jpeg', 'image/png'], max_bytes: 1024, max_files: 5 },
		{ key: 'doc-2', name: 'Giấy chứng sinh', case: '', required: false, forms: [], accept: ['application/pdf'], max_bytes: 1024, max_files: 1 }
	],
	max_total_bytes: 4096
};
const FIELDS = {
	applicant_name: 'Nguyễn Văn A',
	applicant_id_number: '001203004005',
	applicant_phone: '0912345678',
	applicant_email: 'a@example.vn',
	applicant_address: '12 Trần Phú',
	confirm: 'on',
	idempotency_key: '0f8e1d2c-3b4a-4596-8877-665544332211'
};
const pdf = (name = 'to-khai.pdf') => new File(['%PDF-1.4 x'], name, { type: 'application/pdf' });

const api = useStubApi({
	[`/api/v1/online-filing/${CODE}/`]: (res, _url, req) => {
		if (req.method === 'GET') return sendJson(res, 200, SCHEMA);
		if (req.body.includes('name="applicant_id_number"\r\n\r\n123\r\n')) {
			return problem(res, 400, {
				detail: "Vui lòng kiểm tra các trường được nêu trong 'errors'.",
				errors: { applicant_id_number: ['Số CCCD (12 chữ số) hoặc CMND (9 chữ số).'], 'doc-1': ['Tệp “to-khai.pdf” không đọc được.'] }
			});
		}
		sendJson(res, 201, { code: 'H40.01-260406-0042', status: 'received', receipt_url: '/api/v1/dossiers/H40.01-260406-0042/receipt/', lookup_url: 'http://x/ho-so/H40.01-260406-0042', received_at: '2026-04-06T08:00:00+07:00', promised_at: '2026-04-09' });
	}
});

const at = { params: { code: CODE } };
type Data = Awaited<ReturnType<typeof load>>;

describe('online filing', () => {
	it('draws the form from the API’s schema, with the pledge under a check-and-confirm summary', async () => {
		const data = (await runLoad(load, fakeEvent(`/nop-truc-tuyen/${CODE}`, at))) as Data;
		expect(data.schema.fields.map((f) => f.name)).toEqual(['applicant_name', 'applicant_id_number', 'applicant_phone', 'applicant_email', 'applicant_address']);
		expect(data.schema.confirm.name).toBe('confirm');
		expect(data.schema.processingTime).toBe('3 ngày làm việc');
		const { body } = renderPage(Page, data);
		expect(body).toContain('enctype="multipart/form-data"');
		expect(body).toContain(`name="idempotency_key" value="${data.values.idempotency_key}"`);
		expect(body).toMatch(/<input type="file" id="f-doc-1" name="doc-1" accept="application\/pdf,image\/jpeg,image\/png" multiple="" required=""/);
		expect(body).toMatch(/<input type="file" id="f-doc-2" name="doc-2" accept="application\/pdf"(?! multiple)/);
		expect(body).toContain('href="/documents/12/to-khai.pdf"');
		expect(body).toMatch(/<textarea id="f-applicant_address" name="applicant_address"/);
		expect(body).toMatch(/<input type="checkbox" id="f-confirm" name="confirm" required=""/);
		expect(textOf(body)).toContain('Kiểm tra và xác nhận');
		expect(textOf(body)).toContain('Tệp PDF, JPEG, PNG, không quá 1 KB.');
		// Documents needed only in some cases wait, folded, after the required ones.
		const folded = body.slice(body.indexOf('<details class="optional-docs'));
		expect(folded).toContain('id="f-doc-2"');
		expect(folded).not.toContain('id="f-doc-1"');
		expect(body).not.toMatch(/<details class="optional-docs[^>]*open/);
		expect(textOf(folded)).toContain('Giấy tờ chỉ cần trong một số trường hợp (1)');
	});

	it('is a 404 naming the reason when the procedure does not take online filings', async () => {
		const result = (await runLoad(load, fakeEvent('/nop-truc-tuyen/2.000281', { params: { code: '2.000281' } }))) as { status: number; body: { message: string } };
		expect(result.status).toBe(404);
		expect(result.body.message).toContain('chưa nhận hồ sơ trực tuyến');
	});

	it('forwards the multipart with its Idempotency-Key and goes to the receipt', async () => {
		const result = await runAction(actions.default, postEvent(`/nop-truc-tuyen/${CODE}`, FIELDS, [['doc-1', pdf()], ['doc-1', pdf('trang-2.pdf')]], at));
		expect(isRedirect(result)).toBe(true);
		expect((result as { location: string }).location).toBe('/ho-so/H40.01-260406-0042/bien-nhan');
		const post = api.requests.find((r) => r.method === 'POST')!;
		expect(post.headers['idempotency-key']).toBe(FIELDS.idempotency_key);
		expect(post.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		for (const part of ['name="applicant_name"\r\n\r\nNguyễn Văn A', 'name="confirm"\r\n\r\ntrue', 'name="doc-1"; filename="to-khai.pdf"', 'name="doc-1"; filename="trang-2.pdf"']) {
			expect(post.body).toContain(part);
		}
	});

	it('checks required documents, types, sizes and the pledge before calling the API', async () => {
		const big = new File([new Uint8Array(2048)], 'scan.pdf', { type: 'application/pdf' });
		const { confirm: _, ...unconfirmed } = FIELDS;
		const result = (await runAction(actions.default, postEvent(`/nop-truc-tuyen/${CODE}`, unconfirmed, [['doc-2', new File(['x'], 'a.exe', { type: 'application/x-msdownload' })], ['doc-2', big]], at))) as { status: number; data: { errors: Record<string, string[]>; values: { fields: Record<string, string> } } };
		expect(result.status).toBe(400);
		expect(result.data.errors).toEqual({
			'doc-1': ['Hãy đính kèm giấy tờ này.'],
			'doc-2': ['Tệp “a.exe” không đúng định dạng cho phép.', 'Tệp “scan.pdf” lớn hơn 1 KB.', 'Tối đa 1 tệp cho giấy tờ này.'],
			confirm: ['Hãy đánh dấu xác nhận trước khi nộp.']
		});
		expect(result.data.values.fields.applicant_name).toBe('Nguyễn Văn A');
		expect(api.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
	});

	it('shows the API’s field errors linked to the fields, and asks for the files again', async () => {
		const result = await runAction(actions.default, postEvent(`/nop-truc-tuyen/${CODE}`, { ...FIELDS, applicant_id_number: '123' }, [['doc-1', pdf()]], at));
		expect(isActionFailure(result)).toBe(true);
		const failure = result as { status: number; data: { errors: Record<string, string[]>; values: { idempotency_key: string } } };
		expect(failure.status).toBe(400);
		expect(failure.data.errors).toEqual({ applicant_id_number: ['Số CCCD (12 chữ số) hoặc CMND (9 chữ số).'], 'doc-1': ['Tệp “to-khai.pdf” không đọc được.'] });
		const data = (await runLoad(load, fakeEvent(`/nop-truc-tuyen/${CODE}`, at))) as Data;
		const { body } = renderPage(Page, data, failure.data);
		expect(body).toMatch(/class="error-summary[^"]*" role="alert" tabindex="-1" autofocus/);
		expect(body).toContain('href="#f-applicant_id_number"');
		expect(body).toContain('href="#f-doc-1"');
		expect(body).toMatch(/id="f-applicant_id_number"[^>]*value="123"[^>]*aria-describedby="f-applicant_id_number-error" aria-invalid="true"/);
		expect(body).toContain('aria-describedby="f-doc-1-hint f-doc-1-error"');
		expect(textOf(body)).toContain('hãy chọn lại tệp trước khi gửi');
		expect(body).toContain(`value="${FIELDS.idempotency_key}"`);
	});

	it('keeps the answers when the API is down, and the page is a 503', async () => {
		vi.spyOn(console, 'error').mockImplementation(() => {});
		env.PORTAL_API_URL = 'http://127.0.0.1:9';
		const result = (await runAction(actions.default, postEvent(`/nop-truc-tuyen/${CODE}`, FIELDS, [['doc-1', pdf()]], at))) as { status: number; data: { message: string } };
		expect(result.status).toBe(503);
		expect(result.data.message).toBe('Hệ thống chưa nhận được. Vui lòng thử lại sau ít phút.');
		expect(((await runLoad(load, fakeEvent(`/nop-truc-tuyen/${CODE}`, at))) as { status: number }).status).toBe(503);
	});
});
