/** "Was this page useful?" on the procedure page, against the stub API. */
import { env } from '$env/dynamic/private';
import { describe, expect, it, vi } from 'vitest';
import { fakeEvent } from '../../../test/event';
import { DETAIL } from '../../../test/fixtures';
import { postEvent, problem, renderPage, runAction, runLoad, textOf } from '../../../test/pages';
import { sendJson, useStubApi } from '../../../test/stub-api';
import { actions, load } from './+page.server';
import Page from './+page.svelte';

const CODE = DETAIL.code;
const api = useStubApi({
	[`/api/v1/procedures/${CODE}/`]: (res) => sendJson(res, 200, DETAIL),
	'/api/v1/satisfaction/page-feedback/': (res, _url, req) => {
		const body = JSON.parse(req.body) as { procedure: string };
		if (body.procedure !== CODE) return problem(res, 400, { errors: { procedure: ['Không có thủ tục này.'] } });
		sendJson(res, 201, { id: 1, created_at: '2026-04-20T08:00:00+07:00' });
	}
});

type Data = Awaited<ReturnType<typeof load>>;
const params = { code: CODE };

describe('was this page useful?', () => {
	it('offers yes and no with an optional comment, without JavaScript', async () => {
		const data = (await runLoad(load, fakeEvent(`/thu-tuc/${CODE}`, { params }))) as Data;
		const { body } = renderPage(Page, data);
		expect(body).toContain('action="?/useful"');
		expect(body).toMatch(/<button[^>]* name="useful" value="true"[^>]*>Có<\/button>/);
		expect(body).toMatch(/<button[^>]* name="useful" value="false"[^>]*>Không<\/button>/);
		expect(body).toMatch(/<label for="useful-comment"[^>]*>/);
		expect(body).toContain(`name="idempotency_key" value="${data.usefulKey}"`);
	});

	it('posts the answer and comes back thanked', async () => {
		const result = await runAction(
			actions.useful,
			postEvent(`/thu-tuc/${CODE}?/useful`, { useful: 'false', comment: '  Thiếu mẫu tờ khai ' }, [], { params })
		);
		expect((result as { location: string }).location).toBe(`/thu-tuc/${CODE}?huu-ich=cam-on#y-kien`);
		expect(JSON.parse(api.requests[0]!.body)).toEqual({ procedure: CODE, useful: false, comment: 'Thiếu mẫu tờ khai' });

		const data = (await runLoad(load, fakeEvent(`/thu-tuc/${CODE}?huu-ich=cam-on`, { params }))) as Data;
		const { body } = renderPage(Page, data);
		expect(textOf(body)).toContain('Cảm ơn bạn đã cho biết.');
		expect(body).not.toContain('action="?/useful"');
	});

	it('refuses a made-up answer without calling the API, and says so when the API fails', async () => {
		const bad = (await runAction(actions.useful, postEvent(`/thu-tuc/${CODE}?/useful`, { useful: 'maybe' }, [], { params }))) as {
			status: number;
		};
		expect(bad.status).toBe(400);
		expect(api.requests).toHaveLength(0);

		vi.spyOn(console, 'error').mockImplementation(() => {});
		env.PORTAL_API_URL = 'http://127.0.0.1:9';
		const down = (await runAction(actions.useful, postEvent(`/thu-tuc/${CODE}?/useful`, { useful: 'true' }, [], { params }))) as {
			status: number;
			data: { usefulFailed: boolean };
		};
		expect(down.status).toBe(503);
		env.PORTAL_API_URL = api.url;
		const data = (await runLoad(load, fakeEvent(`/thu-tuc/${CODE}`, { params }))) as Data;
		const { body } = renderPage(Page, data, down.data);
		expect(body).toMatch(/<p class="useful-failed[^"]*" role="alert">Chưa gửi được ý kiến/);
	});
});
