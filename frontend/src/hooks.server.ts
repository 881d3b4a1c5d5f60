/**
 * Server hooks: the interface language from the `lang` cookie (Vietnamese unless the
 * visitor chose English), written into `<html lang>`; unexpected errors are logged
 * and shown in the visitor's language.
 */
import type { Handle, HandleServerError } from '@sveltejs/kit';
import { LANG_COOKIE, langFrom, messages } from '$lib/i18n';

/** Placeholder in app.html, replaced on every page. */
const LANG_PLACEHOLDER = '%portal.lang%';

export const handle: Handle = async ({ event, resolve }) => {
	const lang = langFrom(event.cookies.get(LANG_COOKIE));
	event.locals.lang = lang;
	const response = await resolve(event, {
		// Only the first chunk holds <html>; replacing once leaves page content alone.
		transformPageChunk: ({ html }) => html.replace(LANG_PLACEHOLDER, lang)
	});
	if (response.headers.get('content-type')?.startsWith('text/html')) {
		// The same address answers in either language, by cookie.
		response.headers.append('vary', 'Cookie');
		response.headers.set('content-language', lang);
	}
	return response;
};

export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status !== 404) {
		console.error(`${event.request.method} ${event.url.pathname}:`, error);
	}
	const lang = langFrom(event.cookies.get(LANG_COOKIE));
	return { message: messages[lang].errors.errorText };
};
