/** Reading one dossier's public resources (the lookup, the receipt) for a page. */
import { error } from '@sveltejs/kit';
import { messages, type Lang } from '$lib/i18n';
import { DOSSIER_CODE, DOSSIER_CODE_CHARS } from '$lib/url';
import { ApiError, apiGet, apiGetFile, type ApiFile, type ApiOptions } from './api';
import { failFromApi } from './load';

interface DossierEvent {
	params: { code: string };
	fetch: typeof fetch;
	locals: { lang: Lang };
	setHeaders: (headers: Record<string, string>) => void;
}

/**
 * `GET /api/v1/dossiers/{code}/{suffix}`. An unknown code is a 404 saying what a code
 * looks like (and that this one does not, when so); too many lookups a 429; the API
 * down a 503.
 */
export async function loadDossier<T>(event: DossierEvent, suffix = ''): Promise<T> {
	return dossierRequest(event, suffix, (path, options) => apiGet<T>(path, options));
}

/** The receipt as a PDF (`GET /api/v1/dossiers/{code}/receipt.pdf`), errors as above. */
export async function loadReceiptPdf(event: DossierEvent): Promise<ApiFile> {
	return dossierRequest(event, 'receipt.pdf', (path, options) =>
		// Drawing a PDF takes longer than reading JSON.
		apiGetFile(path, 'application/pdf', { ...options, timeoutMs: 15_000 })
	);
}

async function dossierRequest<T>(
	event: DossierEvent,
	suffix: string,
	get: (path: string, options: ApiOptions) => Promise<T>
): Promise<T> {
	const { params, fetch, locals, setHeaders } = event;
	const t = messages[locals.lang].dossier;
	// Stray spaces (typed or read aloud) are not part of a code; the API ignores case.
	const code = params.code.replace(/\s+/g, '');
	if (!DOSSIER_CODE_CHARS.test(code)) {
		error(404, { message: `${t.notFoundText(code.slice(0, 80))} ${t.badFormat}` });
	}
	try {
		const found = await get(`/api/v1/dossiers/${encodeURIComponent(code)}/${suffix}`, {
			fetch,
			lang: locals.lang
		});
		// Set only now: failFromApi sets its own (SvelteKit refuses a header set twice).
		setHeaders({ 'cache-control': 'no-store' });
		return found;
	} catch (err) {
		if (err instanceof ApiError && err.kind === 'http') {
			if (err.status === 404) {
				const hint = DOSSIER_CODE.test(code) ? '' : ` ${t.badFormat}`;
				error(404, { message: t.notFoundText(code) + hint });
			}
			if (err.status === 429) {
				setHeaders({ 'retry-after': String(err.retryAfter ?? 60) });
				error(429, { message: t.tooMany });
			}
		}
		failFromApi(err, event, `dossier ${code}${suffix ? ` ${suffix}` : ''}`);
	}
}

/**
 * An SVG the API drew (barcode, QR code), fit to put in the page: it must be an SVG
 * document and carry nothing that runs or loads (scripts, handlers, foreign objects,
 * outside references). The XML prolog and doctype are dropped. Anything else → null,
 * and the page shows the code as text instead.
 */
export function safeSvg(value: unknown): string | null {
	if (typeof value !== 'string' || value.length > 200_000) return null;
	let svg = value.trim();
	if (!svg.startsWith('<svg') && !svg.startsWith('<?xml')) return null;
	// The prolog, doctype and comments before the root element, in whatever order.
	for (let before = ''; before !== svg; ) {
		before = svg;
		svg = svg
			.replace(/^<\?xml[^>]*\?>\s*/, '')
			.replace(/^<!--[\s\S]*?-->\s*/, '')
			.replace(/^<!DOCTYPE[^>]*>\s*/i, '');
	}
	if (!/^<svg[\s>]/.test(svg) || !/<\/svg>$/.test(svg)) return null;
	if (/<(script|foreignObject|iframe|object|embed|image|use|a|style)\b/i.test(svg)) return null;
	if (/\son\w+\s*=|javascript:|(?:xlink:)?href\s*=|url\s*\(/i.test(svg)) return null;
	return svg;
}
