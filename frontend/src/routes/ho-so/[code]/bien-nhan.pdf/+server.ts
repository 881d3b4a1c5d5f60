/**
 * The receipt as an A4 PDF, drawn by the API (`/api/v1/dossiers/{code}/receipt.pdf`)
 * and passed on from our own origin, so a desk or a citizen can save, e-mail or print
 * it. An unknown code or too many lookups send the browser to the receipt page, which
 * explains them (an endpoint's own error would be the bare fallback page); the API
 * being down is that fallback page's "try again in a few minutes".
 */
import { isHttpError, redirect } from '@sveltejs/kit';
import type { ApiFile } from '$lib/server/api';
import { loadReceiptPdf } from '$lib/server/dossiers';
import { receiptPath } from '$lib/url';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const code = event.params.code.trim();
	let file: ApiFile;
	try {
		file = await loadReceiptPdf(event);
	} catch (err) {
		if (isHttpError(err) && (err.status === 404 || err.status === 429)) {
			redirect(303, receiptPath(code));
		}
		throw err;
	}
	return new Response(file.body, {
		headers: {
			'content-type': 'application/pdf',
			// The code passed DOSSIER_CODE_CHARS: no quote or line break can get in.
			'content-disposition': `inline; filename="bien-nhan-${code}.pdf"`,
			'x-content-type-options': 'nosniff'
		}
	});
};
