import { env } from '$env/dynamic/private';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { refusedUrl, sendJson, startStubApi, type StubApi } from '../../test/stub-api';
import {
	ApiError,
	apiBaseUrl,
	apiGet,
	apiGetFile,
	DEFAULT_API_URL,
	forgetRevalidated
} from './api';

const SUMMARY = {
	name: 'Cổng dịch vụ hành chính công',
	counts: { procedures: 123, fields: 10, agencies: 20, petitions: 0 }
};

const fieldsAt = (name: string) => [
	{ id: 1, name, name_en: '', slug: 'ho-tich', description: '', procedure_count: 3 }
];
// What the stub's catalogue holds now: its ETag changes with it, as the API's does.
let catalogue = { etag: '"v1"', fields: fieldsAt('Hộ tịch') };

let api: StubApi;
const savedApiUrl = env.PORTAL_API_URL;

beforeAll(async () => {
	api = await startStubApi({
		'/api/v1/summary/': (res) => sendJson(res, 200, SUMMARY),
		'/api/v1/fields/': (res, _url, request) => {
			res.setHeader('etag', catalogue.etag);
			if (request.headers['if-none-match'] === catalogue.etag) {
				res.writeHead(304);
				res.end();
				return;
			}
			sendJson(res, 200, catalogue.fields);
		},
		'/api/v1/bad-request/': (res) =>
			sendJson(
				res,
				400,
				{
					type: 'about:blank',
					title: 'Dữ liệu không hợp lệ',
					status: 400,
					detail: 'Trường "code" là bắt buộc.'
				},
				'application/problem+json'
			),
		'/api/v1/crash/': (res) => {
			res.writeHead(500, { 'content-type': 'text/html' });
			res.end('<h1>Server Error (500)</h1>');
		},
		'/api/v1/not-json/': (res) => {
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('<html>proxy login page</html>');
		},
		// Never answers: only the client's timeout ends the request.
		'/api/v1/slow/': () => {},
		'/api/v1/receipt.pdf': (res) => {
			res.writeHead(200, { 'content-type': 'application/pdf' });
			res.end(Buffer.from('%PDF-1.3\n%\xe2\xe3\n', 'latin1'));
		},
		'/api/v1/unknown.pdf': (res) =>
			sendJson(
				res,
				404,
				{ type: 'about:blank', title: 'Không tìm thấy.', status: 404 },
				'application/problem+json'
			),
		// Answers, then stops half-way through the body.
		'/api/v1/stalled-body/': (res) => {
			res.writeHead(200, { 'content-type': 'application/json' });
			res.write('{"name": "Cổng');
		}
	});
});

afterAll(() => api.close());

afterEach(() => {
	env.PORTAL_API_URL = savedApiUrl;
	api.requests.length = 0;
});

describe('apiBaseUrl', () => {
	it('defaults to the local Django server when PORTAL_API_URL is unset', () => {
		delete env.PORTAL_API_URL;
		expect(apiBaseUrl()).toBe(DEFAULT_API_URL);
		expect(DEFAULT_API_URL).toBe('http://127.0.0.1:8000');
	});

	it('reads PORTAL_API_URL at call time and drops trailing slashes', () => {
		env.PORTAL_API_URL = 'https://api.example.gov.vn/';
		expect(apiBaseUrl()).toBe('https://api.example.gov.vn');
	});
});

