/**
 * The counter tablet: `?co-quan=ID&quay=N` picks the agency and names the counter;
 * three big buttons post a counter rating (with its counter, so the agency's managers
 * see ratings per desk) to `POST /api/v1/satisfaction/counter-ratings/`
 * and the page comes back with `cam-on=1`, a thank-you that returns to the buttons by
 * itself (a meta refresh, so it works without JavaScript).
 */
import { error, fail, redirect } from '@sveltejs/kit';
import { messages } from '$lib/i18n';
import { ApiError, apiGet, apiPost } from '$lib/server/api';
import { idempotencyKey, text } from '$lib/server/forms';
import { failFromApi } from '$lib/server/load';
import { COUNTER_LEVELS, type Agency, type CounterLevel, type Reception } from '$lib/types';
import { kioskPath } from '$lib/url';
import type { Actions, PageServerLoad } from './$types';

export const csr = false;

/** Seconds the thank-you stays before the screen returns to the buttons. */
const RESET_SECONDS = 6;
const AGENCY_ID = /^\d{1,9}$/;
/** A counter's name: short, shown on screen and sent with each rating (the API's rule). */
const COUNTER = /^[\p{L}\p{N} .-]{1,20}$/u;

export const load = (async (event) => {
	const { url, fetch, locals, setHeaders } = event;
	const t = messages[locals.lang].kiosk;
	const id = (url.searchParams.get('co-quan') ?? '').trim();
	const rawCounter = (url.searchParams.get('quay') ?? '').trim();
	const counter = COUNTER.test(rawCounter) ? rawCounter : '';
	if (!AGENCY_ID.test(id)) error(400, { message: t.setupText });
	let agency: Agency;
	try {
		agency = await apiGet<Agency>(`/api/v1/agencies/${id}/`, { fetch, lang: locals.lang });
	} catch (err) {
		if (err instanceof ApiError && err.kind === 'http' && err.status === 404) {
			error(404, { message: `${t.unknownAgency(id)} ${t.setupText}` });
		}
		failFromApi(err, event, `kiosk agency ${id}`);
	}
	// A centre that lists its counters: the tablet shows the counter's label, and a
	// counter it does not have is a set-up mistake (the API would refuse the ratings).
	let counters: Reception['counters'] = [];
	try {
		counters = (await apiGet<Reception>(`/api/v1/agencies/${id}/reception/`, { fetch, lang: locals.lang })).counters;
	} catch (err) {
		if (!(err instanceof ApiError)) throw err;
		console.error(`kiosk reception ${id}: ${err.message}`);
	}
	const listed = counters.find((c) => c.number === counter);
	if (counter && counters.length > 0 && !listed) {
		error(400, {
			message: `${t.unknownCounter(counter, agency.name, counters.map((c) => c.number).join(', '))} ${t.setupText}`
		});
	}
	// Set only now: failFromApi sets its own (SvelteKit refuses a header set twice).
	setHeaders({ 'cache-control': 'no-store' });
	return {
		agency: { id: agency.id, name: agency.name },
		counter,
		counterLabel: listed?.label ?? '',
		thanks: url.searchParams.get('cam-on') === '1',
		home: kioskPath(agency.id, counter || undefined),
		resetSeconds: RESET_SECONDS,
		idempotency_key: crypto.randomUUID()
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, fetch, locals, url }) => {
		const form = await request.formData();
		const agency = (url.searchParams.get('co-quan') ?? '').trim();
		const rawCounter = (url.searchParams.get('quay') ?? '').trim();
		const counter = COUNTER.test(rawCounter) ? rawCounter : undefined;
		const level = text(form, 'level') as CounterLevel;
		if (!AGENCY_ID.test(agency) || !COUNTER_LEVELS.includes(level)) {
			return fail(400, { failed: true });
		}
		try {
			await apiPost(
				'/api/v1/satisfaction/counter-ratings/',
				{ agency: Number(agency), level, ...(counter ? { counter } : {}) },
				{ fetch, lang: locals.lang, headers: { 'Idempotency-Key': idempotencyKey(form) } }
			);
		} catch (err) {
			if (!(err instanceof ApiError)) throw err;
			console.error(`kiosk rating: ${err.message}`);
			return fail(err.unavailable ? 503 : err.status, { failed: true });
		}
		const home = kioskPath(agency, counter);
		redirect(303, `${home}&cam-on=1`);
	}
} satisfies Actions;
