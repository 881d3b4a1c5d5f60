/** `apiPost` against a real HTTP server: bodies, headers, field errors, Retry-After. */
import { env } from '$env/dynamic/private';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { refusedUrl, sendJson, startStubApi, type StubApi } from '../../test/stub-api';
import { ApiError, apiPost, fieldErrors } from './api';

let api: StubApi;
const saved = env.PORTAL_API_URL;

beforeAll(async () => {
	api = await startStubApi({
		'/api/v1/echo/': (res, _url, req) =>
			sendJson(res, 202, { method: req.method, body: req.body }),
		'/api/v1/invalid/': (res) =>
			sendJson(
				res,
				400,
				{
					type: 'about:blank',
					title: 'Dữ liệu không hợp lệ',
					status: 400,
					detail: "Vui lòng kiểm tra các trường được nêu trong 'errors'.",
					errors: { title: ['Tiêu đề phải có ít nhất 5 ký tự.'], attachments: { '1': ['Tệp lỗi.'] } }
				},
				'application/problem+json'
			),
		'/api/v1/throttled/': (res) => {
			res.writeHead(429, { 'content-type': 'application/problem+json', 'retry-after': '42' });
			res.end(JSON.stringify({ title: 'Quá nhiều yêu cầu', status: 429 }));
		}
	});
});
afterAll(async () => {
	env.PORTAL_API_URL = saved;
	await api.close();
});
beforeEach(() => {
	env.PORTAL_API_URL = api.url;
	api.requests.length = 0;
});

describe('apiPost', () => {
	it('sends an object as JSON with the given headers and returns status and body', async () => {
		const answer = await apiPost<{ method: string; body: string }>(
			'/api/v1/echo/',
			{ value: 'like' },
			{ headers: { 'Idempotency-Key': 'abc-123-def' }, lang: 'en' }
		);
		expect(answer.status).toBe(202);
		expect(answer.data).toEqual({ method: 'POST', body: '{"value":"like"}' });
		const { headers } = api.requests[0]!;
		expect(headers['content-type']).toBe('application/json');
		expect(headers['idempotency-key']).toBe('abc-123-def');
		expect(headers['accept-language']).toBe('en');
	});

	it('sends FormData as multipart', async () => {
		const form = new FormData();
		form.set('title', 'Xin chào');
		await apiPost('/api/v1/echo/', form);
		expect(api.requests[0]!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		expect(api.requests[0]!.body).toContain('name="title"\r\n\r\nXin chào');
	});

	it('gives a 400’s field errors, flattened', async () => {
		const err = await apiPost('/api/v1/invalid/', {}).catch((e: unknown) => e);
		expect(err).toBeInstanceOf(ApiError);
		expect((err as ApiError).status).toBe(400);
		expect((err as ApiError).errors).toEqual({
			title: ['Tiêu đề phải có ít nhất 5 ký tự.'],
			attachments: ['Tệp lỗi.']
		});
	});

	it('gives a 429’s Retry-After in seconds', async () => {
		const err = (await apiPost('/api/v1/throttled/', {}).catch((e: unknown) => e)) as ApiError;
		expect(err.status).toBe(429);
		expect(err.retryAfter).toBe(42);
		expect(err.unavailable).toBe(false);
	});

	it('reports a refused connection as 503', async () => {
		env.PORTAL_API_URL = await refusedUrl();
		const err = (await apiPost('/api/v1/echo/', {}).catch((e: unknown) => e)) as ApiError;
		expect(err.kind).toBe('network');
		expect(err.status).toBe(503);
	});
});

describe('fieldErrors', () => {
	it('ignores anything that is not an object of messages', () => {
		expect(fieldErrors(undefined)).toBeUndefined();
		expect(fieldErrors(['x'])).toBeUndefined();
		expect(fieldErrors({ a: [] })).toBeUndefined();
		expect(fieldErrors({ a: 'x', b: [['y']] })).toEqual({ a: ['x'], b: ['y'] });
	});
});
