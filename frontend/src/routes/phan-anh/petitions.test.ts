/** The petition (PAKN) pages' loads and form actions against the stub API. */
import { env } from '$env/dynamic/private';
import { isActionFailure, isHttpError, isRedirect } from '@sveltejs/kit';
import { render } from 'svelte/server';
import { describe, expect, it, vi } from 'vitest';
import { i18nContext } from '$lib/i18n';
import type { PetitionStatus, PublicPetition } from '$lib/types';
import { asEvent, fakeEvent, type FakeEvent } from '../../test/event';
import { AGENCY, SEARCH } from '../../test/fixtures';
import { sendJson, useStubApi } from '../../test/stub-api';
import { actions as listActions, load as listLoad } from './+page.server';
import ListPage from './+page.svelte';
import { load as sentLoad } from './da-gui/+page.server';
import SentPage from './da-gui/+page.svelte';
import { actions as formActions, load as formLoad } from './gui/+page.server';
import FormPage from './gui/+page.svelte';
import { load as trackLoad } from './tra-cuu/+page.server';
import TrackPage from './tra-cuu/+page.svelte';

const CODE = 'PAKN-2026-000123';

const STATUS: PetitionStatus = {
	tracking_code: CODE,
	kind: 'procedure',
	kind_label: 'Phản ánh về thủ tục hành chính',
	status: 'published',
	status_label: 'Đã công khai trả lời',
	title: 'Chậm trả kết quả khai sinh',
	agency: { id: 2, name: 'UBND phường Bến Nghé' },
	procedure: { code: '2.000281', title: 'Đăng ký khai sinh' },
	submitted_at: '2026-11-02T08:00:00+07:00',
	accepted_at: '2026-11-03T08:00:00+07:00',
	rejected_at: null,
	reject_reason: '',
	answered_at: '2026-11-10T08:00:00+07:00',
	published_at: '2026-11-11T08:00:00+07:00',
	deadlines: [
		{ name: 'Chấp nhận xử lý', due: '2026-11-05', done_at: '2026-11-03T08:00:00+07:00', on_time: true, working_days_left: null },
		{ name: 'Trả lời', due: '2026-12-01', done_at: null, on_time: null, working_days_left: 3 }
	],
	answer: 'Đã trả kết quả ngày 09/11.',
	likes: 4,
	dislikes: 1
};

const PUBLIC: PublicPetition = {
	tracking_code: CODE,
	kind: 'procedure',
	kind_label: STATUS.kind_label,
	title: STATUS.title,
	body: 'Nộp hồ sơ đã 10 ngày chưa có kết quả.',
	agency: STATUS.agency,
	procedure: STATUS.procedure,
	submitted_at: STATUS.submitted_at,
	answered_at: STATUS.answered_at,
	published_at: STATUS.published_at,
	answer: 'Đã trả kết quả ngày 09/11.',
	likes: 4,
	dislikes: 1
};

const problem = (res: Parameters<typeof sendJson>[0], status: number, extra: object = {}) =>
	sendJson(res, status, { type: 'about:blank', title: 'x', status, ...extra }, 'application/problem+json');

