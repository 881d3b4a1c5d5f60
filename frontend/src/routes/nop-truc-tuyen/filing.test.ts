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
		{ name: 'applicant_kind', label: 'Nộp hồ sơ với tư cách', required: true, type: 'radio', choices: [{ value: 'person', label: 'Cá nhân' }, { value: 'organisation', label: 'Tổ chức, doanh nghiệp' }] },
		{ name: 'applicant_name', label: 'Họ và tên người nộp hồ sơ', required: true, type: 'text', max_length: 200 },
		{ name: 'applicant_id_number', label: 'Số định danh cá nhân', required: true, type: 'text', max_length: 12 },
		{ name: 'applicant_phone', label: 'Số điện thoại', required: true, type: 'tel', max_length: 20 },
		{ name: 'applicant_email', label: 'Thư điện tử', required: true, type: 'email', max_length: 254 },
		{ name: 'applicant_address', label: 'Địa chỉ liên hệ', required: false, type: 'textarea', max_length: 500 },
		{ name: 'organisation_name', label: 'Tên tổ chức, doanh nghiệp', required: false, type: 'text', max_length: 300, group: 'organisation', required_when: { field: 'applicant_kind', value: 'organisation' } },
		{ name: 'enterprise_code', label: 'Mã số doanh nghiệp/mã số thuế', hint: '10 chữ số; chi nhánh: 13 chữ số, dạng 0101234567-001', required: false, type: 'text', max_length: 14, group: 'organisation', required_when: { field: 'applicant_kind', value: 'organisation' } },
		{ name: 'confirm', label: 'Tôi xin cam đoan các thông tin và giấy tờ đã khai, nộp là đúng sự thật.', required: true, type: 'checkbox' }
	],
	documents: [
		{ key: 'doc-1', name: 'Tờ khai đăng ký khai sinh', case: '', required: true, forms: [{ name: 'Mẫu tờ khai', url: '/documents/12/to-khai.pdf' }], accept: ['application/pdf', 'image/jpeg', 'image/png'], max_bytes: 1024, max_files: 5, eform: null },
		{ key: 'doc-2', name: 'Giấy chứng sinh', case: '', required: false, forms: [], accept: ['application/pdf'], max_bytes: 1024, max_files: 1, eform: null },
		{
			key: 'doc-3',
			name: 'Mẫu hộ tịch điện tử tương tác đăng ký khai sinh',
			case: '',
			required: true,
			forms: [],
			accept: ['application/pdf'],
			max_bytes: 1024,
			max_files: 1,
			eform: {
				form: 'khai-sinh',
				title: 'Tờ khai đăng ký khai sinh (điện tử)',
				fields: [
					{ name: 'doc-3-child_name', label: 'Họ, chữ đệm, tên người được khai sinh', required: true, type: 'text', max_length: 200 },
					{ name: 'doc-3-child_birth_date', label: 'Ngày, tháng, năm sinh', required: true, type: 'date' },
					{ name: 'doc-3-child_sex', label: 'Giới tính', required: true, type: 'radio', choices: [{ value: 'Nam', label: 'Nam' }, { value: 'Nữ', label: 'Nữ' }] }
				]
			}
		}
	],
	max_total_bytes: 4096
};
const FIELDS = {
	applicant_kind: 'person',
	applicant_name: 'Nguyễn Văn A',
	applicant_id_number: '001203004005',
	applicant_phone: '0912345678',
	applicant_email: 'a@example.vn',
	applicant_address: '12 Trần Phú',
	'doc-3-child_name': 'Nguyễn Minh Khang',
	'doc-3-child_birth_date': '2026-11-20',
	'doc-3-child_sex': 'Nam',
	confirm: 'on',
	idempotency_key: '0f8e1d2c-3b4a-4596-8877-665544332211'
};
const COMPANY = {
	...FIELDS,
	applicant_kind: 'organisation',
	applicant_name: 'Lê Thị Hoa (Công ty TNHH Thương mại Hoa Sen)',
	organisation_name: 'Công ty TNHH Thương mại Hoa Sen',
	enterprise_code: '0100233488'
};
const pdf = (name = 'to-khai.pdf') => new File(['%PDF-1.4 x'], name, { type: 'application/pdf' });

