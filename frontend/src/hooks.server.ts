/**
 * Server hooks: the interface language from the `lang` cookie (Vietnamese unless the
 * visitor chose English), written into `<html lang>`; every text a visitor sends (the
 * query string, the form an action reads) cleaned once (`$lib/text`); the pages that
 * opt in given to anonymous readers from the kept HTML while their data is unchanged
 * (`$lib/server/page-cache`); unexpected errors are logged and shown in the visitor's
 * language.
 */
import type { Handle, HandleServerError } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { LANG_COOKIE, langFrom, messages } from '$lib/i18n';
import { keepPage, keptPage, pageKey } from '$lib/server/page-cache';
import { cleanFormData, cleanSearchParams } from '$lib/text';

/** Where Wagtail's admin runs: the one origin allowed to frame `/preview`. */
export const DEFAULT_ADMIN_ORIGIN = 'http://127.0.0.1:8000';

/** The admin's origin from `PORTAL_ADMIN_ORIGIN` (just scheme, host and port). */
export function adminOrigin(): string {
	const configured = env.PORTAL_ADMIN_ORIGIN?.trim();
	if (configured) {
		try {
			const origin = new URL(configured).origin;
			if (origin !== 'null') return origin;
		} catch {
			// fall through to the default
		}
	}
	return DEFAULT_ADMIN_ORIGIN;
}

/**
 * The editors' preview is shown inside Wagtail's admin, so it may be framed by the
 * admin's origin (and only by it); as an unpublished draft it is never stored or indexed.
 * Applied here rather than in the load so that its error pages get it too.
 */
function previewHeaders(headers: Headers): void {
	headers.set('cache-control', 'no-store');
	headers.set('x-robots-tag', 'noindex');
	headers.delete('x-frame-options');
	const csp = headers.get('content-security-policy');
	if (csp) {
		headers.set(
			'content-security-policy',
			csp.replace(/frame-ancestors[^;]*/, `frame-ancestors ${adminOrigin()}`)
		);
	}
}

/**
 * On every answer of the server (pages, endpoints, errors): no content sniffing, and
 * only the origin (never the path, which may hold a tracking or dossier code) sent to
 * other sites. The Content-Security-Policy comes from `kit.csp` (svelte.config.js).
 */
export function securityHeaders(headers: Headers): void {
	headers.set('x-content-type-options', 'nosniff');
	headers.set('referrer-policy', 'strict-origin-when-cross-origin');
}

/** Placeholder in app.html, replaced on every page. */
const LANG_PLACEHOLDER = '%portal.lang%';

/**
 * Each action reads its form through `request.formData()`: that read returns the
 * cleaned form, so every action gets clean text without a call of its own.
 */
function cleanForms(request: Request): void {
	const read = request.formData.bind(request);
	let cleaned: Promise<FormData> | undefined;
	Object.defineProperty(request, 'formData', {
		value: () => (cleaned ??= read().then(cleanFormData))
	});
}

export const handle: Handle = async ({ event, resolve }) => {
	cleanSearchParams(event.url.searchParams);
	if (event.request.method === 'POST') cleanForms(event.request);
	const lang = langFrom(event.cookies.get(LANG_COOKIE));
	event.locals.lang = lang;
	// An anonymous reader's page: the kept HTML while its data is unchanged.
	const key = event.url.pathname === '/preview' ? null : pageKey(event, lang, LANG_COOKIE);
	if (key) {
		const cached = await keptPage(key, event);
		if (cached) return cached;
	}
	const response = await resolve(event, {
		// Only the first chunk holds <html>; replacing once leaves page content alone.
		transformPageChunk: ({ html }) => html.replace(LANG_PLACEHOLDER, lang)
	});
	if (response.headers.get('content-type')?.startsWith('text/html')) {
		// The same address answers in either language, by cookie.
		response.headers.append('vary', 'Cookie');
		response.headers.set('content-language', lang);
	}
	securityHeaders(response.headers);
	if (event.url.pathname === '/preview') previewHeaders(response.headers);
	return key ? keepPage(key, event.locals, response) : response;
};

export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status !== 404) {
		console.error(`${event.request.method} ${event.url.pathname}:`, error);
	}
	const lang = langFrom(event.cookies.get(LANG_COOKIE));
	return { message: messages[lang].errors.errorText };
};