/** Idempotency keys the stub has seen, with the code it gave. */
const stored = new Map<string, string>();
const JUSTICE = { ...AGENCY, id: 7, name: 'Sở Tư pháp' };
const api = useStubApi({
	'/api/v1/agencies/': (res) =>
		sendJson(res, 200, { count: 2, next: null, previous: null, results: [JUSTICE, AGENCY] }),
	'/api/v1/search/': (res, url) => {
		if (url.searchParams.get('q') === 'không có') return sendJson(res, 200, { ...SEARCH, count: 0, results: [] });
		sendJson(res, 200, SEARCH);
	},
	'/api/v1/petitions/': (res, url, req) => {
		if (req.method === 'GET') {
			const page = url.searchParams.get('page');
			if (page === '9') return problem(res, 404, { detail: 'Trang không hợp lệ.' });
			return sendJson(res, 200, { count: 21, next: null, previous: null, results: [PUBLIC] });
		}
		if (req.body.includes('Quá nhiều')) {
			res.writeHead(429, { 'content-type': 'application/problem+json', 'retry-after': '37' });
			return res.end(JSON.stringify({ title: 'Quá nhiều yêu cầu', status: 429 }));
		}
		if (!req.body.includes('name="phone"\r\n\r\n0912345678')) {
			return problem(res, 400, {
				detail: "Vui lòng kiểm tra các trường được nêu trong 'errors'.",
				errors: {
					phone: ['Số điện thoại không hợp lệ (ví dụ 0912 345 678).'],
					attachments: { '0': ['Tệp không đúng định dạng.'] }
				}
			});
		}
		const key = String(req.headers['idempotency-key'] ?? '');
		const code = stored.get(key) ?? `PAKN-2026-${String(stored.size + 1).padStart(6, '0')}`;
		stored.set(key, code);
		sendJson(res, 202, { ...STATUS, tracking_code: code, status: 'received' });
	},
	[`/api/v1/petitions/${CODE}/`]: (res) => sendJson(res, 200, STATUS),
	[`/api/v1/petitions/${CODE}/reactions/`]: (res, _url, req) => {
		const body = JSON.parse(req.body) as { value: string; reader?: string };
		if (body.reader === 'already-voted') return problem(res, 409, { detail: 'Bạn đã đánh giá câu trả lời này.' });
		if (body.reader === 'changed:by-hand') {
			return problem(res, 400, { errors: { reader: ['Mã người đọc không hợp lệ.'] } });
		}
		sendJson(res, 201, { likes: body.value === 'like' ? 5 : 4, dislikes: 1, reader: body.reader ?? 'abc123:signed' });
	}
});

/** A POST of `fields` (and `files`) to `path`, as a browser sends a form. */
function post(path: string, fields: Record<string, string>, files: File[] = [], cookies = {}) {
	const body = new FormData();
	for (const [k, v] of Object.entries(fields)) body.append(k, v);
	for (const f of files) body.append('attachments', f);
	const event: FakeEvent = fakeEvent(path, { cookies });
	event.request = new Request(event.url, { method: 'POST', body });
	return event;
}

const VALID = {
	kind: 'procedure',
	procedure: '2.000281',
	title: 'Chậm trả kết quả',
	body: 'Nộp hồ sơ khai sinh đã mười ngày chưa có kết quả.',
	name: 'Nguyễn Văn A',
	phone: '0912345678',
	email: '',
	consent_publish: 'on',
	website: '',
	idempotency_key: '5b7c2d0e-1f3a-4b5c-9d8e-7f6a5b4c3d2e'
};

function page(component: unknown, data: Record<string, unknown>, form: unknown = undefined) {
	return render(component as never, {
		props: { data: { lang: 'vi', ...data }, params: {}, form },
		context: i18nContext('vi')
	} as never) as { body: string; head: string };
}

