/** Search page: a placeholder until the search API exists; it echoes the query. */
import { SEARCH_MAX_LENGTH } from '$lib/site';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => {
	const q = (url.searchParams.get('q') ?? '').trim().slice(0, SEARCH_MAX_LENGTH);
	return { q };
};
