/**
 * Home page: the portal's name and counts, the most used procedures, and ways in by
 * life event, field and agency. Only the summary is essential; a browse section
 * whose request fails is left out rather than failing the page.
 */
import { error } from '@sveltejs/kit';
import { ApiError, apiGet } from '$lib/server/api';
import { messages } from '$lib/i18n';
import { sharePage } from '$lib/server/page-cache';
import type { Agency, Field, LifeEvent, Paginated, ProcedureSummary, Summary } from '$lib/types';
import type { PageServerLoad } from './$types';

const POPULAR_COUNT = 8;
const BROWSE_COUNT = 12;

/** The `size` entries with most procedures, then by name. */
function top<T extends { name: string; procedure_count?: number }>(items: T[], size: number): T[] {
	return items
		.filter((item) => (item.procedure_count ?? 0) > 0)
		.sort(
			(a, b) =>
				(b.procedure_count ?? 0) - (a.procedure_count ?? 0) || a.name.localeCompare(b.name, 'vi')
		)
		.slice(0, size);
}

export const load = (async ({ fetch, setHeaders, locals }) => {
	// Kept for anonymous readers while every answer below is unchanged (page-cache).
	sharePage(locals);
	const options = { fetch, lang: locals.lang };
	const optional = <T>(promise: Promise<T>, what: string): Promise<T | null> =>
		promise.catch((err: unknown) => {
			if (!(err instanceof ApiError)) throw err;
			console.error(`home page ${what}: ${err.message}`);
			return null;
		});

	const [summary, popular, fields, lifeEvents, agencies] = await Promise.all([
		apiGet<Summary>('/api/v1/summary/', options).catch((err: unknown) => {
			if (!(err instanceof ApiError)) throw err;
			// Without the summary there is no home page to show: answer 503 so monitors and
			// crawlers see an outage, with a message people can act on.
			console.error(`home page: ${err.message}`);
			setHeaders({ 'retry-after': '120', 'cache-control': 'no-store' });
			error(503, { message: messages[locals.lang].errors.maintenanceText, apiUnavailable: true });
		}),
		optional(
			apiGet<Paginated<ProcedureSummary>>(
				`/api/v1/procedures/?ordering=-popularity&page_size=${POPULAR_COUNT}`,
				options
			),
			'popular procedures'
		),
		optional(apiGet<Field[]>('/api/v1/fields/', options), 'fields'),
		optional(apiGet<LifeEvent[]>('/api/v1/life-events/', options), 'life events'),
		optional(apiGet<Paginated<Agency>>('/api/v1/agencies/?page_size=100', options), 'agencies')
	]);

	return {
		summary,
		popular: popular?.results ?? null,
		fields: fields ? top(fields, BROWSE_COUNT) : null,
		lifeEvents: lifeEvents ? top(lifeEvents, BROWSE_COUNT) : null,
		agencies: agencies ? top(agencies.results, BROWSE_COUNT) : null
	};
}) satisfies PageServerLoad;