describe('petition form', () => {
	type L = Parameters<typeof formLoad>[0];
	type A = Parameters<typeof formActions.default>[0];
	const submit = async (event: FakeEvent): Promise<unknown> => {
		try {
			return await formActions.default(asEvent<A>(event));
		} catch (err) {
			if (isRedirect(err)) return err;
			throw err;
		}
	};

	it('renders with a fresh idempotency key and the procedure from the query', async () => {
		const a = await formLoad(asEvent<L>(fakeEvent('/phan-anh/gui?procedure=2.000281')));
		const b = await formLoad(asEvent<L>(fakeEvent('/phan-anh/gui')));
		expect(a.values).toMatchObject({ kind: 'procedure', procedure: '2.000281' });
		expect(b.values.kind).toBe('');
		expect(a.values.idempotency_key).toMatch(/^[0-9a-f-]{36}$/);
		expect(a.values.idempotency_key).not.toBe(b.values.idempotency_key);
		const { body } = page(FormPage, a);
		expect(body).toContain(`name="idempotency_key" value="${a.values.idempotency_key}"`);
		expect(body).toContain('enctype="multipart/form-data"');
		expect(body).toContain('name="website"');
		expect(body).not.toContain('error-summary');
		api.requests.length = 0;
	});

	it('finds the procedure by name with a GET and lists candidates to pick, without JavaScript', async () => {
		const data = await formLoad(asEvent<L>(fakeEvent('/phan-anh/gui?tim-thu-tuc=khai%20sinh')));
		expect(api.requests.map((r) => r.path)).toContain('/api/v1/search/?q=khai+sinh');
		expect(data.candidates[0]).toEqual({ code: '1.001193', name: 'Đăng ký khai sinh' });
		expect(data.values.kind).toBe('procedure');
		const { body } = page(FormPage, data);
		expect(body).toMatch(/<form method="GET"[^>]*>[\s\S]*name="tim-thu-tuc"[^>]*value="khai sinh"/);
		expect(body).toMatch(/type="radio" id="f-procedure" name="procedure" value="1.001193"/);
		expect(body).toContain('Đăng ký khai sinh');
		expect(body).toContain('id="f-procedure-none"');
		// The agencies, by name, to pick instead.
		expect(body).toMatch(/<select id="f-agency" name="agency"[\s\S]*value="7"[^>]*>Sở Tư pháp/);
		api.requests.length = 0;
	});

	it('says when nothing was found and keeps the code field', async () => {
		const data = await formLoad(asEvent<L>(fakeEvent('/phan-anh/gui?tim-thu-tuc=kh%C3%B4ng%20c%C3%B3')));
		const { body } = page(FormPage, data);
		expect(body).toContain('Không tìm thấy thủ tục nào cho “không có”');
		expect(body).toMatch(/<input id="f-procedure" name="procedure"/);
		api.requests.length = 0;
	});

	it('sends the agency picked from the list', async () => {
		const chosen = { ...VALID, kind: 'conduct', procedure: '', agency: '7', idempotency_key: '6b7c2d0e-1f3a-4b5c-9d8e-7f6a5b4c3d2f' };
		const result = await submit(post('/phan-anh/gui', chosen));
		expect(isRedirect(result)).toBe(true);
		const req = api.requests.find((r) => r.method === 'POST')!;
		expect(req.body).toContain('name="agency"\r\n\r\n7');
		expect(req.body).not.toContain('name="procedure"');
		api.requests.length = 0;
	});

	it('posts multipart with the Idempotency-Key and redirects to the tracking code; a double submit gives the same code', async () => {
		const first = await submit(post('/phan-anh/gui', VALID, [new File(['%PDF-1.4'], 'don.pdf', { type: 'application/pdf' })]));
		expect(isRedirect(first)).toBe(true);
		const location = (first as { location: string }).location;
		expect(location).toMatch(/^\/phan-anh\/da-gui\?ma=PAKN-2026-\d{6}$/);
		const req = api.requests[0]!;
		expect(req.method).toBe('POST');
		expect(req.headers['idempotency-key']).toBe(VALID.idempotency_key);
		expect(req.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		for (const part of ['name="kind"\r\n\r\nprocedure', 'name="procedure"\r\n\r\n2.000281', 'name="consent_publish"\r\n\r\ntrue', 'name="website"\r\n\r\n', 'filename="don.pdf"']) {
			expect(req.body).toContain(part);
		}
		const again = await submit(post('/phan-anh/gui', VALID));
		expect((again as { location: string }).location).toBe(location);
	});

	it('keeps the values and shows each field’s error on a 400', async () => {
		const result = await submit(post('/phan-anh/gui', { ...VALID, phone: '123' }));
		expect(isActionFailure(result)).toBe(true);
		const failure = result as { status: number; data: { values: typeof VALID; errors: Record<string, string[]> } };
		expect(failure.status).toBe(400);
		expect(failure.data.values).toMatchObject({ title: VALID.title, phone: '123', consent_publish: true, idempotency_key: VALID.idempotency_key });
		expect(failure.data.errors).toEqual({
			phone: ['Số điện thoại không hợp lệ (ví dụ 0912 345 678).'],
			attachments: ['Tệp không đúng định dạng.']
		});
		const { body } = page(
			FormPage,
			{ values: failure.data.values, searched: '', candidates: [], searchFailed: false, agencies: [] },
			failure.data
		);
		expect(body).toMatch(/class="error-summary[^"]*" role="alert" tabindex="-1" autofocus/);
		expect(body).toContain('href="#f-phone"');
		expect(body).toMatch(/id="f-phone"[^>]*aria-describedby="f-phone-hint f-phone-error"|aria-describedby="f-phone-hint f-phone-error"[^>]*id="f-phone"/);
		expect(body).toContain('id="f-phone-error"');
		expect(body).toContain('value="Chậm trả kết quả"');
	});

	it('refuses files of the wrong type, too big or too many before calling the API', async () => {
		const exe = new File(['MZ'], 'virus.exe', { type: 'application/octet-stream' });
		const big = new File([new Uint8Array(5 * 1024 * 1024 + 1)], 'scan.png', { type: 'image/png' });
		const result = (await submit(post('/phan-anh/gui', VALID, [exe, big]))) as { status: number; data: { errors: Record<string, string[]> } };
		expect(result.status).toBe(400);
		expect(result.data.errors.attachments).toEqual([
			'Tệp “virus.exe” không phải PDF, JPEG hoặc PNG.',
			'Tệp “scan.png” lớn hơn 5 MB.'
		]);
		const four = Array.from({ length: 4 }, (_, i) => new File(['%PDF'], `${i}.pdf`, { type: 'application/pdf' }));
		const many = (await submit(post('/phan-anh/gui', VALID, four))) as { data: { errors: Record<string, string[]> } };
		expect(many.data.errors.attachments).toEqual(['Tối đa 3 tệp đính kèm.']);
		expect(api.requests).toHaveLength(0);
	});

	it('says when to try again on a 429', async () => {
		const result = (await submit(post('/phan-anh/gui', { ...VALID, title: 'Quá nhiều' }))) as { status: number; data: { message: string } };
		expect(result.status).toBe(429);
		expect(result.data.message).toBe('Bạn đã gửi quá nhiều lần. Vui lòng thử lại sau khoảng 37 giây.');
	});

	it('keeps the form when the API is down', async () => {
		vi.spyOn(console, 'error').mockImplementation(() => {});
		env.PORTAL_API_URL = 'http://127.0.0.1:9';
		const result = (await submit(post('/phan-anh/gui', VALID))) as { status: number; data: { values: { name: string } } };
		expect(result.status).toBe(503);
		expect(result.data.values.name).toBe(VALID.name);
	});
});

describe('sent page', () => {
	type L = Parameters<typeof sentLoad>[0];
	it('shows the tracking code big, with a link to track it', () => {
		const data = sentLoad(asEvent<L>(fakeEvent(`/phan-anh/da-gui?ma=${CODE}`)));
		expect(data.code).toBe(CODE);
		const { body } = page(SentPage, data);
		expect(body).toMatch(/<p class="code[^"]*">\s*<span aria-hidden="true"[^>]*>PAKN-2026-000123<\/span>/);
		expect(body).toContain('P A K N, 2 0 2 6, 0 0 0 1 2 3');
		expect(body).toContain(`href="/phan-anh/tra-cuu?ma=${CODE}"`);
		expect(sentLoad(asEvent<L>(fakeEvent('/phan-anh/da-gui?ma=<x>'))).code).toBeNull();
	});
});

describe('tracking page', () => {
	type L = Parameters<typeof trackLoad>[0];
	const track = (path: string) => trackLoad(asEvent<L>(fakeEvent(path)));

	it('shows status, dates, deadlines and the published answer', async () => {
		const data = await track(`/phan-anh/tra-cuu?ma=${CODE}`);
		expect(data.petition).toEqual(STATUS);
		expect(api.requests.map((r) => r.path)).toEqual([`/api/v1/petitions/${CODE}/`]);
		const { body } = page(TrackPage, data);
		expect(body).toContain('Đã công khai trả lời');
		expect(body).toContain('còn 3 ngày làm việc');
		expect(body).toContain('đã xong, đúng hạn');
		expect(body).toContain('Đã trả kết quả ngày 09/11.');
	});

	it('explains an unknown code, and an impossible one without asking the API', async () => {
		const unknown = await track('/phan-anh/tra-cuu?ma=PAKN-0000-000000');
		expect(unknown).toMatchObject({ notFound: true, petition: null });
		expect(page(TrackPage, unknown).body).toContain('Không tìm thấy phản ánh có mã “PAKN-0000-000000”');
		api.requests.length = 0;
		expect(await track('/phan-anh/tra-cuu?ma=a/b')).toMatchObject({ invalid: true });
		expect(await track('/phan-anh/tra-cuu')).toMatchObject({ petition: null, notFound: false });
		expect(api.requests).toHaveLength(0);
	});
});

describe('answered petitions list', () => {
	type L = Parameters<typeof listLoad>[0];
	type A = Parameters<typeof listActions.react>[0];

	it('lists a page of answered petitions with like and dislike forms', async () => {
		const data = await listLoad(asEvent<L>(fakeEvent('/phan-anh?page=2')));
		expect(api.requests.map((r) => r.path)).toEqual(['/api/v1/petitions/?page=2&page_size=20']);
		const { body } = page(ListPage, data);
		expect(body).toContain('action="?/react"');
		expect(body).toContain('Hữu ích (4)');
		// 21 answered: two pages, linked plainly.
		expect(body).toContain('href="/phan-anh"');
	});

	it('answers 404 for a page past the end', async () => {
		try {
			await listLoad(asEvent<L>(fakeEvent('/phan-anh?page=9')));
			throw new Error('expected a 404');
		} catch (err) {
			expect(isHttpError(err) && err.status).toBe(404);
		}
	});

	it('keeps the reader id the API signed on the first vote, and sends it after', async () => {
		const event = post('/phan-anh?/react', { code: CODE, value: 'like' });
		const result = (await listActions.react(asEvent<A>(event))) as { likes: number; message: string };
		expect(result).toMatchObject({ code: CODE, likes: 5, message: 'Cảm ơn bạn đã đánh giá.' });
		expect(result).not.toHaveProperty('reader');
		expect(JSON.parse(api.requests[0]!.body)).toEqual({ value: 'like' });
		expect(api.requests[0]!.headers['content-type']).toBe('application/json');
		const [name, id, options] = event.cookies.set_calls[0]!;
		expect([name, id]).toEqual(['pakn_reader', 'abc123:signed']);
		expect(options).toMatchObject({ httpOnly: true, path: '/phan-anh' });

		const next = post('/phan-anh?/react', { code: CODE, value: 'like' }, [], { pakn_reader: id });
		await listActions.react(asEvent<A>(next));
		expect(JSON.parse(api.requests[1]!.body)).toEqual({ value: 'like', reader: 'abc123:signed' });
	});

	it('drops a reader id the API refuses (changed by hand)', async () => {
		const event = post('/phan-anh?/react', { code: CODE, value: 'like' }, [], { pakn_reader: 'changed:by-hand' });
		const deleted: string[] = [];
		(event.cookies as unknown as { delete: (n: string) => void }).delete = (n) => deleted.push(n);
		const result = (await listActions.react(asEvent<A>(event))) as { status: number };
		expect(result.status).toBe(400);
		expect(deleted).toEqual(['pakn_reader']);
	});

	it('says so when the reader has already voted, and refuses bad input', async () => {
		const voted = post('/phan-anh?/react', { code: CODE, value: 'dislike' }, [], { pakn_reader: 'already-voted' });
		const result = (await listActions.react(asEvent<A>(voted))) as { status: number; data: { message: string } };
		expect(result.status).toBe(409);
		expect(result.data.message).toBe('Bạn đã đánh giá câu trả lời này.');
		const bad = (await listActions.react(asEvent<A>(post('/phan-anh?/react', { code: CODE, value: 'love' })))) as { status: number };
		expect(bad.status).toBe(400);
	});
});
