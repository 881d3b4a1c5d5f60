/** The alert e-mails' links on the site, passed on to the stub API's pages. */
import { isHttpError } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { describe, expect, it, vi } from 'vitest';
import { asEvent, fakeEvent } from '../../../../test/event';
import { refusedUrl, useStubApi } from '../../../../test/stub-api';
import { GET, POST } from './+server';

const TOKEN = 'Ab3_x-9Zq';
const PAGE = (text: string) => `<!doctype html><html lang="en"><p role="status">${text}</p>`;

const stub = useStubApi({
	[`/alerts/confirm/${TOKEN}`]: (res, _url, req) => {
		res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
		res.end(PAGE(req.method === 'POST' ? 'Confirmed.' : 'Press the button.'));
	},
	'/alerts/stop/used-up': (res) => {
		res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
		res.end(PAGE('This link can no longer be used.'));
	},
	'/alerts/unsubscribe/broken': (res) => {
		res.writeHead(500, { 'content-type': 'text/html' });
		res.end('<h1>Server Error (500)</h1>');
	}
});

function event(action: string, token: string, method = 'GET', lang: 'vi' | 'en' = 'en') {
	const e = fakeEvent(`/theo-doi/${action}/${token}`, { params: { action, token }, lang });
	e.request = new Request(e.url, { method });
	return asEvent<Parameters<typeof GET>[0]>(e);
}

async function status(answer: () => Response | Promise<Response>): Promise<number> {
	try {
		return (await answer()).status;
	} catch (err) {
		if (isHttpError(err)) return err.status;
		throw err;
	}
}

describe('/theo-doi/{action}/{token}', () => {
	it('shows the API page of the link, in the language asked, and never stores it', async () => {
		const response = await GET(event('xac-nhan', TOKEN));
		expect(response.status).toBe(200);
		expect(await response.text()).toContain('Press the button.');
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(response.headers.get('x-robots-tag')).toBe('noindex');
		expect(response.headers.get('content-security-policy')).toContain("form-action 'self'");
		const [sent] = stub.requests;
		expect(sent?.method).toBe('GET');
		expect(sent?.headers['accept-language']).toBe('en');
	});

	it("passes the button's POST on, which acts", async () => {
		const response = await POST(event('xac-nhan', TOKEN, 'POST'));
		expect(await response.text()).toContain('Confirmed.');
		expect(stub.requests.map((r) => r.method)).toEqual(['POST']);
	});

	it("keeps the API's 404 page for a used-up link", async () => {
		const response = await POST(event('bo-theo-doi', 'used-up', 'POST'));
		expect(response.status).toBe(404);
		expect(await response.text()).toContain('no longer be used');
	});

	it('answers 404 for an unknown action or a malformed token, asking nothing', async () => {
		expect(await status(() => GET(event('confirm', TOKEN)))).toBe(404);
		expect(await status(() => GET(event('xac-nhan', 'a/b')))).toBe(404);
		expect(await status(() => GET(event('xac-nhan', 'x'.repeat(101))))).toBe(404);
		expect(stub.requests).toEqual([]);
	});

	it('answers 503 when the API fails or is away, and says why in the log', async () => {
		const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
		expect(await status(() => GET(event('bo-theo-doi-tat-ca', 'broken')))).toBe(503);
		env.PORTAL_API_URL = await refusedUrl();
		expect(await status(() => GET(event('xac-nhan', TOKEN)))).toBe(503);
		expect(logged).toHaveBeenCalledTimes(2);
		expect(String(logged.mock.calls[0]?.[0])).toContain('HTTP 500');
	});
});
