/**
 * The kept HTML of anonymous readers' pages: given out again while the API's answers
 * it was made from are unchanged (the API's 304 over a real socket), as a complete
 * answer of its own length, its secrets new.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sendJson, useStubApi } from '../../test/stub-api';
import { apiGet, forgetRevalidated } from './api';
import { forgetPages, keepPage, keptPage, pageKey, PAGE_CACHE_HEADER, sharePage } from './page-cache';

// The request being rendered: what `apiGet` notes its reads against.
let current: { locals: object; getClientAddress: () => string } | undefined;
vi.mock('$app/server', () => ({
	getRequestEvent: () => {
		if (!current) throw new Error('not in a request');
		return current;
	}
}));

const fieldsAt = (name: string) => [
	{ id: 1, name, name_en: '', slug: 'ho-tich', description: '', procedure_count: 3 }
];
// What the stub's catalogue holds now: its ETag changes with it, as the API's does.
let catalogue = { etag: '"v1"', fields: fieldsAt('Hộ tịch') };

const api = useStubApi({
	'/api/v1/fields/': (res, _url, request) => {
		res.setHeader('etag', catalogue.etag);
		if (request.headers['if-none-match'] === catalogue.etag) {
			res.writeHead(304);
			res.end();
			return;
		}
		sendJson(res, 200, catalogue.fields);
	}
});

beforeEach(() => {
	catalogue = { etag: '"v1"', fields: fieldsAt('Hộ tịch') };
	forgetPages();
	forgetRevalidated();
});
afterEach(() => {
	current = undefined;
});

function requestFor(path: string, headers: Record<string, string> = {}) {
	const url = new URL(path, 'http://portal.test');
	const locals = { lang: 'vi' };
	return { request: new Request(url, { headers }), url, locals, fetch };
}

/** Render `/linh-vuc` as the server would: watched, its fields read, its HTML kept. */
async function render(nonce: string, headers: Record<string, string> = {}) {
	const event = requestFor('/linh-vuc', headers);
	const key = pageKey(event, 'vi', 'lang');
	if (!key) return { key, event, response: null };
	const cached = await keptPage(key, event);
	if (cached) return { key, event, response: cached };
	current = { locals: event.locals, getClientAddress: () => '127.0.0.1' };
	sharePage(event.locals);
	const fields = await apiGet<{ name: string }[]>('/api/v1/fields/', { fetch });
	const html = `<!doctype html><html lang="vi"><head><script nonce="${nonce}">start()</script></head><body><h1>Lĩnh vực</h1><p>${fields[0]?.name}</p></body></html>`;
	const response = new Response(html, {
		headers: {
			'content-type': 'text/html',
			'content-length': String(new TextEncoder().encode(html).byteLength),
			'content-security-policy': `script-src 'self' 'nonce-${nonce}'`,
			etag: '"svelte-hash"'
		}
	});
	return { key, event, response: await keepPage(key, event.locals, response) };
}

describe('the page cache', () => {
	it('gives out the kept page, measured anew, while the API answers 304', async () => {
		const first = await render('short');
		expect(first.response?.headers.get(PAGE_CACHE_HEADER)).toBe('stored');
		await first.response?.text();

		const again = await render('unused');
		const response = again.response;
		expect(response?.headers.get(PAGE_CACHE_HEADER)).toBe('hit');
		const bytes = new Uint8Array((await response?.arrayBuffer()) ?? new ArrayBuffer(0));
		// The new nonce is longer than the first: the length is the new body's.
		expect(Number(response?.headers.get('content-length'))).toBe(bytes.byteLength);
		const html = new TextDecoder().decode(bytes);
		const nonce = /'nonce-([^']+)'/.exec(response?.headers.get('content-security-policy') ?? '')?.[1];
		expect(nonce).toBeTruthy();
		expect(nonce).not.toBe('short');
		expect(html).toContain(`<script nonce="${nonce}">`);
		expect(html).toContain('Hộ tịch');
		// SvelteKit's ETag was a hash of the first answer's bytes.
		expect(response?.headers.get('etag')).toBeNull();
		// The hit asked the API again, with the tag of the read it was made from.
		expect(api.requests.at(-1)?.headers['if-none-match']).toBe('"v1"');
	});

	it('renders the page again once the API has a new answer', async () => {
		await (await render('first')).response?.text();
		catalogue = { etag: '"v2"', fields: fieldsAt('Hộ tịch (sửa)') };
		const after = await render('second');
		expect(after.response?.headers.get(PAGE_CACHE_HEADER)).toBe('stored');
		expect(await after.response?.text()).toContain('Hộ tịch (sửa)');
	});

	it('keeps Vietnamese and English apart, and never a reader with other cookies', () => {
		const anonymous = requestFor('/linh-vuc');
		expect(pageKey(anonymous, 'vi', 'lang')).not.toBe(pageKey(anonymous, 'en', 'lang'));
		expect(pageKey(requestFor('/linh-vuc', { cookie: 'lang=en' }), 'en', 'lang')).toBeTruthy();
		expect(pageKey(requestFor('/linh-vuc', { cookie: 'lang=en; sessionid=x' }), 'en', 'lang')).toBeNull();
		expect(pageKey(requestFor('/linh-vuc', { authorization: 'Bearer x' }), 'vi', 'lang')).toBeNull();
		expect(pageKey(requestFor('/linh-vuc?page=2'), 'vi', 'lang')).not.toBe(
			pageKey(requestFor('/linh-vuc'), 'vi', 'lang')
		);
	});
});
