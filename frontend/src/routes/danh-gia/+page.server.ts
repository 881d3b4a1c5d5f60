/**
 * The dossier evaluation form (Circular 01/2018: nine criteria, 0–2 points each),
 * working without JavaScript. `?thu-tuc=CODE` and `?ho-so=CODE` prefill it: the
 * procedure puts its agencies first, the dossier picks its agency. The action posts
 * JSON to `POST /api/v1/satisfaction/evaluations/` with the `Idempotency-Key` made when
 * the form was rendered, then shows the total and grade on `/danh-gia/da-gui`.
 */
import { redirect } from '@sveltejs/kit';
import { ApiError, apiGet, apiPost } from '$lib/server/api';
import { allAgencies } from '$lib/server/agencies';
import { failFromPost, idempotencyKey, text, type FormFailure } from '$lib/server/forms';
import { failFromApi } from '$lib/server/load';
import {
	EVALUATION_CRITERIA,
	type Agency,
	type EvaluationCriterion,
	type EvaluationResult,
	type ProcedureDetail,
	type PublicDossier
} from '$lib/types';
import { DOSSIER_CODE, PROCEDURE_CODE, query } from '$lib/url';
import type { Actions, PageServerLoad } from './$types';

export const csr = false;

export type Score = '' | '0' | '1' | '2';

export interface EvaluationValues {
	agency: string;
	procedure: string;
	dossier_code: string;
	scores: Record<EvaluationCriterion, Score>;
	idempotency_key: string;
}

export type EvaluationFailure = FormFailure<EvaluationValues>;

const FIELDS = ['agency', 'procedure', 'dossier_code', ...EVALUATION_CRITERIA] as const;

const emptyScores = (): Record<EvaluationCriterion, Score> =>
	Object.fromEntries(EVALUATION_CRITERIA.map((c) => [c, ''])) as Record<
		EvaluationCriterion,
		Score
	>;

/** A procedure or dossier looked up only to prefill: not finding it is no error. */
async function optional<T>(promise: Promise<T> | null): Promise<T | null> {
	if (!promise) return null;
	try {
		return await promise;
	} catch (err) {
		if (err instanceof ApiError && err.kind === 'http' && err.status < 500) return null;
		throw err;
	}
}

export const load = (async (event) => {
	const { url, fetch, locals, setHeaders } = event;
	const options = { fetch, lang: locals.lang };
	const dossierCode = (url.searchParams.get('ho-so') ?? '').replace(/\s+/g, '');
	let procedureCode = (
		url.searchParams.get('thu-tuc') ??
		url.searchParams.get('procedure') ??
		''
	).trim();
	if (!PROCEDURE_CODE.test(procedureCode)) procedureCode = '';
	const validDossier = DOSSIER_CODE.test(dossierCode);

	let agencies: Agency[];
	let dossier: PublicDossier | null;
	try {
		[agencies, dossier] = await Promise.all([
			allAgencies(options),
			optional(
				validDossier
					? apiGet<PublicDossier>(`/api/v1/dossiers/${encodeURIComponent(dossierCode)}/`, options)
					: null
			)
		]);
	} catch (err) {
		failFromApi(err, event, 'evaluation form');
	}
	if (!procedureCode && dossier?.procedure) procedureCode = dossier.procedure.code;
	let procedure: ProcedureDetail | null;
	try {
		procedure = await optional(
			procedureCode
				? apiGet<ProcedureDetail>(`/api/v1/procedures/${encodeURIComponent(procedureCode)}/`, options)
				: null
		);
	} catch (err) {
		failFromApi(err, event, 'evaluation form');
	}

	// The dossier names its agency; the procedure's agencies come first in the list.
	const ownIds = new Set((procedure?.agencies ?? []).map((a) => a.id));
	const fromDossier = dossier ? agencies.find((a) => a.name === dossier.agency) : undefined;
	const agency = fromDossier?.id ?? (ownIds.size === 1 ? [...ownIds][0] : undefined);

	// Set only now: failFromApi sets its own (SvelteKit refuses a header set twice).
	setHeaders({ 'cache-control': 'no-store' });
	const values: EvaluationValues = {
		agency: agency === undefined ? '' : String(agency),
		procedure: procedure?.code ?? '',
		dossier_code: dossierCode && (dossier || validDossier) ? dossierCode : '',
		scores: emptyScores(),
		idempotency_key: crypto.randomUUID()
	};
	return {
		values,
		agencies: agencies.map((a) => ({ id: a.id, name: a.name, own: ownIds.has(a.id) })),
		procedure: procedure ? { code: procedure.code, name: procedure.name } : null,
		dossier: dossier ? { code: dossier.code, agency: dossier.agency } : null,
		dossierMissing: dossierCode !== '' && !dossier ? dossierCode : null
	};
}) satisfies PageServerLoad;

function readValues(form: FormData): EvaluationValues {
	const scores = emptyScores();
	for (const name of EVALUATION_CRITERIA) {
		const v = text(form, name);
		scores[name] = v === '0' || v === '1' || v === '2' ? v : '';
	}
	return {
		agency: text(form, 'agency').trim(),
		procedure: text(form, 'procedure').trim(),
		dossier_code: text(form, 'dossier_code').trim(),
		scores,
		idempotency_key: idempotencyKey(form)
	};
}

/** The API's body: what is missing is left out, so the API names it as required. */
function payload(values: EvaluationValues): Record<string, unknown> {
	const body: Record<string, unknown> = {};
	if (values.agency) body.agency = /^\d+$/.test(values.agency) ? Number(values.agency) : values.agency;
	if (values.procedure) body.procedure = values.procedure;
	if (values.dossier_code) body.dossier_code = values.dossier_code;
	for (const name of EVALUATION_CRITERIA) {
		if (values.scores[name] !== '') body[name] = Number(values.scores[name]);
	}
	return body;
}

export const actions = {
	default: async ({ request, fetch, locals }) => {
		const values = readValues(await request.formData());
		let result: EvaluationResult;
		try {
			const answer = await apiPost<EvaluationResult>(
				'/api/v1/satisfaction/evaluations/',
				payload(values),
				{ fetch, lang: locals.lang, headers: { 'Idempotency-Key': values.idempotency_key } }
			);
			result = answer.data;
		} catch (err) {
			return failFromPost(err, values, locals.lang, FIELDS, 'evaluation');
		}
		redirect(303, `/danh-gia/da-gui${query({ diem: result.total, 'xep-loai': result.grade })}`);
	}
} satisfies Actions;
