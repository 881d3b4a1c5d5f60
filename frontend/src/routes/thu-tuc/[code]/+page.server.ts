/**
 * A procedure's page, read from `/procedures/{code}/`. Nothing on it needs
 * JavaScript (the print button brings its own few lines), so no client bundle ships.
 */
import { error } from '@sveltejs/kit';
import { apiGet } from '$lib/server/api';
import { failFromApi } from '$lib/server/load';
import { messages } from '$lib/i18n';
import type { ProcedureDetail } from '$lib/types';
import { procedurePath } from '$lib/url';
import type { PageServerLoad } from './$types';

export const csr = false;

/** Codes look like `1.001193` or `2.000281`; anything else cannot be a procedure. */
const CODE = /^[\w.-]{1,40}$/;

export const load = (async (event) => {
	const { params, fetch, locals, url } = event;
	if (!CODE.test(params.code)) {
		error(404, { message: messages[locals.lang].procedure.notFoundText });
	}
	try {
		const procedure = await apiGet<ProcedureDetail>(
			`/api/v1/procedures/${encodeURIComponent(params.code)}/`,
			{ fetch, lang: locals.lang }
		);
		return { procedure, canonical: url.origin + procedurePath(procedure.code) };
	} catch (err) {
		failFromApi(err, event, `procedure ${params.code}`);
	}
}) satisfies PageServerLoad;
