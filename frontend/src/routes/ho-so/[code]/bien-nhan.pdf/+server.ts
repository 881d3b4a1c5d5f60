/**
 * The receipt as an A4 PDF, drawn by the API (`/api/v1/dossiers/{code}/receipt.pdf`)
 * and passed on from our own origin, so a desk or a citizen can save, e-mail or print
 * it. Unknown codes, too many lookups and the API being down answer as the receipt
 * page does; the load sets `cache-control: no-store`.
 */
import { loadReceiptPdf } from '$lib/server/dossiers';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const file = await loadReceiptPdf(event);
	const code = event.params.code.trim();
	return new Response(file.body, {
		headers: {
			'content-type': 'application/pdf',
			// The code passed DOSSIER_CODE_CHARS: no quote or line break can get in.
			'content-disposition': `inline; filename="bien-nhan-${code}.pdf"`,
			'x-content-type-options': 'nosniff'
		}
	});
};
