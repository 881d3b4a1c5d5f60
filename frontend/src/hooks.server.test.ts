import { describe, expect, it, vi } from 'vitest';
import { fakeEvent } from './test/event';
import { handle, handleError } from './hooks.server';

type HandleInput = Parameters<typeof handle>[0];
type ResolveOptions = Parameters<HandleInput['resolve']>[1];

/** Run `handle` on a page whose template is `html`, as SvelteKit would. */
async function serve(cookies: Record<string, string>, html = '<html lang="%portal.lang%">') {
	const event = fakeEvent('/', { cookies });
	const resolve = async (_: unknown, options?: ResolveOptions) => {
		const body = (await options?.transformPageChunk?.({ html, done: true })) ?? html;
		return new Response(body, { headers: { 'content-type': 'text/html' } });
	};
	const response = await handle({ event, resolve } as unknown as HandleInput);
	return { event, response, body: await response.text() };
}

describe('handle', () => {
	it('serves Vietnamese by default', async () => {
		const { event, body, response } = await serve({});
		expect(event.locals.lang).toBe('vi');
		expect(body).toBe('<html lang="vi">');
		expect(response.headers.get('content-language')).toBe('vi');
		expect(response.headers.get('vary')).toContain('Cookie');
	});

	it('serves English when the lang cookie says so, and ignores unknown values', async () => {
		expect((await serve({ lang: 'en' })).body).toBe('<html lang="en">');
		expect((await serve({ lang: 'xx' })).body).toBe('<html lang="vi">');
	});

	it('replaces only the template placeholder, not the same text in page content', async () => {
		const { body } = await serve({}, '<html lang="%portal.lang%"><p>%portal.lang%</p>');
		expect(body).toBe('<html lang="vi"><p>%portal.lang%</p>');
	});
});

describe('handle: what visitors send', () => {
	it('gives every action its form cleaned, and the query string', async () => {
		const body = new URLSearchParams({ name: 'Tr\u200dần Thị\u202e Bích Ngọc'.normalize('NFD') });
		const url = new URL('/phan-anh/gui?q=' + encodeURIComponent('h\u200bộ'), 'http://portal.test');
		const event = {
			...fakeEvent('/phan-anh/gui'),
			url,
			request: new Request(url, { method: 'POST', body })
		};
		let seen: FormData | undefined;
		const resolve = async () => {
			seen = await event.request.formData();
			// A second read (two helpers of one action) gets the same form.
			expect(await event.request.formData()).toBe(seen);
			return new Response('ok');
		};
		await handle({ event, resolve } as unknown as HandleInput);
		expect(seen?.get('name')).toBe('Trần Thị Bích Ngọc');
		expect(event.url.searchParams.get('q')).toBe('hộ');
	});
});

describe('handleError', () => {
	it('logs unexpected errors and shows a message in the visitor’s language', () => {
		const log = vi.spyOn(console, 'error').mockImplementation(() => {});
		const event = fakeEvent('/x', { cookies: { lang: 'en' } });
		const result = handleError({
			error: new Error('boom'),
			event,
			status: 500,
			message: 'Internal Error'
		} as unknown as Parameters<typeof handleError>[0]);
		expect(result).toEqual({ message: 'We could not show this page. Please try again later.' });
		expect(log).toHaveBeenCalledOnce();
		log.mockRestore();
	});
});