/** In a province whose list receives the procedure by commune: the commune is asked. */
const BY_COMMUNE = '1.001194';
const COMMUNE_FIELD = {
	name: 'commune',
	label: 'Xã, phường nơi nộp hồ sơ',
	hint: 'Hồ sơ được tiếp nhận tại Trung tâm Phục vụ hành chính công của xã, phường bạn chọn.',
	required: true,
	type: 'select',
	choices: [
		{ value: 'dien-bien-phu', label: 'Phường Điện Biên Phủ' },
		{ value: 'muong-ang', label: 'Xã Mường Ảng' }
	]
};
const SCHEMA_BY_COMMUNE = {
	...SCHEMA,
	procedure: { ...SCHEMA.procedure, code: BY_COMMUNE },
	applicant_fields: [...SCHEMA.applicant_fields.slice(0, -1), COMMUNE_FIELD, SCHEMA.applicant_fields.at(-1)]
};

const api = useStubApi({
	[`/api/v1/online-filing/${BY_COMMUNE}/`]: (res, _url, req) =>
		req.method === 'GET' ? sendJson(res, 200, SCHEMA_BY_COMMUNE) : sendJson(res, 200, { valid: true }),
	[`/api/v1/online-filing/${CODE}/`]: (res, _url, req) => {
		if (req.method === 'GET') return sendJson(res, 200, SCHEMA);
		if (_url.searchParams.get('check') === 'fields') {
			if (req.body.includes('name="enterprise_code"\r\n\r\n0100233480\r\n')) {
				return problem(res, 400, { detail: 'x', errors: { enterprise_code: ['Mã số doanh nghiệp không đúng: chữ số cuối (chữ số kiểm tra) không khớp.'] } });
			}
			return sendJson(res, 200, { valid: true });
		}
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
	it('draws the first step from the API’s schema: who files, the organisation, the e-form as fields', async () => {
		const data = (await runLoad(load, fakeEvent(`/nop-truc-tuyen/${CODE}`, at))) as Data;
		expect(data.schema.fields.map((f) => f.name)).toEqual(['applicant_kind', 'applicant_name', 'applicant_id_number', 'applicant_phone', 'applicant_email', 'applicant_address', 'organisation_name', 'enterprise_code']);
		expect(data.schema.confirm.name).toBe('confirm');
		expect(data.schema.processingTime).toBe('3 ngày làm việc');
		expect(data.values.fields.applicant_kind).toBe('person');
		expect(data.values.step).toBe('details');
		const { body } = renderPage(Page, data);
		expect(body).toContain('action="?/review"');
		expect(body).toContain(`name="idempotency_key" value="${data.values.idempotency_key}"`);
		expect(body).toMatch(/<input type="radio" id="f-applicant_kind-0" name="applicant_kind" value="person" checked=""/);
		expect(body).toMatch(/<input type="radio" id="f-applicant_kind-1" name="applicant_kind" value="organisation"(?! checked)/);
		expect(textOf(body)).toContain('Thông tin tổ chức, doanh nghiệp');
		expect(body).toMatch(/id="f-enterprise_code"[^>]*aria-describedby="f-enterprise_code-hint"/);
		expect(textOf(body)).toContain('0101234567-001');
		// The e-form is a set of fields, not a file input.
		expect(textOf(body)).toContain('Tờ khai đăng ký khai sinh (điện tử)');
		expect(body).toMatch(/<input id="f-doc-3-child_birth_date" name="doc-3-child_birth_date" type="date"/);
		expect(body).toMatch(/<input type="radio" id="f-doc-3-child_sex-0" name="doc-3-child_sex" value="Nam"(?! checked)/);
		expect(body).not.toContain('type="file"');
		expect(body).toMatch(/<textarea id="f-applicant_address" name="applicant_address"/);
		expect(textOf(body)).toContain('Tờ khai đăng ký khai sinh');
		expect(body).toMatch(/aria-current="step"[^>]*>\s*Bước 1/);
	});

	it('asks for the commune in a labelled list where the province receives by commune', async () => {
		const here = { params: { code: BY_COMMUNE } };
		const data = (await runLoad(load, fakeEvent(`/nop-truc-tuyen/${BY_COMMUNE}`, here))) as Data;
		const commune = data.schema.fields.find((f) => f.name === 'commune');
		expect(commune?.type).toBe('select');
		expect(data.values.fields.commune).toBe('');
		const { body } = renderPage(Page, data);
		expect(body).toMatch(/<label for="f-commune">Xã, phường nơi nộp hồ sơ/);
		expect(body).toMatch(/<select id="f-commune" name="commune" required=""[^>]*aria-describedby="f-commune-hint"/);
		expect(body).toContain('<option value="muong-ang" lang="vi">Xã Mường Ảng</option>');

		const { confirm: _c, ...typed } = FIELDS;
		const missing = (await runAction(actions.review, postEvent(`/nop-truc-tuyen/${BY_COMMUNE}`, typed, [], here))) as { data: { errors: Record<string, string[]> } };
		expect(isActionFailure(missing)).toBe(true);
		expect(missing.data.errors.commune).toEqual(['Hãy điền thông tin này.']);

		const chosen = (await runAction(actions.review, postEvent(`/nop-truc-tuyen/${BY_COMMUNE}`, { ...typed, commune: 'muong-ang' }, [], here))) as { values: { step: string } };
		expect(chosen.values.step).toBe('confirm');
		const confirmed = renderPage(Page, data, chosen).body;
		expect(textOf(confirmed)).toContain('Xã, phường nơi nộp hồ sơ Xã Mường Ảng');
		expect(confirmed).toContain('<input type="hidden" name="commune" value="muong-ang"');
	});

	it('checks the typed fields with the API and shows them back for confirmation, then the files', async () => {
		const { confirm: _c, ...typed } = COMPANY;
		const result = (await runAction(actions.review, postEvent(`/nop-truc-tuyen/${CODE}`, typed, [], at))) as { values: { step: string; fields: Record<string, string> }; errors: object };
		expect(result.values.step).toBe('confirm');
		const check = api.requests.find((r) => r.method === 'POST')!;
		expect(check.path).toContain('?check=fields');
		expect(check.body).toContain('name="enterprise_code"\r\n\r\n0100233488');
		expect(check.body).not.toContain('name="confirm"');
		const data = (await runLoad(load, fakeEvent(`/nop-truc-tuyen/${CODE}`, at))) as Data;
		const { body } = renderPage(Page, data, result);
		const text = textOf(body);
		// The values typed, not only the labels.
		for (const shown of ['Tổ chức, doanh nghiệp', 'Lê Thị Hoa (Công ty TNHH Thương mại Hoa Sen)', 'Công ty TNHH Thương mại Hoa Sen', '0100233488', '0912345678', 'Nguyễn Minh Khang', '20/11/2026', 'Nam']) {
			expect(text).toContain(shown);
		}
		expect(body).toContain('action="?/file"');
		expect(body).toContain('action="?/edit"');
		expect(body).toContain('<input type="hidden" name="enterprise_code" value="0100233488"');
		expect(body).toContain('<input type="hidden" name="doc-3-child_birth_date" value="2026-11-20"');
		expect(body).toMatch(/<input type="file" id="f-doc-1" name="doc-1" accept="application\/pdf,image\/jpeg,image\/png" multiple="" required=""/);
		expect(body).toMatch(/<input type="file" id="f-doc-2" name="doc-2" accept="application\/pdf"(?! multiple)/);
		expect(body).not.toContain('id="f-doc-3"');
		expect(body).toContain('href="/documents/12/to-khai.pdf"');
		expect(body).toMatch(/<input type="checkbox" id="f-confirm" name="confirm" required=""/);
		expect(text).toContain('Tệp PDF, JPEG, PNG, không quá 1 KB.');
		// Documents needed only in some cases wait, folded, after the required ones.
		const folded = body.slice(body.indexOf('<details class="optional-docs'));
		expect(folded).toContain('id="f-doc-2"');
		expect(folded).not.toContain('id="f-doc-1"');
		expect(body).not.toMatch(/<details class="optional-docs[^>]*open/);
		expect(textOf(folded)).toContain('Giấy tờ chỉ cần trong một số trường hợp (1)');
	});

	it('a person’s confirmation leaves out the organisation; edit goes back with the values', async () => {
		const { confirm: _c, ...typed } = FIELDS;
		const result = (await runAction(actions.review, postEvent(`/nop-truc-tuyen/${CODE}`, { ...typed, organisation_name: 'x' }, [], at))) as { values: { step: string } };
		expect(result.values.step).toBe('confirm');
		const check = api.requests.find((r) => r.method === 'POST')!;
		expect(check.body).not.toContain('name="organisation_name"');
		const data = (await runLoad(load, fakeEvent(`/nop-truc-tuyen/${CODE}`, at))) as Data;
		const { body } = renderPage(Page, data, result);
		expect(textOf(body)).not.toContain('Thông tin tổ chức, doanh nghiệp');
		expect(body).not.toContain('name="organisation_name"');
		const back = (await runAction(actions.edit, postEvent(`/nop-truc-tuyen/${CODE}`, typed, [], at))) as { values: { step: string } };
		expect(back.values.step).toBe('details');
		const again = renderPage(Page, data, back).body;
		expect(again).toMatch(/id="f-doc-3-child_name"[^>]*value="Nguyễn Minh Khang"/);
		expect(again).toMatch(/id="f-doc-3-child_sex-0"[^>]*checked=""/);
	});

	it('the first step names what is missing, and the API’s own refusals, on the fields', async () => {
		const missing = (await runAction(actions.review, postEvent(`/nop-truc-tuyen/${CODE}`, { applicant_kind: 'organisation', applicant_name: 'Lê Thị Hoa', idempotency_key: FIELDS.idempotency_key }, [], at))) as { status: number; data: { errors: Record<string, string[]>; values: { step: string } } };
		expect(missing.status).toBe(400);
		expect(missing.data.values.step).toBe('details');
		expect(Object.keys(missing.data.errors).sort()).toEqual(['applicant_email', 'applicant_id_number', 'applicant_phone', 'doc-3-child_birth_date', 'doc-3-child_name', 'doc-3-child_sex', 'enterprise_code', 'organisation_name']);
		expect(missing.data.errors.organisation_name).toEqual(['Hãy điền thông tin này.']);
		expect(api.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
		const { confirm: _c, ...typed } = COMPANY;
		const wrong = (await runAction(actions.review, postEvent(`/nop-truc-tuyen/${CODE}`, { ...typed, enterprise_code: '0100233480' }, [], at))) as { status: number; data: { errors: Record<string, string[]>; values: { step: string } } };
		expect(wrong.status).toBe(400);
		expect(wrong.data.errors.enterprise_code?.[0]).toContain('chữ số kiểm tra');
		const data = (await runLoad(load, fakeEvent(`/nop-truc-tuyen/${CODE}`, at))) as Data;
		const { body } = renderPage(Page, data, wrong.data);
		expect(body).toContain('href="#f-enterprise_code"');
		expect(body).toMatch(/id="f-enterprise_code"[^>]*value="0100233480"[^>]*aria-describedby="f-enterprise_code-hint f-enterprise_code-error" aria-invalid="true"/);
		expect(body).toContain('action="?/review"');
	});

	it('labels the filing pages in English on the English site', async () => {
		const data = (await runLoad(load, fakeEvent(`/nop-truc-tuyen/${CODE}`, { ...at, lang: 'en' }))) as Data;
		const labels = Object.fromEntries(data.schema.fields.map((f) => [f.name, f.label]));
		expect(labels.applicant_kind).toBe('Applying as');
		expect(labels.organisation_name).toBe('Name of the organisation or business');
		expect(labels.enterprise_code).toBe('Enterprise code / tax code');
		expect(data.schema.fields[0]?.choices.map((c) => c.label)).toEqual(['An individual', 'An organisation or business']);
		const eform = data.schema.documents[2]?.eform;
		expect(eform?.title).toBe('Birth registration form (electronic)');
		expect(eform?.fields.map((f) => f.label)).toEqual(['Full name of the child', 'Date of birth', 'Sex']);
		expect(eform?.fields[2]?.choices.map((c) => c.label)).toEqual(['Male', 'Female']);
		expect(data.schema.confirm.label).toContain('I declare');
	});

	it('is a 404 naming the reason when the procedure does not take online filings', async () => {
		const result = (await runLoad(load, fakeEvent('/nop-truc-tuyen/2.000281', { params: { code: '2.000281' } }))) as { status: number; body: { message: string } };
		expect(result.status).toBe(404);
		expect(result.body.message).toContain('chưa nhận hồ sơ trực tuyến');
	});

	it('forwards the multipart with its Idempotency-Key and goes to the receipt', async () => {
		const result = await runAction(actions.file, postEvent(`/nop-truc-tuyen/${CODE}`, FIELDS, [['doc-1', pdf()], ['doc-1', pdf('trang-2.pdf')]], at));
		expect(isRedirect(result)).toBe(true);
		expect((result as { location: string }).location).toBe('/ho-so/H40.01-260406-0042/bien-nhan');
		const post = api.requests.find((r) => r.method === 'POST')!;
		expect(post.path).not.toContain('check');
		expect(post.headers['idempotency-key']).toBe(FIELDS.idempotency_key);
		expect(post.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		for (const part of ['name="applicant_name"\r\n\r\nNguyễn Văn A', 'name="doc-3-child_name"\r\n\r\nNguyễn Minh Khang', 'name="confirm"\r\n\r\ntrue', 'name="doc-1"; filename="to-khai.pdf"', 'name="doc-1"; filename="trang-2.pdf"']) {
			expect(post.body).toContain(part);
		}
	});

	it('checks required documents, types, sizes and the pledge before calling the API', async () => {
		const big = new File([new Uint8Array(2048)], 'scan.pdf', { type: 'application/pdf' });
		const { confirm: _, ...unconfirmed } = FIELDS;
		const result = (await runAction(actions.file, postEvent(`/nop-truc-tuyen/${CODE}`, unconfirmed, [['doc-2', new File(['x'], 'a.exe', { type: 'application/x-msdownload' })], ['doc-2', big]], at))) as { status: number; data: { errors: Record<string, string[]>; values: { fields: Record<string, string>; step: string } } };
		expect(result.status).toBe(400);
		expect(result.data.errors).toEqual({
			'doc-1': ['Hãy đính kèm giấy tờ này.'],
			'doc-2': ['Tệp “a.exe” không đúng định dạng cho phép.', 'Tệp “scan.pdf” lớn hơn 1 KB.', 'Tối đa 1 tệp cho giấy tờ này.'],
			confirm: ['Hãy đánh dấu xác nhận trước khi nộp.']
		});
		expect(result.data.values.fields.applicant_name).toBe('Nguyễn Văn A');
		expect(result.data.values.step).toBe('confirm');
		expect(api.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
	});

	it('shows the API’s field errors linked to the fields, and asks for the files again', async () => {
		const result = await runAction(actions.file, postEvent(`/nop-truc-tuyen/${CODE}`, { ...FIELDS, applicant_id_number: '123' }, [['doc-1', pdf()]], at));
		expect(isActionFailure(result)).toBe(true);
		const failure = result as { status: number; data: { errors: Record<string, string[]>; values: { idempotency_key: string; step: string } } };
		expect(failure.status).toBe(400);
		// A typed field is wrong: back on the first step, with the values.
		expect(failure.data.values.step).toBe('details');
		expect(failure.data.errors).toEqual({ applicant_id_number: ['Số CCCD (12 chữ số) hoặc CMND (9 chữ số).'], 'doc-1': ['Tệp “to-khai.pdf” không đọc được.'] });
		const data = (await runLoad(load, fakeEvent(`/nop-truc-tuyen/${CODE}`, at))) as Data;
		const { body } = renderPage(Page, data, failure.data);
		expect(body).toMatch(/class="error-summary[^"]*" role="alert" tabindex="-1" autofocus/);
		expect(body).toContain('href="#f-applicant_id_number"');
		expect(body).toMatch(/id="f-applicant_id_number"[^>]*value="123"[^>]*aria-describedby="f-applicant_id_number-error" aria-invalid="true"/);
		expect(body).toContain(`value="${FIELDS.idempotency_key}"`);
		// A file refused: the confirmation again, asking for the files.
		const confirm = { ...failure.data, errors: { 'doc-1': failure.data.errors['doc-1'] ?? [] }, values: { ...failure.data.values, step: 'confirm' as const } };
		const again = renderPage(Page, data, confirm).body;
		expect(again).toContain('href="#f-doc-1"');
		expect(again).toContain('aria-describedby="f-doc-1-hint f-doc-1-error"');
		expect(textOf(again)).toContain('hãy chọn lại tệp trước khi gửi');
	});

	it('keeps the answers when the API is down, and the page is a 503', async () => {
		vi.spyOn(console, 'error').mockImplementation(() => {});
		env.PORTAL_API_URL = 'http://127.0.0.1:9';
		const result = (await runAction(actions.file, postEvent(`/nop-truc-tuyen/${CODE}`, FIELDS, [['doc-1', pdf()]], at))) as { status: number; data: { message: string } };
		expect(result.status).toBe(503);
		expect(result.data.message).toBe('Hệ thống chưa nhận được. Vui lòng thử lại sau ít phút.');
		expect(((await runLoad(load, fakeEvent(`/nop-truc-tuyen/${CODE}`, at))) as { status: number }).status).toBe(503);
	});
});
