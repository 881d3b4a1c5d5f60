/** What page loads share: failing the right way when the API cannot help. */
import { error } from '@sveltejs/kit';
import { messages, type Lang } from '$lib/i18n';
import type { Paginated, ProcedureSummary } from '$lib/types';
import { pageNumber, query } from '$lib/url';
import { ApiError, apiGet } from './api';

export const PROCEDURES_PER_PAGE = 20;

interface FailEvent {
	locals: { lang: Lang };
	setHeaders: (headers: Record<string, string>) => void;
}

/**
 * Turn an API failure into the page's answer: the API's 404 becomes ours, an API that
 * is down or overloaded becomes 503 with a maintenance message, anything else 502.
 * Errors that are not `ApiError` are bugs and propagate as they are.
 */
export function failFromApi(err: unknown, event: FailEvent, what: string): never {
	if (!(err instanceof ApiError)) throw err;
	const t = messages[event.locals.lang].errors;
	if (err.status === 404 && err.kind === 'http') {
		error(404, { message: t.notFoundText });
	}
	console.error(`${what}: ${err.message}`);
	event.setHeaders({ 'cache-control': 'no-store' });
	if (err.unavailable) {
		event.setHeaders({ 'retry-after': '120' });
		error(503, { message: t.maintenanceText, apiUnavailable: true });
	}
	// A 4xx on a request we built ourselves: our bug or the API's, not the visitor's.
	error(502, { message: t.errorText });
}

interface ListEvent extends FailEvent {
	url: URL;
	fetch: typeof fetch;
}

export interface ProcedurePage {
	procedures: Paginated<ProcedureSummary>;
	page: number;
	pageSize: number;
}

/** One page (from `?page=`) of the procedures matching `filter`, most used first. */
export async function loadProcedurePage(
	event: ListEvent,
	filter: Record<string, string>,
	what: string
): Promise<ProcedurePage> {
	const page = pageNumber(event.url);
	const path = `/api/v1/procedures/${query({
		...filter,
		ordering: '-popularity',
		page: page > 1 ? page : undefined,
		page_size: PROCEDURES_PER_PAGE
	})}`;
	try {
		const procedures = await apiGet<Paginated<ProcedureSummary>>(path, {
			fetch: event.fetch,
			lang: event.locals.lang
		});
		return { procedures, page, pageSize: PROCEDURES_PER_PAGE };
	} catch (err) {
		// DRF answers 404 for a page past the end: that page does not exist.
		failFromApi(err, event, what);
	}
}

/**
 * Await an entity and its procedure list together; when both fail, the entity's
 * failure is the one to report (an unknown slug makes the list a 400, the entity a 404).
 */
export async function entityWithProcedures<T>(
	event: FailEvent,
	entity: Promise<T>,
	list: Promise<ProcedurePage>,
	what: string
): Promise<{ entity: T } & ProcedurePage> {
	const [a, b] = await Promise.allSettled([entity, list]);
	if (a.status === 'rejected') failFromApi(a.reason, event, what);
	if (b.status === 'rejected') throw b.reason;
	return { entity: a.value, ...b.value };
}
