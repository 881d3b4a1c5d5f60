/**
 * The HTML this server rendered for anonymous readers, kept in this process and given
 * out again while the API's answers it was made from are unchanged.
 *
 * A page opts in from its load (`sharePage`). While it renders, every `apiGet` is noted
 * with the ETag of the answer used (`watchReads`). The next anonymous request for the
 * same address and language asks the API again for each of those reads with
 * `If-None-Match`, in parallel: when every answer is a 304 (which costs the API no
 * query: its tags follow the versions the publish, snippet, rule and index events
 * bump), the kept HTML is sent without rendering; otherwise the page is rendered anew
 * (from the new answers, already fetched). So an edit published in the admin is in
 * the very next anonymous read, and a page costs its data's revalidation.
 *
 * Not kept: a page without reads, a read without an ETag or that failed, a status other
 * than 200, an answer that sets a cookie or says `no-store`/`private`, a request with
 * any cookie but the language's or with credentials. What must differ between two answers (the CSP nonce,
 * a form's idempotency key named in `sharePage`) is replaced by a fresh value in each.
 */
import { readsOf, unchanged, watchReads, type ApiRead } from './api';

/** What the kept pages may hold, in UTF-16 code units of their HTML (about 2 bytes each). */
export const PAGE_CACHE_MAX_SIZE = 16 * 1024 * 1024;

/** The header that says whether an answer came from the kept HTML (`hit`) or was kept. */
export const PAGE_CACHE_HEADER = 'x-page-cache';

interface Kept {
	status: number;
	headers: [string, string][];
	body: string;
	reads: ApiRead[];
	/** Values of the first answer that each answer gets anew (nonce, form keys). */
	secrets: string[];
}

const kept = new Map<string, Kept>();
let keptSize = 0;

/** The pages that opted in while rendering, with their per-answer values. */
const shared = new WeakMap<object, string[]>();

/**
 * Let this page's HTML be given to the next anonymous readers while its data is
 * unchanged. `fresh`: values (idempotency keys) that must be new in every answer.
 */
export function sharePage(locals: object, fresh: string[] = []): void {
	shared.set(locals, fresh);
}

/** Forget every kept page (tests). */
export function forgetPages(): void {
	kept.clear();
	keptSize = 0;
}

interface PageEvent {
	request: Request;
	url: URL;
	locals: object;
}

/**
 * The key of this request's page, or null when it may not be shared: not a GET, a
 * cookie other than the language's, credentials.
 */
export function pageKey(event: PageEvent, lang: string, langCookie: string): string | null {
	const { request, url } = event;
	if (request.method !== 'GET' || request.headers.has('authorization')) return null;
	const cookie = request.headers.get('cookie');
	if (cookie) {
		for (const part of cookie.split(';')) {
			const name = part.split('=', 1)[0]?.trim();
			if (name && name !== langCookie) return null;
		}
	}
	return `${lang} ${url.origin}${url.pathname}${url.search}`;
}

/**
 * The kept page for `key` as a new answer, when every read it was made from is
 * unchanged; null otherwise (then render it, watched by `watchReads`).
 */
export async function keptPage(
	key: string,
	event: PageEvent & { fetch: typeof fetch }
): Promise<Response | null> {
	const page = kept.get(key);
	if (page) {
		const checks = await Promise.all(
			page.reads.map((read) => unchanged(read, { fetch: event.fetch }))
		);
		if (checks.every(Boolean) && kept.get(key) === page) {
			// Most recently used last: the first in the map is the next to go.
			kept.delete(key);
			kept.set(key, page);
			return answer(page);
		}
		drop(key);
	}
	watchReads(event.locals);
	return null;
}

/** A kept page's answer, its secrets made anew. */
function answer(page: Kept): Response {
	const fresh = page.secrets.map(() => crypto.randomUUID());
	const swap = (text: string) =>
		page.secrets.reduce((out, secret, i) => out.replaceAll(secret, fresh[i] ?? ''), text);
	const headers = new Headers(
		page.headers.map(([name, value]): [string, string] => [name, swap(value)])
	);
	headers.set(PAGE_CACHE_HEADER, 'hit');
	// The new values need not be as long as the first answer's, so its length is
	// measured again: a stale Content-Length would cut the page short, or leave its
	// tail to be read as the next answer on a kept-alive connection. Its ETag (a hash
	// of the first answer's bytes) names other bytes now.
	headers.delete('etag');
	const body = encoder.encode(swap(page.body));
	headers.set('content-length', String(body.byteLength));
	return new Response(body, { status: page.status, headers });
}

const encoder = new TextEncoder();

function drop(key: string): void {
	const page = kept.get(key);
	if (!page) return;
	kept.delete(key);
	keptSize -= page.body.length;
}

const NONCE = /'nonce-([^']+)'/;

/**
 * Keep the rendered answer for `key` when the page opted in and may be shared;
 * returns the answer to send (the same one, its body read once).
 */
export async function keepPage(key: string, locals: object, response: Response): Promise<Response> {
	const fresh = shared.get(locals);
	const reads = readsOf(locals);
	const cacheControl = response.headers.get('cache-control') ?? '';
	if (
		!fresh ||
		!reads ||
		response.status !== 200 ||
		!response.headers.get('content-type')?.startsWith('text/html') ||
		response.headers.has('set-cookie') ||
		/no-store|private/i.test(cacheControl) ||
		reads.length === 0 ||
		reads.some((read) => !read.etag)
	) {
		return response;
	}
	const body = await response.text();
	const nonce = NONCE.exec(response.headers.get('content-security-policy') ?? '')?.[1];
	const page: Kept = {
		status: response.status,
		headers: [...response.headers],
		body,
		reads: [...reads],
		secrets: [...(nonce ? [nonce] : []), ...fresh.filter((value) => value.length >= 8)]
	};
	drop(key);
	if (body.length <= PAGE_CACHE_MAX_SIZE / 8) {
		kept.set(key, page);
		keptSize += body.length;
		while (keptSize > PAGE_CACHE_MAX_SIZE) {
			const oldest = kept.keys().next().value as string;
			drop(oldest);
		}
	}
	const headers = new Headers(response.headers);
	headers.set(PAGE_CACHE_HEADER, 'stored');
	return new Response(body, { status: response.status, headers });
}
