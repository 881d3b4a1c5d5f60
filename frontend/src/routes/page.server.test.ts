/** Page loads against a real HTTP server standing in for the API. */
import { env } from '$env/dynamic/private';
import { isHttpError } from '@sveltejs/kit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { API_UNAVAILABLE_MESSAGE } from '$lib/site';
import { asEvent, fakeEvent } from '../test/event';
import { catalogueRoutes, COMPLETION, DETAIL, HO_TICH, SEARCH } from '../test/fixtures';
import { refusedUrl, sendJson, startStubApi, type StubApi } from '../test/stub-api';
import { load as homeLoad } from './+page.server';
import { load as agencyLoad } from './co-quan/[id]/+page.server';
import { load as agenciesLoad } from './co-quan/+page.server';
import { load as fieldLoad } from './linh-vuc/[slug]/+page.server';
import { load as fieldsLoad } from './linh-vuc/+page.server';
import { load as lifeEventLoad } from './su-kien/[slug]/+page.server';
import { load as procedureLoad } from './thu-tuc/[code]/+page.server';
import { load as searchLoad } from './tim-kiem/+page.server';

let api: StubApi;
const savedApiUrl = env.PORTAL_API_URL;

beforeAll(async () => {
	api = await startStubApi({
		...catalogueRoutes(),
		'/api/v1/search/': (res, url) => {
			const q = url.searchParams.get('q');
			if (url.searchParams.getAll('field').includes('khong-co')) {
				sendJson(
					res,
					400,
					{ type: 'about:blank', title: 'Dữ liệu không hợp lệ', status: 400, detail: 'field' },
					'application/problem+json'
				);
			} else if (q === 'crash') {
				res.writeHead(500, { 'content-type': 'text/html' });
				res.end('<h1>500</h1>');
			} else {
				sendJson(res, 200, SEARCH);
			}
		}
	});
});
afterAll(() => api.close());
beforeEach(() => {
	env.PORTAL_API_URL = api.url;
	api.requests.length = 0;
});
afterEach(() => {
	env.PORTAL_API_URL = savedApiUrl;
	vi.restoreAllMocks();
});

/** The HttpError a load threw, or fail. */
async function failure(promise: Promise<unknown> | unknown) {
	try {
		await promise;
	} catch (err) {
		if (isHttpError(err)) return err;
		throw err;
	}
	throw new Error('expected the load to fail');
}

const paths = () => api.requests.map((r) => r.path);

describe('home page load', () => {
	type E = Parameters<typeof homeLoad>[0];

	it('returns the summary, most used procedures and the biggest fields and agencies', async () => {
		const data = await homeLoad(asEvent<E>(fakeEvent('/')));
		expect(data.summary.counts.procedures).toBe(432);
		expect(data.popular).toHaveLength(8);
		// Empty fields are left out; the biggest comes first.
		expect(data.fields?.map((f) => f.slug)).toEqual(['ho-tich', 'chinh-sach']);
		expect(data.lifeEvents?.map((e) => e.slug)).toEqual(['khai-sinh']);
		expect(data.agencies?.map((a) => a.id)).toEqual([2]);
		expect(paths()).toContain('/api/v1/procedures/?ordering=-popularity&page_size=8');
	});

	it('asks the API in the visitor’s language', async () => {
		await homeLoad(asEvent<E>(fakeEvent('/', { lang: 'en' })));
		expect(new Set(api.requests.map((r) => r.headers['accept-language']))).toEqual(
			new Set(['en'])
		);
	});

	it('answers 503 with a maintenance message when the API is down', async () => {
		env.PORTAL_API_URL = await refusedUrl();
		vi.spyOn(console, 'error').mockImplementation(() => {});
		const event = fakeEvent('/');
		const err = await failure(homeLoad(asEvent<E>(event)));
		expect(err.status).toBe(503);
		expect(err.body).toEqual({ message: API_UNAVAILABLE_MESSAGE, apiUnavailable: true });
		expect(event.headers['retry-after']).toBe('120');
	});
});

describe('search page load', () => {
	type E = Parameters<typeof searchLoad>[0];
	const search = (path: string) => searchLoad(asEvent<E>(fakeEvent(path)));

	it('does not call the API without a query or filter', async () => {
		const data = await search('/tim-kiem?q=%20%20');
		expect(data).toMatchObject({ q: '', search: null, invalid: false });
		expect(api.requests).toHaveLength(0);
	});

	it('passes the trimmed query, every chosen facet value and the page on', async () => {
		const data = await search(
			'/tim-kiem?q=+lam+giay+khai+sinh+&field=ho-tich&field=chung-thuc&level=xa&has_fee=false&page=2&junk=1'
		);
		expect(paths()).toEqual([
			'/api/v1/search/?q=lam+giay+khai+sinh&field=ho-tich&field=chung-thuc&level=xa&has_fee=false&page=2'
		]);
		expect(data.search).toEqual(SEARCH);
		expect(data.filters).toEqual({
			field: ['ho-tich', 'chung-thuc'],
			agency: [],
			level: ['xa'],
			online: [],
			has_fee: ['false']
		});
		expect(data.page).toBe(2);
	});

	it('caps the query at 200 characters', async () => {
		const data = await search(`/tim-kiem?q=${'x'.repeat(500)}`);
		expect(data.q).toHaveLength(200);
	});

	it('shows a rejected request (unknown facet value) as a message, not an error page', async () => {
		const data = await search('/tim-kiem?q=a&field=khong-co');
		expect(data).toMatchObject({ invalid: true, search: null, q: 'a' });
	});

	it('answers 503 when the search service fails', async () => {
		vi.spyOn(console, 'error').mockImplementation(() => {});
		expect((await failure(search('/tim-kiem?q=crash'))).status).toBe(503);
	});
});

