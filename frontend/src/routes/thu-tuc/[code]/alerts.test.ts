/**
 * The change history and "follow this procedure" on the procedure page, and the
 * same follow form on a field's and an agency's page, against the stub API.
 */
import { env } from '$env/dynamic/private';
import { describe, expect, it, vi } from 'vitest';
import type { ProcedureHistory } from '$lib/types';
import { fakeEvent } from '../../../test/event';
import { AGENCY, DETAIL, FIELDS, HO_TICH } from '../../../test/fixtures';
import { postEvent, problem, renderPage, runAction, runLoad, textOf } from '../../../test/pages';
import { sendJson, useStubApi, type RecordedRequest } from '../../../test/stub-api';
import * as agencyPage from '../../co-quan/[id]/+page.server';
import AgencyPage from '../../co-quan/[id]/+page.svelte';
import { GET as agencyFeed } from '../../co-quan/[id]/thay-doi.atom/+server';
import * as fieldPage from '../../linh-vuc/[slug]/+page.server';
import FieldPage from '../../linh-vuc/[slug]/+page.svelte';
import { actions, load } from './+page.server';
import Page from './+page.svelte';
import { GET as procedureFeed } from './thay-doi.atom/+server';

const CODE = DETAIL.code;
const params = { code: CODE };

const HISTORY: ProcedureHistory = {
	procedure: CODE,
	feed_url: `/alerts/feeds/procedure/${CODE}.atom`,
	history: [
		{
			id: 12,
			published_at: '2026-07-01T08:30:00+07:00',
			changes: [
				{
					part: 'fees',
					before: 'lệ phí 50.000 đ',
					after: 'lệ phí miễn phí',
					text: 'lệ phí 50.000 đ → miễn phí'
				}
			]
		},
		{
			id: 7,
			published_at: '2026-03-15T10:00:00+07:00',
			changes: [
				{
					part: 'times',
					before: '5 ngày làm việc',
					after: '3 ngày làm việc',
					text: 'thời hạn 5 ngày làm việc → 3 ngày làm việc'
				},
				{ part: 'documents', before: null, after: 'Tờ khai', text: 'thêm giấy tờ: Tờ khai' }
			]
		}
	]
};