describe('apiGet', () => {
	it('returns the JSON body from the server named by PORTAL_API_URL', async () => {
		env.PORTAL_API_URL = api.url;
		const summary = await apiGet<typeof SUMMARY>('/api/v1/summary/');
		expect(summary).toEqual(SUMMARY);
		expect(api.requests).toHaveLength(1);
		expect(api.requests[0]?.path).toBe('/api/v1/summary/');
	});

	it('keeps a path prefix in the base URL', async () => {
		env.PORTAL_API_URL = `${api.url}/api/`;
		// The prefix is kept, so this reaches /api/v1/summary/ on the stub.
		await expect(apiGet('/v1/summary/')).resolves.toEqual(SUMMARY);
	});

	it('asks for JSON in Vietnamese unless told another language', async () => {
		env.PORTAL_API_URL = api.url;
		await apiGet('/api/v1/summary/');
		await apiGet('/api/v1/summary/', { lang: 'en' });
		expect(api.requests.map((r) => r.headers['accept'])).toEqual([
			'application/json',
			'application/json'
		]);
		expect(api.requests.map((r) => r.headers['accept-language'])).toEqual(['vi', 'en']);
	});

	it("uses the fetch it is given (SvelteKit's event.fetch)", async () => {
		env.PORTAL_API_URL = api.url;
		const seen: string[] = [];
		const eventFetch: typeof fetch = (input, init) => {
			seen.push(input instanceof Request ? input.url : String(input));
			return fetch(input, init);
		};
		await apiGet('/api/v1/summary/', { fetch: eventFetch });
		expect(seen).toEqual([`${api.url}/api/v1/summary/`]);
	});

	it('turns a problem+json answer into an ApiError with its title and detail', async () => {
		env.PORTAL_API_URL = api.url;
		const err = await apiGet('/api/v1/bad-request/').catch((e: unknown) => e);
		expect(err).toBeInstanceOf(ApiError);
		expect(err).toMatchObject({
			status: 400,
			kind: 'http',
			title: 'Dữ liệu không hợp lệ',
			detail: 'Trường "code" là bắt buộc.',
			url: `${api.url}/api/v1/bad-request/`,
			unavailable: false
		});
	});

	it('turns a non-JSON error page into an ApiError with the status only', async () => {
		env.PORTAL_API_URL = api.url;
		const err = await apiGet('/api/v1/crash/').catch((e: unknown) => e);
		expect(err).toBeInstanceOf(ApiError);
		expect(err).toMatchObject({ status: 500, kind: 'http', title: undefined, unavailable: true });
	});

	it('reports a 404 from the API as such', async () => {
		env.PORTAL_API_URL = api.url;
		await expect(apiGet('/api/v1/missing/')).rejects.toMatchObject({
			status: 404,
			title: 'Not found'
		});
	});

	it('turns a refused connection into a 503 ApiError', async () => {
		env.PORTAL_API_URL = await refusedUrl();
		const err = await apiGet('/api/v1/summary/').catch((e: unknown) => e);
		expect(err).toBeInstanceOf(ApiError);
		expect(err).toMatchObject({ status: 503, kind: 'network', unavailable: true });
	});

	it('gives up after the timeout with a 504 ApiError', async () => {
		env.PORTAL_API_URL = api.url;
		const started = performance.now();
		const err = await apiGet('/api/v1/slow/', { timeoutMs: 300 }).catch((e: unknown) => e);
		const elapsed = performance.now() - started;
		expect(err).toBeInstanceOf(ApiError);
		expect(err).toMatchObject({ status: 504, kind: 'timeout', unavailable: true });
		expect(elapsed).toBeGreaterThanOrEqual(250);
		expect(elapsed).toBeLessThan(3_000);
	});

	it('also times out when the body stops half-way', async () => {
		env.PORTAL_API_URL = api.url;
		await expect(apiGet('/api/v1/stalled-body/', { timeoutMs: 300 })).rejects.toMatchObject({
			status: 504,
			kind: 'timeout'
		});
	});

	it('keeps to the timeout when the fetch it is given re-wraps the request', async () => {
		// SvelteKit's event.fetch (and any handleFetch hook) may build a new Request from
		// ours. Undici links the two signals through weak references, so once the garbage
		// collector runs, a signal passed only by reference can stop reaching the socket.
		env.PORTAL_API_URL = api.url;
		const rewrapping: typeof fetch = (input, init) => fetch(new Request(input, init));
		setFlagsFromString('--expose-gc');
		const gc = runInNewContext('gc') as () => void;
		const collecting = setInterval(gc, 20);
		try {
			const started = performance.now();
			const err = await apiGet('/api/v1/slow/', { fetch: rewrapping, timeoutMs: 300 }).catch(
				(e: unknown) => e
			);
			expect(err).toMatchObject({ status: 504, kind: 'timeout' });
			expect(performance.now() - started).toBeLessThan(3_000);
		} finally {
			clearInterval(collecting);
		}
	});

	it('turns a 2xx answer that is not JSON into a 502 ApiError', async () => {
		env.PORTAL_API_URL = api.url;
		await expect(apiGet('/api/v1/not-json/')).rejects.toMatchObject({
			status: 502,
			kind: 'invalid-response'
		});
	});

	it('refuses a path without a leading slash', async () => {
		await expect(apiGet('api/v1/summary/')).rejects.toThrow(TypeError);
	});
});

describe('apiGet revalidation', () => {
	it("asks again with the ETag and reuses its copy on the API's 304", async () => {
		env.PORTAL_API_URL = api.url;
		forgetRevalidated();
		catalogue = { etag: '"v1"', fields: fieldsAt('Hộ tịch') };

		const first = await apiGet<{ name: string }[]>('/api/v1/fields/');
		const [entry] = first;
		expect(entry).toBeDefined();
		if (entry) entry.name = 'changed by a page';
		const second = await apiGet<{ name: string }[]>('/api/v1/fields/');

		expect(second).toEqual(fieldsAt('Hộ tịch'));
		expect(api.requests.map((r) => r.headers['if-none-match'])).toEqual([undefined, '"v1"']);

		// An edit: a new ETag, so the API answers 200 with the new body.
		catalogue = { etag: '"v2"', fields: fieldsAt('Hộ tịch (mới)') };
		expect(await apiGet('/api/v1/fields/')).toEqual(fieldsAt('Hộ tịch (mới)'));
		expect(await apiGet('/api/v1/fields/')).toEqual(fieldsAt('Hộ tịch (mới)'));
		expect(api.requests.at(-1)?.headers['if-none-match']).toBe('"v2"');
	});

	it('keeps one copy a language', async () => {
		env.PORTAL_API_URL = api.url;
		forgetRevalidated();
		await apiGet('/api/v1/fields/');
		await apiGet('/api/v1/fields/', { lang: 'en' });
		expect(api.requests.map((r) => r.headers['if-none-match'])).toEqual([undefined, undefined]);
	});
});

describe('apiGetFile', () => {
	it('returns the bytes of a file of the type asked for', async () => {
		env.PORTAL_API_URL = api.url;
		const file = await apiGetFile('/api/v1/receipt.pdf', 'application/pdf');
		expect(file.contentType).toBe('application/pdf');
		expect(Buffer.from(file.body).toString('latin1')).toBe('%PDF-1.3\n%\xe2\xe3\n');
		expect(api.requests.at(-1)?.headers.accept).toBe('application/pdf, application/json;q=0.5');
	});

	it("reads the API's problem+json errors as apiGet does", async () => {
		env.PORTAL_API_URL = api.url;
		await expect(apiGetFile('/api/v1/unknown.pdf', 'application/pdf')).rejects.toMatchObject({
			status: 404,
			kind: 'http',
			title: 'Không tìm thấy.'
		});
	});

	it('turns an answer of another type into a 502 ApiError', async () => {
		env.PORTAL_API_URL = api.url;
		await expect(apiGetFile('/api/v1/summary/', 'application/pdf')).rejects.toMatchObject({
			status: 502,
			kind: 'invalid-response'
		});
	});
});
