import { env } from '$env/dynamic/private';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { asEvent, fakeEvent } from '../../../test/event';
import { refusedUrl, sendJson, startStubApi, type StubApi } from '../../../test/stub-api';
import { GET } from './+server';

type Event = Parameters<typeof GET>[0];

let api: StubApi;
const savedApiUrl = env.PORTAL_API_URL;
const many = Array.from({ length: 12 }, (_, i) => ({
	code: `1.${i}`,
	name: `Đăng ký khai sinh ${i}`,
	url: `http://x/thu-tuc/1.${i}`
}));

beforeAll(async () => {
	api = await startStubApi({
		'/api/v1/search/suggest/': (res) => sendJson(res, 200, { suggestions: many })
	});
});
afterAll(() => api.close());
afterEach(() => {
	env.PORTAL_API_URL = savedApiUrl;
	api.requests.length = 0;
	vi.restoreAllMocks();
});

const call = (path: string) => GET(asEvent<Event>(fakeEvent(path)));

describe('GET /tim-kiem/goi-y', () => {
	it('passes the query on and answers at most 8 suggestions with code and name', async () => {
		env.PORTAL_API_URL = api.url;
		const response = await call('/tim-kiem/goi-y?q=%20khai%20sinh%20');
		expect(response.status).toBe(200);
		expect(api.requests[0]?.path).toBe('/api/v1/search/suggest/?q=khai+sinh');
		const body = await response.json();
		expect(body.suggestions).toHaveLength(8);
		expect(body.suggestions[0]).toEqual({ code: '1.0', name: 'Đăng ký khai sinh 0' });
		expect(response.headers.get('cache-control')).toBe('public, max-age=60');
	});

	it('does not ask the API about one letter or a blank', async () => {
		env.PORTAL_API_URL = api.url;
		for (const q of ['k', '%20%20', '']) {
			const response = await call(`/tim-kiem/goi-y?q=${q}`);
			expect(await response.json()).toEqual({ suggestions: [] });
		}
		expect(api.requests).toHaveLength(0);
	});

	it('caps the query at 200 characters', async () => {
		env.PORTAL_API_URL = api.url;
		await call(`/tim-kiem/goi-y?q=${'a'.repeat(300)}`);
		expect(api.requests[0]?.path).toBe(`/api/v1/search/suggest/?q=${'a'.repeat(200)}`);
	});

	it('answers 503 with no suggestions when the API is down', async () => {
		env.PORTAL_API_URL = await refusedUrl();
		vi.spyOn(console, 'error').mockImplementation(() => {});
		const response = await call('/tim-kiem/goi-y?q=khai');
		expect(response.status).toBe(503);
		expect(await response.json()).toEqual({ suggestions: [] });
	});
});