describe('procedure page load', () => {
	type E = Parameters<typeof procedureLoad>[0];
	const procedure = (code: string) =>
		procedureLoad(asEvent<E>(fakeEvent(`/thu-tuc/${code}`, { params: { code } })));

	it('returns the procedure and its canonical address', async () => {
		const data = await procedure('2.000281');
		expect(data.procedure).toEqual(DETAIL);
		expect(data.completion).toEqual(COMPLETION);
		expect(data.canonical).toBe('http://portal.test/thu-tuc/2.000281');
	});

	it('answers 404 for an unknown code, and for a malformed one without asking', async () => {
		expect((await failure(procedure('9.999999'))).status).toBe(404);
		const before = api.requests.length;
		expect((await failure(procedure('../../admin'))).status).toBe(404);
		expect(api.requests).toHaveLength(before);
	});
});

describe('browse page loads', () => {
	it('lists fields by name', async () => {
		type E = Parameters<typeof fieldsLoad>[0];
		const data = await fieldsLoad(asEvent<E>(fakeEvent('/linh-vuc')));
		expect(data.fields.map((f) => f.name)).toEqual(['Chính sách', 'Hộ tịch', 'Trống']);
	});

	it('loads a field with the page of procedures the address asks for', async () => {
		type E = Parameters<typeof fieldLoad>[0];
		const event = fakeEvent('/linh-vuc/ho-tich?page=3', { params: { slug: 'ho-tich' } });
		const data = await fieldLoad(asEvent<E>(event));
		expect(data.field.name).toBe('Hộ tịch');
		expect(data.page).toBe(3);
		expect(data.procedures.count).toBe(HO_TICH.length);
		expect(data.procedures.results.map((p) => p.code)).toEqual(
			HO_TICH.slice(40).map((p) => p.code)
		);
		expect(paths()).toContain(
			'/api/v1/procedures/?field=ho-tich&ordering=-popularity&page=3&page_size=20'
		);
	});

	it('answers 404 for a page past the end and for an unknown field', async () => {
		type E = Parameters<typeof fieldLoad>[0];
		const past = fakeEvent('/linh-vuc/ho-tich?page=9', { params: { slug: 'ho-tich' } });
		expect((await failure(fieldLoad(asEvent<E>(past)))).status).toBe(404);
		// The list answers 400 for an unknown slug; the field's own 404 is what counts.
		const unknown = fakeEvent('/linh-vuc/khong-co', { params: { slug: 'khong-co' } });
		expect((await failure(fieldLoad(asEvent<E>(unknown)))).status).toBe(404);
	});

	it('loads agencies, an agency and a life event', async () => {
		type A = Parameters<typeof agenciesLoad>[0];
		type B = Parameters<typeof agencyLoad>[0];
		type C = Parameters<typeof lifeEventLoad>[0];
		const agencies = await agenciesLoad(asEvent<A>(fakeEvent('/co-quan')));
		expect(agencies.agencies.results[0]?.id).toBe(2);
		const agency = await agencyLoad(asEvent<B>(fakeEvent('/co-quan/2', { params: { id: '2' } })));
		expect(agency.agency.opening_hours).toContain('7:30');
		expect(paths()).toContain('/api/v1/procedures/?agency=2&ordering=-popularity&page_size=20');
		const event = await lifeEventLoad(
			asEvent<C>(fakeEvent('/su-kien/khai-sinh', { params: { slug: 'khai-sinh' } }))
		);
		expect(event.lifeEvent.name).toBe('Khai sinh');
	});

	it('answers 404 for an agency id that is not a number, without asking', async () => {
		type B = Parameters<typeof agencyLoad>[0];
		const err = await failure(agencyLoad(asEvent<B>(fakeEvent('/co-quan/x', { params: { id: 'x' } }))));
		expect(err.status).toBe(404);
		expect(api.requests).toHaveLength(0);
	});

	it('answers 503 when the API is down', async () => {
		env.PORTAL_API_URL = await refusedUrl();
		vi.spyOn(console, 'error').mockImplementation(() => {});
		type E = Parameters<typeof fieldsLoad>[0];
		const event = fakeEvent('/linh-vuc');
		const err = await failure(fieldsLoad(asEvent<E>(event)));
		expect(err.status).toBe(503);
		expect(err.body).toMatchObject({ apiUnavailable: true });
		expect(event.headers['retry-after']).toBe('120');
	});
});
