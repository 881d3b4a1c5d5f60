/**
 * Public statistics for an agency (`?co-quan=ID`, none for the whole province) and a
 * period (`?ky=2026`, `2026-Q2`, `2026-06`), chosen with a GET form: satisfaction from
 * `/stats/satisfaction/`, dossier handling from `/stats/dossiers/`, and for the province
 * the on-time rate of each agency that receives dossiers, and Decision 766's index from
 * `/stats/index-766/`. A section whose figures
 * cannot be had says so; the page fails (503) only when the API answers nothing.
 */
import { messages } from '$lib/i18n';
import { ApiError, apiGet, type ApiOptions } from '$lib/server/api';
import { allAgencies } from '$lib/server/agencies';
import { evaluationForm } from '$lib/server/criteria';
import { failFromApi } from '$lib/server/load';
import { PERIOD, defaultPeriod } from '$lib/stats';
import type { Agency, DossierStats, Index766, SatisfactionStats } from '$lib/types';
import { query } from '$lib/url';
import type { PageServerLoad } from './$types';

export const csr = false;

/** Agencies compared on the province's page, at most (one API call each). */
const MAX_COMPARED = 12;

interface Section<T> {
	data: T | null;
	/** Why there is no data: the API refused the request (message) or did not answer. */
	error: string | null;
}

async function section<T>(promise: Promise<T>, what: string): Promise<Section<T> & { down: boolean }> {
	try {
		return { data: await promise, error: null, down: false };
	} catch (err) {
		if (!(err instanceof ApiError)) throw err;
		console.error(`${what}: ${err.message}`);
		const refused = err.kind === 'http' && err.status === 400;
		const detail = refused ? Object.values(err.errors ?? {}).flat().join(' ') || err.detail : null;
		return { data: null, error: detail ?? null, down: !refused };
	}
}

export const load = (async (event) => {
	const { url, fetch, locals, setHeaders } = event;
	const t = messages[locals.lang].stats;
	const options: ApiOptions = { fetch, lang: locals.lang };
	const now = new Date();

	const rawPeriod = (url.searchParams.get('ky') ?? '').trim().toUpperCase();
	const periodValid = PERIOD.test(rawPeriod);
	const period = periodValid ? rawPeriod : defaultPeriod(now);
	const rawAgency = (url.searchParams.get('co-quan') ?? '').trim();
	const agencyId = /^\d{1,9}$/.test(rawAgency) ? rawAgency : '';

	const params = (agency?: string) => query({ agency, period });
	const [agencies, satisfaction, dossiers, form, index766] = await Promise.all([
		section(allAgencies(options), 'statistics agencies'),
		section(
			apiGet<SatisfactionStats>(`/api/v1/stats/satisfaction/${params(agencyId || undefined)}`, options),
			'satisfaction statistics'
		),
		section(
			apiGet<DossierStats>(`/api/v1/stats/dossiers/${params(agencyId || undefined)}`, options),
			'dossier statistics'
		),
		section(evaluationForm({ ...options, lang: locals.lang }), 'evaluation criteria'),
		section(
			apiGet<Index766>(`/api/v1/stats/index-766/${params(agencyId || undefined)}`, options),
			'index 766'
		)
	]);
	if (agencies.down && satisfaction.down && dossiers.down) {
		failFromApi(new ApiError(503, 'network', '/api/v1/stats/'), event, 'statistics');
	}

	// The province's page compares the agencies that receive dossiers (they have a code).
	let comparison: { id: number; name: string; stats: DossierStats }[] = [];
	if (!agencyId && agencies.data && dossiers.data) {
		const receiving = agencies.data.filter((a: Agency) => a.code).slice(0, MAX_COMPARED);
		const results = await Promise.all(
			receiving.map((a) =>
				section(apiGet<DossierStats>(`/api/v1/stats/dossiers/${params(String(a.id))}`, options), `dossier statistics ${a.id}`)
			)
		);
		comparison = receiving.flatMap((a, i) => {
			const stats = results[i]?.data;
			return stats && stats.received > 0 ? [{ id: a.id, name: a.name, stats }] : [];
		});
	}

	setHeaders({ 'cache-control': 'public, max-age=60' });
	const agency = agencyId ? agencies.data?.find((a) => String(a.id) === agencyId) : undefined;
	return {
		period,
		periodInvalid: rawPeriod !== '' && !periodValid,
		agencyId,
		agencyName: agencyId ? (agency?.name ?? `#${agencyId}`) : t.province,
		agencies: (agencies.data ?? []).map((a) => ({ id: a.id, name: a.name })),
		satisfaction: { data: satisfaction.data, error: satisfaction.error },
		dossiers: { data: dossiers.data, error: dossiers.error },
		comparison,
		index766: { data: index766.data, error: index766.error },
		// The criteria's and grades' names as the API serves them; without them the
		// charts fall back to the codes.
		criterionLabels: Object.fromEntries((form.data?.criteria ?? []).map((c) => [c.name, c.label])),
		gradeLabels: Object.fromEntries((form.data?.grades ?? []).map((g) => [g.code, g.label])),
		today: now.toISOString()
	};
}) satisfies PageServerLoad;
