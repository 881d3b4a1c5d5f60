/**
 * The language switch: `/ngon-ngu?lang=en&next=/thu-tuc/1.000080` stores the choice
 * in a cookie and goes back to the page, so it works as a plain link without JavaScript.
 */
import { redirect } from '@sveltejs/kit';
import { DEFAULT_LANG, isLang, LANG_COOKIE } from '$lib/i18n';
import { safeNext } from '$lib/url';
import type { RequestHandler } from './$types';

const ONE_YEAR = 60 * 60 * 24 * 365;

export const GET: RequestHandler = ({ url, cookies, setHeaders }) => {
	const wanted = url.searchParams.get('lang');
	const lang = isLang(wanted) ? wanted : DEFAULT_LANG;
	cookies.set(LANG_COOKIE, lang, {
		path: '/',
		maxAge: ONE_YEAR,
		sameSite: 'lax',
		httpOnly: true,
		// Set over HTTPS in production; plain HTTP for local runs.
		secure: url.protocol === 'https:'
	});
	setHeaders({ 'cache-control': 'no-store' });
	redirect(303, safeNext(url.searchParams.get('next')));
};
