/**
 * The dossier evaluation form (nine criteria, 0–2 points each,
 * as the API serves them: `$lib/server/criteria.ts`), working without JavaScript. `?thu-tuc=CODE` and `?ho-so=CODE` prefill it: the
 * procedure puts its agencies first, the dossier picks its agency. The action posts
 * JSON to `POST /api/v1/satisfaction/evaluations/` with the `Idempotency-Key` made when
 * the form was rendered, then shows the total and grade on `/danh-gia/da-gui`.
 */
import { fail, redirect } from '@sveltejs/kit';
import { ApiError, apiGet, apiPost } from '$lib/server/api';
import { allAgencies } from '$lib/server/agencies';
import { evaluationForm } from '$lib/server/criteria';
import { failFromPost, idempotencyKey, text, type FormFailure } from '$lib/server/forms';
import { failFromApi } from '$lib/server/load';
import type { Agency, EvaluationResult, ProcedureDetail, PublicDossier } from '$lib/types';
import { DOSSIER_CODE, PROCEDURE_CODE, query } from '$lib/url';
import type { Actions, PageServerLoad } from './$types';

export const csr = false;

export type Score = '' | '0' | '1' | '2';

export interface EvaluationValues {
	agency: string;
	procedure: string;
	dossier_code: string;
	/** Points by criterion name. */
	scores: Record<string, Score>;
	idempotency_key: string;
}

export type EvaluationFailure = FormFailure<EvaluationValues>;

const FIELDS = ['agency', 'procedure', 'dossier_code'] as const;
/** What a criterion's field may be called (the API names them; this keeps junk out). */
const CRITERION_NAME = /^[a-z][a-z_]{0,39}$/;

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
	let form: Awaited<ReturnType<typeof evaluationForm>>;
	try {
		[agencies, dossier, form] = await Promise.all([
			allAgencies(options),
			optional(
				validDossier
					? apiGet<PublicDossier>(`/api/v1/dossiers/${encodeURIComponent(dossierCode)}/`, options)
					: null
			),
			evaluationForm(options)
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
		scores: Object.fromEntries(form.criteria.map((c) => [c.name, ''])),
		idempotency_key: crypto.randomUUID()
	};
	return {
		values,
		criteria: form.criteria,
		agencies: agencies.map((a) => ({ id: a.id, name: a.name, own: ownIds.has(a.id) })),
		procedure: procedure ? { code: procedure.code, name: procedure.name } : null,
		dossier: dossier ? { code: dossier.code, agency: dossier.agency } : null,
		dossierMissing: dossierCode !== '' && !dossier ? dossierCode : null
	};
}) satisfies PageServerLoad;

/**
 * The posted answers. The criteria's scores are the posted fields answered 0, 1 or 2
 * (the form's radios); which criteria there are is the API's to say, and it names any
 * left out. Reading them from the form spares the post a request for the criteria.
 */
function readValues(form: FormData): EvaluationValues {
	const scores: Record<string, Score> = {};
	for (const [name, value] of form.entries()) {
		if ((FIELDS as readonly string[]).includes(name) || !CRITERION_NAME.test(name)) continue;
		if (value === '0' || value === '1' || value === '2') scores[name] = value;
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
	for (const [name, score] of Object.entries(values.scores)) {
		if (score !== '') body[name] = Number(score);
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
			// One evaluation a dossier: after the revision window the API refuses with a
			// message saying so (in the page's language), shown as it is.
			if (err instanceof ApiError && err.kind === 'http' && err.status === 409 && err.detail) {
				const fresh = { ...values, idempotency_key: crypto.randomUUID() };
				return fail(409, { values: fresh, errors: {}, message: err.detail });
			}
			// A refused form's errors go to its fields: the criteria's names come from
			// the API (if it cannot say, their errors go to the whole form).
			const criteria = err instanceof ApiError && err.status === 400
				? await evaluationForm({ fetch, lang: locals.lang })
						.then((f) => f.criteria.map((c) => c.name))
						.catch(() => [])
				: [];
			return failFromPost(err, values, locals.lang, [...FIELDS, ...criteria], 'evaluation');
		}
		redirect(
			303,
			`/danh-gia/da-gui${query({ diem: result.total, 'xep-loai': result.grade, 'thay-the': result.replaced ? 1 : undefined })}`
		);
	}
} satisfies Actions;