const FEED = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Thay đổi của thủ tục ${CODE}</title></feed>`;

/** The follow API as the real one answers: 202, or a 400 for an address it refuses. */
function follows(res: Parameters<typeof sendJson>[0], _url: URL, req: RecordedRequest) {
	const body = JSON.parse(req.body) as { email: string; procedure?: string };
	if (body.email.endsWith('@bad.example')) {
		return problem(res, 400, { errors: { email: ['Địa chỉ thư điện tử không hợp lệ.'] } });
	}
	if (body.email === 'nhieu@example.com') {
		res.setHeader('retry-after', '120');
		return problem(res, 429, { detail: 'Quá nhiều yêu cầu.' });
	}
	if (body.procedure && body.procedure !== CODE) {
		return problem(res, 400, { errors: { procedure: ['Không có thủ tục mã “x”.'] } });
	}
	sendJson(res, 202, { detail: 'Đã gửi thư xác nhận.' });
}

const api = useStubApi({
	[`/api/v1/procedures/${CODE}/`]: (res) => sendJson(res, 200, DETAIL),
	[`/api/v1/procedures/${CODE}/changes/`]: (res) => sendJson(res, 200, HISTORY),
	'/api/v1/alerts/follows/': follows,
	[`/alerts/feeds/procedure/${CODE}.atom`]: (res) => {
		res.writeHead(200, { 'content-type': 'application/atom+xml; charset=utf-8' });
		res.end(FEED);
	},
	'/api/v1/fields/ho-tich/': (res) => sendJson(res, 200, FIELDS[0]),
	'/api/v1/agencies/2/': (res) => sendJson(res, 200, AGENCY),
	'/api/v1/agencies/2/local-procedures/': (res) => sendJson(res, 200, []),
	'/api/v1/procedures/': (res) =>
		sendJson(res, 200, { count: 1, next: null, previous: null, results: HO_TICH.slice(0, 1) })
});

type Data = Awaited<ReturnType<typeof load>>;

/** What a sighted reader sees: tags dropped without adding spaces, screen-reader-only words left out. */
const seen = (html: string) =>
	html
		.replace(/<span class="visually-hidden">[^<]*<\/span>/g, '')
		.replace(/<!--.*?-->/gs, '')
		.replace(/<[^>]+>/g, '')
		.replace(/\s+/g, ' ');

async function procedurePage(path = `/thu-tuc/${CODE}`, form?: unknown, lang: 'vi' | 'en' = 'vi') {
	const data = (await runLoad(load, fakeEvent(path, { params, lang }))) as Data;
	return renderPage(Page, data, form, lang);
}

describe('change history on the procedure page', () => {
	it('lists each published change, dated, newest first, with anchors for the feed', async () => {
		const { body } = await procedurePage();
		const history = body.slice(body.indexOf('id="lich-su-thay-doi"'));
		const text = seen(history);
		expect(text).toContain('Lịch sử thay đổi');
		expect(text).toContain('Từ 01/07/2026: lệ phí 50.000 đ → miễn phí');
		expect(text.indexOf('Từ 01/07/2026')).toBeLessThan(text.indexOf('Từ 15/03/2026'));
		expect(text).toContain('Từ 15/03/2026: thời hạn 5 ngày làm việc → 3 ngày làm việc thêm giấy tờ: Tờ khai');
		expect(history).toContain('id="lich-su-thay-doi-12"');
		expect(history).toMatch(/<time datetime="2026-07-01T08:30:00\+07:00"[^>]*>Từ 01\/07\/2026<\/time>/);
		// The arrow is shown, and read as a word.
		expect(history.replace(/<!--.*?-->/g, '')).toContain(
			'50.000 đ <span aria-hidden="true">→</span><span class="visually-hidden">thành</span> miễn phí'
		);
		// In the table of contents.
		expect(body).toContain('href="#lich-su-thay-doi"');
	});

	it('says so when nothing changed, and when the history could not be read', async () => {
		const none = { ...HISTORY, history: [] };
		const data = (await runLoad(load, fakeEvent(`/thu-tuc/${CODE}`, { params }))) as Data;
		expect(textOf(renderPage(Page, { ...data, history: none }).body)).toContain(
			'Chưa có thay đổi nào được công bố'
		);
		expect(textOf(renderPage(Page, { ...data, history: null }).body)).toContain(
			'Chưa tải được lịch sử thay đổi'
		);
	});

	it('says in English what part each change is, the change itself kept in Vietnamese', async () => {
		const { body } = await procedurePage(`/thu-tuc/${CODE}`, undefined, 'en');
		const text = seen(body);
		expect(text).toContain('Change history');
		expect(text).toContain('From 01/07/2026: Fees: lệ phí 50.000 đ → miễn phí');
		expect(text).toContain('Follow this procedure');
		expect(body).toMatch(/<span lang="vi">(<!--[^>]*>|\s)*lệ phí 50.000 đ/);
	});

	it('offers its Atom feed, in the head and as a link, from this site', async () => {
		const { head, body } = await procedurePage();
		expect(head).toMatch(
			new RegExp(`<link rel="alternate" type="application/atom\\+xml" title="Thay đổi: [^"]+" href="/thu-tuc/${CODE}/thay-doi.atom"`)
		);
		expect(body).toContain(`href="/thu-tuc/${CODE}/thay-doi.atom" type="application/atom+xml"`);

		const response = await procedureFeed(fakeEvent(`/thu-tuc/${CODE}/thay-doi.atom`, { params }) as never);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
		expect(await response.text()).toBe(FEED);

		const missing = await runLoad(agencyFeed as never, fakeEvent('/co-quan/99/thay-doi.atom', { params: { id: '99' } }));
		expect((missing as { status: number }).status).toBe(404);
	});
});

