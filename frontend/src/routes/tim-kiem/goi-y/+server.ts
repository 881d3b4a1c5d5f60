/**
 * Suggestions for the search box as you type: a same-origin proxy of the API's
 * `/search/suggest/`, so the browser never talks to the API directly (CSP
 * `connect-src 'self'`) and the answer is trimmed to what the box shows.
 */
import { json } from '@sveltejs/kit';
import { SUGGEST_MIN_LENGTH } from '$lib/combobox';
import { ApiError, apiGet } from '$lib/server/api';
import { SEARCH_MAX_LENGTH } from '$lib/site';
import type { SuggestResponse } from '$lib/types';
import { query } from '$lib/url';
import type { RequestHandler } from './$types';

const MAX_SUGGESTIONS = 8;

export const GET: RequestHandler = async ({ url, fetch, locals }) => {
	const q = (url.searchParams.get('q') ?? '').trim().slice(0, SEARCH_MAX_LENGTH);
	if (q.length < SUGGEST_MIN_LENGTH) {
		return json({ suggestions: [] }, { headers: { 'cache-control': 'public, max-age=300' } });
	}
	try {
		const body = await apiGet<SuggestResponse>(`/api/v1/search/suggest/${query({ q })}`, {
			fetch,
			lang: locals.lang,
			// Suggestions are worth nothing late: the visitor has typed on.
			timeoutMs: 2_000
		});
		const suggestions = (body.suggestions ?? [])
			.slice(0, MAX_SUGGESTIONS)
			.map(({ code, name }) => ({ code, name }));
		return json({ suggestions }, { headers: { 'cache-control': 'public, max-age=60' } });
	} catch (err) {
		if (!(err instanceof ApiError)) throw err;
		console.error(`suggestions: ${err.message}`);
		// The box falls back to a plain search; tell it no suggestions came.
		return json(
			{ suggestions: [] },
			{ status: err.unavailable ? 503 : 502, headers: { 'cache-control': 'no-store' } }
		);
	}
};
