/**
 * Following by e-mail and the Atom feeds, shared by the procedure, field and agency
 * pages. The follow form is a form action (no JavaScript needed): it posts to
 * `/api/v1/alerts/follows/` (double opt-in: the API sends a confirmation e-mail), then
 * sends the visitor back to the page with `?theo-doi=da-gui`, where the form makes
 * way for "check your e-mail". The feeds are the API's (`/alerts/feeds/…`), passed on
 * from this origin so that readers subscribe to the site's own address.
 */
import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { messages } from '$lib/i18n';
import type { FollowFailure } from '$lib/follow';
import { followSentPath } from '$lib/url';
import { ApiError, apiBaseUrl, apiGetFile, apiPost, clientHeaders } from './api';
import { text } from './forms';
import { failFromApi } from './load';

/** What is followed: a procedure by its code, a field by its slug, an agency by its id. */
export type FollowTarget = { procedure: string } | { field: string } | { agency: number };

/** Longest address SMTP carries (RFC 5321 path limit). */
const EMAIL_MAX = 254;
/** Something@something.tld, no spaces: the API checks the rest (Django's EmailValidator). */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The `follow` action of a page at `back`: checks the address, asks the API, and
 * redirects to "check your e-mail", or fails with the form's values and errors.
 */
export async function followAction(event: RequestEvent, target: FollowTarget, back: string) {
	const lang = event.locals.lang;
	const t = messages[lang].alerts;
	const form = await event.request.formData();
	const email = text(form, 'email').trim().slice(0, EMAIL_MAX + 1);
	const failed = (status: number, errors: FollowFailure['errors'], message?: string) =>
		fail(status, { follow: { email: email.slice(0, EMAIL_MAX), errors, message } });
	if (!email) return failed(400, { email: [t.emailMissing] });
	if (email.length > EMAIL_MAX || !EMAIL.test(email)) return failed(400, { email: [t.emailInvalid] });
	try {
		await apiPost('/api/v1/alerts/follows/', { email, ...target }, { fetch: event.fetch, lang });
	} catch (err) {
		if (!(err instanceof ApiError)) throw err;
		if (err.kind === 'http' && err.status === 400) {
			const { email: emailErrors, ...others } = err.errors ?? {};
			if (emailErrors) return failed(400, { email: emailErrors });
			// The page's own target was refused (gone since the page was drawn).
			const message = Object.values(others).flat()[0] ?? err.detail ?? t.unavailable;
			return failed(400, {}, message);
		}
		if (err.kind === 'http' && err.status === 429) {
			return failed(429, {}, t.tooMany(err.retryAfter ?? 60));
		}
		console.error(`follow ${JSON.stringify(target)}: ${err.message}`);
		return failed(503, {}, t.unavailable);
	}
	redirect(303, followSentPath(back));
}

/** The API's Atom feed at `apiPath`, answered from this origin. */
export async function feedResponse(event: RequestEvent, apiPath: string): Promise<Response> {
	try {
		const feed = await apiGetFile(apiPath, 'application/atom+xml', {
			fetch: event.fetch,
			lang: event.locals.lang
		});
		return new Response(feed.body, {
			headers: {
				'content-type': feed.contentType,
				'cache-control': 'public, max-age=300',
				'x-content-type-options': 'nosniff'
			}
		});
	} catch (err) {
		failFromApi(err, event, `feed ${apiPath}`);
	}
}

/**
 * The e-mails' links on this site (`/theo-doi/{action}/{token}`) and the API's pages
 * they pass on (`/alerts/{confirm|stop|unsubscribe}/{token}`): opened (GET), the page
 * shows a button; its form posts back here, and the POST is passed on. The page is
 * Django's, in the language of the follower's e-mails.
 */
export const TOKEN_ACTIONS: Record<string, string> = {
	'xac-nhan': 'confirm',
	'bo-theo-doi': 'stop',
	'bo-theo-doi-tat-ca': 'unsubscribe'
};

/** A token as the API makes them (`secrets.token_urlsafe`): letters, digits, - and _. */
const TOKEN = /^[\w-]{1,100}$/;

export const TOKEN_PAGE_TIMEOUT_MS = 5_000;

/** Django's page for the link `/theo-doi/{action}/{token}`, answered from this origin. */
export async function tokenPageResponse(event: RequestEvent): Promise<Response> {
	const action = TOKEN_ACTIONS[event.params.action ?? ''];
	const token = event.params.token ?? '';
	if (!action || !TOKEN.test(token)) {
		error(404, { message: messages[event.locals.lang].errors.notFoundText });
	}
	const url = `${apiBaseUrl()}/alerts/${action}/${token}`;
	let answer: Response;
	try {
		answer = await (event.fetch ?? fetch)(url, {
			method: event.request.method === 'POST' ? 'POST' : 'GET',
			headers: {
				...clientHeaders(),
				Accept: 'text/html',
				'Accept-Language': event.locals.lang
			},
			redirect: 'manual',
			signal: AbortSignal.timeout(TOKEN_PAGE_TIMEOUT_MS)
		});
	} catch (err) {
		console.error(`alerts ${action}: ${err instanceof Error ? err.message : String(err)}`);
		error(503, { message: messages[event.locals.lang].errors.maintenanceText });
	}
	const type = answer.headers.get('content-type') ?? '';
	if (answer.status >= 500 || !type.startsWith('text/html')) {
		await answer.body?.cancel();
		console.error(`alerts ${action}: HTTP ${answer.status} (${type || 'no type'})`);
		error(503, { message: messages[event.locals.lang].errors.maintenanceText });
	}
	return new Response(await answer.arrayBuffer(), {
		status: answer.status,
		headers: {
			'content-type': type,
			'cache-control': 'no-store',
			'x-robots-tag': 'noindex',
			'x-content-type-options': 'nosniff',
			// The page's own style element; nothing else runs or loads.
			'content-security-policy':
				"default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; " +
				"base-uri 'none'; frame-ancestors 'none'"
		}
	});
}