describe('follow this procedure', () => {
	it('is a labelled e-mail field in a form that works without JavaScript', async () => {
		const { body } = await procedurePage();
		const form = body.match(/<form method="POST" action="\?\/follow"[^>]*>.*?<\/form>/s)?.[0] ?? '';
		expect(form).toMatch(/<label for="follow-email">Địa chỉ thư điện tử<\/label>/);
		expect(form).toMatch(/<input type="email" id="follow-email" name="email" autocomplete="email"/);
		expect(form).toContain('aria-describedby="follow-email-hint"');
		expect(form).toMatch(/<button type="submit"[^>]*>Theo dõi<\/button>/);
		expect(body).toMatch(/<h3 id="theo-doi-heading">Theo dõi thủ tục(<!---->)?<\/h3>/);
	});

	it('posts the address and comes back to "check your e-mail"', async () => {
		const result = await runAction(
			actions.follow,
			postEvent(`/thu-tuc/${CODE}?/follow`, { email: '  An@Example.com ' }, [], { params })
		);
		expect((result as { status: number; location: string }).location).toBe(
			`/thu-tuc/${CODE}?theo-doi=da-gui#theo-doi`
		);
		expect(JSON.parse(api.requests.at(-1)!.body)).toEqual({ email: 'An@Example.com', procedure: CODE });

		const { body } = await procedurePage(`/thu-tuc/${CODE}?theo-doi=da-gui`);
		const sent = body.match(/<div class="follow-sent[^"]*" role="status"[^>]*>.*?<\/div>/s)?.[0] ?? '';
		expect(textOf(sent)).toContain('Hãy kiểm tra hộp thư của bạn');
		expect(textOf(sent)).toContain('Mở thư và bấm liên kết trong thư để bắt đầu nhận tin.');
		expect(body).not.toContain('action="?/follow');
	});

	it('refuses an empty or malformed address without calling the API, and says why', async () => {
		for (const [email, message] of [
			['', 'Hãy nhập địa chỉ thư điện tử.'],
			['không phải địa chỉ', 'Địa chỉ thư điện tử chưa đúng, ví dụ: ten@example.com.']
		] as const) {
			const result = (await runAction(actions.follow, postEvent(`/thu-tuc/${CODE}?/follow`, { email }, [], { params }))) as {
				status: number;
				data: unknown;
			};
			expect(result.status).toBe(400);
			const { body } = await procedurePage(`/thu-tuc/${CODE}`, result.data);
			expect(body).toMatch(new RegExp(`<p class="f-error[^"]*" id="follow-email-error">${message.replace(/[.?]/g, '\\$&')}</p>`));
			expect(body).toMatch(/aria-describedby="follow-email-hint follow-email-error" aria-invalid="true" autofocus/);
			expect(body).toContain(`value="${email}"`);
		}
		expect(api.requests.filter((r) => r.path === '/api/v1/alerts/follows/')).toHaveLength(0);
	});

	it("shows the API's refusal, too many attempts, and the API being down", async () => {
		const post = async (email: string) =>
			(await runAction(actions.follow, postEvent(`/thu-tuc/${CODE}?/follow`, { email }, [], { params }))) as {
				status: number;
				data: { follow: { errors: { email?: string[] }; message?: string } };
			};
		const refused = await post('an@bad.example');
		expect(refused.status).toBe(400);
		expect(refused.data.follow.errors.email).toEqual(['Địa chỉ thư điện tử không hợp lệ.']);

		const many = await post('nhieu@example.com');
		expect(many.status).toBe(429);
		const { body } = await procedurePage(`/thu-tuc/${CODE}`, many.data);
		expect(textOf(body)).toMatch(/Bạn đã đăng ký quá nhiều lần. Vui lòng thử lại sau khoảng 2 phút/);
		expect(body).toMatch(/<p class="f-error[^"]*" role="alert"/);

		vi.spyOn(console, 'error').mockImplementation(() => {});
		env.PORTAL_API_URL = 'http://127.0.0.1:9';
		const down = await post('an@example.com');
		env.PORTAL_API_URL = api.url;
		expect(down.status).toBe(503);
		expect(down.data.follow.message).toBe('Chưa đăng ký được. Vui lòng thử lại sau ít phút.');
	});
});

describe('follow a field or an agency', () => {
	it('offers the form and the feed on a field page, and posts the field', async () => {
		const event = fakeEvent('/linh-vuc/ho-tich', { params: { slug: 'ho-tich' } });
		const data = (await runLoad(fieldPage.load, event)) as Record<string, unknown>;
		const { head, body } = renderPage(FieldPage, data);
		expect(head).toContain('type="application/atom+xml" title="Thay đổi: Hộ tịch" href="/linh-vuc/ho-tich/thay-doi.atom"');
		expect(body).toMatch(/<h2 id="theo-doi-heading">Theo dõi lĩnh vực(<!---->)?<\/h2>/);
		expect(body).toContain('action="?/follow"');

		const result = await runAction(
			fieldPage.actions.follow,
			postEvent('/linh-vuc/ho-tich?/follow', { email: 'an@example.com' }, [], { params: { slug: 'ho-tich' } })
		);
		expect((result as { location: string }).location).toBe('/linh-vuc/ho-tich?theo-doi=da-gui#theo-doi');
		expect(JSON.parse(api.requests.at(-1)!.body)).toEqual({ email: 'an@example.com', field: 'ho-tich' });
	});

	it('offers the form on an agency page, in English too, and posts the agency', async () => {
		const event = fakeEvent('/co-quan/2?theo-doi=da-gui', { params: { id: '2' }, lang: 'en' });
		const data = (await runLoad(agencyPage.load, event)) as Record<string, unknown>;
		const { head, body } = renderPage(AgencyPage, data, undefined, 'en');
		expect(head).toContain('href="/co-quan/2/thay-doi.atom"');
		expect(textOf(body)).toContain('Follow this agency Check your e-mail');

		const result = await runAction(
			agencyPage.actions.follow,
			postEvent('/co-quan/2?/follow', { email: 'an@example.com' }, [], { params: { id: '2' } })
		);
		expect((result as { location: string }).location).toBe('/co-quan/2?theo-doi=da-gui#theo-doi');
		expect(JSON.parse(api.requests.at(-1)!.body)).toEqual({ email: 'an@example.com', agency: 2 });
	});
});
