/** The editors' preview: its load against the stub API, its render and its headers. */
import { env } from '$env/dynamic/private';
import { isHttpError } from '@sveltejs/kit';
import { render } from 'svelte/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { i18nContext } from '$lib/i18n';
import { handle } from '../../hooks.server';
import { asEvent, fakeEvent } from '../../test/event';
import { DETAIL } from '../../test/fixtures';
import { sendJson, startStubApi, type StubApi } from '../../test/stub-api';
import { load } from './+page.server';
import PreviewPage from './+page.svelte';

type E = Parameters<typeof load>[0];
let api: StubApi;
const saved = { api: env.PORTAL_API_URL, admin: env.PORTAL_ADMIN_ORIGIN };

beforeAll(async () => {
	api = await startStubApi({
		'/api/v1/preview/': (res, url) => {
			if (url.searchParams.get('token') === 'good') sendJson(res, 200, DETAIL);
			else if (!url.searchParams.get('token'))
				sendJson(res, 400, { title: 'Dữ liệu không hợp lệ', status: 400 }, 'application/problem+json');
			else
				sendJson(
					res,
					404,
					{ title: 'Không tìm thấy', status: 404, detail: 'Bản xem trước không tồn tại hoặc đã hết hạn.' },
					'application/problem+json'
				);
		}
	});
});
afterAll(async () => {
	env.PORTAL_API_URL = saved.api;
	env.PORTAL_ADMIN_ORIGIN = saved.admin;
	await api.close();
});
beforeEach(() => {
	env.PORTAL_API_URL = api.url;
	api.requests.length = 0;
});

async function failure(promise: Promise<unknown>) {
	try {
		await promise;
	} catch (err) {
		if (isHttpError(err)) return err;
		throw err;
	}
	throw new Error('expected the load to fail');
}

describe('preview load', () => {
	it('reads the draft with the content type and token, uncached', async () => {
		const event = fakeEvent('/preview?content_type=catalogue.procedurepage&token=good');
		const data = await load(asEvent<E>(event));
		expect(data.procedure).toEqual(DETAIL);
		expect(api.requests.map((r) => r.path)).toEqual([
			'/api/v1/preview/?content_type=catalogue.procedurepage&token=good'
		]);
		expect(event.headers['cache-control']).toBe('no-store');
		expect(event.headers['x-robots-tag']).toBe('noindex');
	});

	it('answers 404 "expired" for a bad or expired token', async () => {
		const err = await failure(
			load(asEvent<E>(fakeEvent('/preview?content_type=catalogue.procedurepage&token=old')))
		);
		expect(err.status).toBe(404);
		expect(err.body.message).toBe('Bản xem trước không tồn tại hoặc đã hết hạn');
	});

	it('answers 400 without calling the API when a parameter is missing', async () => {
		const err = await failure(load(asEvent<E>(fakeEvent('/preview?token=good'))));
		expect(err.status).toBe(400);
		expect(api.requests).toHaveLength(0);
	});
});

describe('preview page', () => {
	it('renders the procedure with a banner and noindex', () => {
		const { body, head } = render(PreviewPage, {
			props: { data: { lang: 'vi', procedure: DETAIL }, params: {}, form: undefined },
			context: i18nContext('vi')
		} as never) as { body: string; head: string };
		expect(body).toContain('Bản xem trước — chưa công bố');
		expect(body).toContain(DETAIL.name);
		expect(head).toContain('<meta name="robots" content="noindex"');
		// No feedback links for a draft.
		expect(body).not.toContain('/phan-anh/gui');
	});
});

describe('preview headers', () => {
	type HandleInput = Parameters<typeof handle>[0];
	async function serve(path: string) {
		const event = fakeEvent(path);
		const resolve = async () =>
			new Response('<html>', {
				headers: {
					'content-type': 'text/html',
					'x-frame-options': 'DENY',
					'content-security-policy': "default-src 'self'; frame-ancestors 'none'; form-action 'self'"
				}
			});
		return handle({ event, resolve } as unknown as HandleInput);
	}

	it('lets the admin origin frame the preview, and only the preview', async () => {
		delete env.PORTAL_ADMIN_ORIGIN;
		const preview = await serve('/preview?content_type=a&token=b');
		expect(preview.headers.get('content-security-policy')).toBe(
			"default-src 'self'; frame-ancestors http://127.0.0.1:8000; form-action 'self'"
		);
		expect(preview.headers.get('x-frame-options')).toBeNull();
		expect(preview.headers.get('cache-control')).toBe('no-store');

		env.PORTAL_ADMIN_ORIGIN = 'https://admin.example.gov.vn/cms/';
		const configured = await serve('/preview');
		expect(configured.headers.get('content-security-policy')).toContain(
			'frame-ancestors https://admin.example.gov.vn;'
		);

		const other = await serve('/thu-tuc/1.0');
		expect(other.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
	});
});
