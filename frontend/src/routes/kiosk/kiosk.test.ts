/** The counter kiosk (/kiosk) against the stub API. */
import { env } from '$env/dynamic/private';
import { isRedirect } from '@sveltejs/kit';
import { describe, expect, it, vi } from 'vitest';
import { fakeEvent } from '../../test/event';
import { AGENCY } from '../../test/fixtures';
import { postEvent, problem, renderPage, runAction, runLoad, textOf } from '../../test/pages';
import { sendJson, useStubApi } from '../../test/stub-api';
import { actions, load } from './+page.server';
import Page from './+page.svelte';

const CENTRE = { ...AGENCY, id: 7, name: 'Trung tâm Phục vụ hành chính công tỉnh Điện Biên' };
const COUNTERS = [
	{ number: '1', label: 'Quầy 1 – Sở Công Thương', departments: [{ id: 9, name: 'Sở Công Thương tỉnh Điện Biên' }] },
	{ number: '2', label: 'Quầy 2 – Sở Tư pháp', departments: [] }
];

const api = useStubApi({
	'/api/v1/agencies/2/': (res) => sendJson(res, 200, AGENCY),
	'/api/v1/agencies/7/': (res) => sendJson(res, 200, CENTRE),
	'/api/v1/agencies/7/reception/': (res) =>
		sendJson(res, 200, { kind: 'public_administration_centre', kind_label: '', counters: COUNTERS, received_at: [], receives_at: null }),
	'/api/v1/satisfaction/counter-ratings/': (res, _url, req) => {
		const body = JSON.parse(req.body) as { agency: number; level: string };
		if (body.agency !== 2) return problem(res, 400, { errors: { agency: ['Không có cơ quan mã số “9”.'] } });
		sendJson(res, 201, { id: 1, created_at: '2026-04-20T08:00:00+07:00' });
	}
});

type Data = Awaited<ReturnType<typeof load>>;

describe('counter kiosk', () => {
	it('at a centre that lists its counters: the counter’s label, and no counter it lacks', async () => {
		const data = (await runLoad(load, fakeEvent('/kiosk?co-quan=7&quay=1'))) as Data;
		expect(data).toMatchObject({ counter: '1', counterLabel: 'Quầy 1 – Sở Công Thương' });
		expect(textOf(renderPage(Page, data).body)).toContain(`${CENTRE.name} — Quầy 1 – Sở Công Thương`);
		const wrong = (await runLoad(load, fakeEvent('/kiosk?co-quan=7&quay=9'))) as { status: number; body: { message: string } };
		expect(wrong.status).toBe(400);
		expect(wrong.body.message).toContain(`${CENTRE.name} không có quầy “9” (các quầy: 1, 2).`);
		// Without a counter the tablet rates the centre as a whole.
		expect((await runLoad(load, fakeEvent('/kiosk?co-quan=7'))) as Data).toMatchObject({ counter: '', counterLabel: '' });
	});

	it('shows the agency, the counter and three big labelled buttons', async () => {
		const data = (await runLoad(load, fakeEvent('/kiosk?co-quan=2&quay=3'))) as Data;
		expect(data).toMatchObject({ agency: { id: 2, name: AGENCY.name }, counter: '3', thanks: false, home: '/kiosk?co-quan=2&quay=3' });
		const { body, head } = renderPage(Page, data);
		const buttons = [...body.matchAll(/<button class="choice[^"]*" type="submit" name="level" value="(\w+)">/g)].map((m) => m[1]);
		expect(buttons).toEqual(['very_satisfied', 'satisfied', 'dissatisfied']);
		expect(textOf(body)).toContain('Rất hài lòng Hài lòng Không hài lòng');
		expect(textOf(body)).toContain(`${AGENCY.name} — Quầy 3`);
		expect(body).toContain(`name="idempotency_key" value="${data.idempotency_key}"`);
		expect(head).not.toContain('http-equiv="refresh"');
		// no links out of the kiosk
		expect(body).not.toContain('<a ');
	});

	it('posts the rating and comes back with a thank-you that resets itself', async () => {
		const key = '0f8e1d2c-3b4a-4596-8877-665544332211';
		const result = await runAction(actions.default, postEvent('/kiosk?co-quan=2&quay=3', { level: 'dissatisfied', idempotency_key: key }));
		expect(isRedirect(result)).toBe(true);
		expect((result as { location: string }).location).toBe('/kiosk?co-quan=2&quay=3&cam-on=1');
		expect(JSON.parse(api.requests[0]!.body)).toEqual({ agency: 2, level: 'dissatisfied', counter: '3' });
		expect(api.requests[0]!.headers['idempotency-key']).toBe(key);

		const data = (await runLoad(load, fakeEvent('/kiosk?co-quan=2&quay=3&cam-on=1'))) as Data;
		const { body, head } = renderPage(Page, data);
		expect(head).toContain('<noscript><meta http-equiv="refresh" content="6;url=/kiosk?co-quan=2&amp;quay=3"/></noscript>');
		expect(head).toContain('<script src="/kiosk.js" defer=""></script>');
		expect(textOf(body)).toContain('Cảm ơn bạn đã đánh giá! Ý kiến của bạn đã được ghi nhận. Màn hình sẽ trở về sau 6 giây.');
		expect(body).not.toContain('name="level"');
	});

	it('sends no counter the kiosk would not show', async () => {
		const result = await runAction(actions.default, postEvent('/kiosk?co-quan=2&quay=%3Cb%3E', { level: 'satisfied', idempotency_key: 'k-2' }));
		expect((result as { location: string }).location).toBe('/kiosk?co-quan=2&cam-on=1');
		expect(JSON.parse(api.requests[0]!.body)).toEqual({ agency: 2, level: 'satisfied' });
	});

	it('refuses an unknown level without calling the API, and says so when the API fails', async () => {
		const bad = (await runAction(actions.default, postEvent('/kiosk?co-quan=2', { level: 'meh' }))) as { status: number; data: { failed: boolean } };
		expect(bad.status).toBe(400);
		expect(api.requests).toHaveLength(0);
		vi.spyOn(console, 'error').mockImplementation(() => {});
		const refused = (await runAction(actions.default, postEvent('/kiosk?co-quan=9', { level: 'satisfied' }))) as { status: number; data: { failed: boolean } };
		expect(refused.status).toBe(400);
		env.PORTAL_API_URL = 'http://127.0.0.1:9';
		const down = (await runAction(actions.default, postEvent('/kiosk?co-quan=2', { level: 'satisfied' }))) as { status: number; data: { failed: boolean } };
		expect(down.status).toBe(503);
		const data = { agency: { id: 2, name: 'x' }, counter: '', thanks: false, home: '/kiosk?co-quan=2', resetSeconds: 6, idempotency_key: 'k' };
		expect(renderPage(Page, data, down.data).body).toMatch(/<p class="failed[^"]*" role="alert">Chưa ghi nhận được đánh giá/);
	});

	it('explains how to set it up when the agency is missing or unknown', async () => {
		expect(((await runLoad(load, fakeEvent('/kiosk'))) as { status: number }).status).toBe(400);
		const unknown = (await runLoad(load, fakeEvent('/kiosk?co-quan=5'))) as { status: number; body: { message: string } };
		expect(unknown.status).toBe(404);
		expect(unknown.body.message).toContain('Không có cơ quan mã số “5”.');
		vi.spyOn(console, 'error').mockImplementation(() => {});
		env.PORTAL_API_URL = 'http://127.0.0.1:9';
		expect(((await runLoad(load, fakeEvent('/kiosk?co-quan=2'))) as { status: number }).status).toBe(503);
	});
});
