import { env } from '$env/dynamic/private';
import { isHttpError } from '@sveltejs/kit';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { API_UNAVAILABLE_MESSAGE } from '$lib/site';
import { refusedUrl, sendJson, startStubApi, type StubApi } from '../test/stub-api';
import { load } from './+page.server';

type LoadEvent = Parameters<typeof load>[0];

let api: StubApi;
const savedApiUrl = env.PORTAL_API_URL;

/** The parts of SvelteKit's event that the home page's `load` uses. */
function event(headers: Record<string, string> = {}): LoadEvent {
	return {
		fetch,
		setHeaders: (h: Record<string, string>) => Object.assign(headers, h)
	} as unknown as LoadEvent;
}

beforeAll(async () => {
	api = await startStubApi({
		'/api/v1/summary/': (res) =>
			sendJson(res, 200, {
				name: 'Cổng dịch vụ hành chính công',
				counts: { procedures: 123, fields: 10, agencies: 20, petitions: 0 }
			})
	});
});

afterAll(() => api.close());

afterEach(() => {
	env.PORTAL_API_URL = savedApiUrl;
	vi.restoreAllMocks();
});

describe('home page load', () => {
	it('returns the name and live counts from the API', async () => {
		env.PORTAL_API_URL = api.url;
		const data = await load(event());
		expect(data).toEqual({
			summary: {
				name: 'Cổng dịch vụ hành chính công',
				counts: { procedures: 123, fields: 10, agencies: 20, petitions: 0 }
			}
		});
		expect(api.requests.at(-1)?.path).toBe('/api/v1/summary/');
	});

	it('answers 503 with a Vietnamese maintenance message when the API is down', async () => {
		env.PORTAL_API_URL = await refusedUrl();
		vi.spyOn(console, 'error').mockImplementation(() => {});
		const headers: Record<string, string> = {};
		let err: unknown;
		try {
			await load(event(headers));
		} catch (e) {
			err = e;
		}
		expect(isHttpError(err, 503)).toBe(true);
		expect(isHttpError(err) && err.body).toEqual({
			message: API_UNAVAILABLE_MESSAGE,
			apiUnavailable: true
		});
		expect(headers['retry-after']).toBe('120');
	});
});
