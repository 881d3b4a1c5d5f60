/**
 * Search results: the query and facet filters from the address go to the API's
 * `/search/`; the page shows its hits, facets, "did you mean" and degraded notice.
 * A request the API rejects (400: unknown facet value) is shown as a message beside
 * the search box, not as an error page, so it can be corrected.
 */
import { ApiError, apiGet } from '$lib/server/api';
import { failFromApi } from '$lib/server/load';
import { sharePage } from '$lib/server/page-cache';
import { SEARCH_MAX_LENGTH } from '$lib/site';
import type { FacetName, SearchResponse } from '$lib/types';
import { pageNumber, query } from '$lib/url';
import type { PageServerLoad } from './$types';

const FACETS: readonly FacetName[] = ['field', 'agency', 'level', 'online', 'has_fee'];
/** More values than any facet has: a longer list is not a person's choice. */
const MAX_VALUES_PER_FACET = 30;

export type Filters = Record<FacetName, string[]>;

export const load = (async (event) => {
	const { url, fetch, locals, setHeaders } = event;
	const q = (url.searchParams.get('q') ?? '').trim().slice(0, SEARCH_MAX_LENGTH);
	const filters = Object.fromEntries(
		FACETS.map((name) => [
			name,
			[...new Set(url.searchParams.getAll(name).map((v) => v.trim()))]
				.filter((v) => v !== '')
				.slice(0, MAX_VALUES_PER_FACET)
		])
	) as Filters;
	const page = pageNumber(url);
	const base = { q, filters, page, search: null, invalid: false };
	// Kept for anonymous readers while the search's answer is unchanged (page-cache).
	sharePage(locals);

	if (!q && FACETS.every((name) => filters[name].length === 0)) {
		return base;
	}
	try {
		const search = await apiGet<SearchResponse>(
			`/api/v1/search/${query({ q, ...filters, page: page > 1 ? page : undefined })}`,
			{ fetch, lang: locals.lang }
		);
		return { ...base, search };
	} catch (err) {
		if (err instanceof ApiError && err.kind === 'http' && err.status === 400) {
			setHeaders({ 'cache-control': 'no-store' });
			return { ...base, invalid: true };
		}
		if (err instanceof ApiError && err.kind === 'http' && err.status === 404 && page === 1) {
			// The first page always exists: a 404 means the search service is not there.
			failFromApi(new ApiError(503, 'http', err.url, err.title, err.detail), event, 'search');
		}
		failFromApi(err, event, 'search');
	}
}) satisfies PageServerLoad;
