/** Addresses inside the site, built in one place. */

export type QueryValue = string | number | boolean | null | undefined | readonly string[];

/** `?a=1&b=x&b=y` from the given values, leaving out empty ones; "" when none. */
export function query(params: Record<string, QueryValue>): string {
	const search = new URLSearchParams();
	for (const [key, value] of Object.entries(params)) {
		if (value === null || value === undefined || value === '') continue;
		if (Array.isArray(value)) {
			for (const item of value) if (item !== '') search.append(key, item);
		} else {
			search.append(key, String(value));
		}
	}
	const text = search.toString();
	return text ? `?${text}` : '';
}

export const procedurePath = (code: string): string => `/thu-tuc/${encodeURIComponent(code)}`;
export const fieldPath = (slug: string): string => `/linh-vuc/${encodeURIComponent(slug)}`;
export const agencyPath = (id: number | string): string => `/co-quan/${id}`;
/** The Atom feeds of changes, passed on from the API (`alerts/views.py`). */
export const procedureFeedPath = (code: string): string => `${procedurePath(code)}/thay-doi.atom`;
export const fieldFeedPath = (slug: string): string => `${fieldPath(slug)}/thay-doi.atom`;
export const agencyFeedPath = (id: number | string): string => `${agencyPath(id)}/thay-doi.atom`;
/** `?theo-doi=da-gui`: the follow form was sent, the confirmation e-mail is on its way. */
export const FOLLOW_PARAM = 'theo-doi';
export const FOLLOW_SENT = 'da-gui';
/** Where a follow form sends the visitor back to after it was sent. */
export const followSentPath = (path: string): string =>
	`${path}${query({ [FOLLOW_PARAM]: FOLLOW_SENT })}#theo-doi`;
export const lifeEventPath = (slug: string): string => `/su-kien/${encodeURIComponent(slug)}`;

/** Where the petition form will live (built with the feedback API). */
export const petitionPath = (procedure?: string): string =>
	`/phan-anh/gui${query({ procedure })}`;
/** The dossier evaluation form, prefilled with a procedure and/or a dossier code. */
export const ratingPath = (procedure?: string, dossier?: string): string =>
	`/danh-gia${query({ 'thu-tuc': procedure, 'ho-so': dossier })}`;

/** A path on this site to return to; anything else (other hosts, `//x`) goes home. */
export function safeNext(next: string | null): string {
	if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
		return '/';
	}
	return next;
}

/** The page number in `?page=`, or 1 when it is missing or not a positive integer. */
export function pageNumber(url: URL): number {
	const raw = url.searchParams.get('page');
	if (!raw || !/^\d{1,6}$/.test(raw)) return 1;
	return Math.max(1, Number(raw));
}

/** The petition form's search for a procedure by name (a GET form on that page). */
export const PETITION_FIND_PARAM = 'tim-thu-tuc';

/** The page that shows a new petition's tracking code. */
export const petitionSentPath = (code: string): string => `/phan-anh/da-gui${query({ ma: code })}`;
/** Where a petition is tracked by its code. */
export const petitionTrackPath = (code?: string): string =>
	`/phan-anh/tra-cuu${query({ ma: code })}`;

/**
 * A tracking code as typed from the confirmation page ("t4t3 dk6m rnp7", any case,
 * dashes or stray spaces) in the form the API stores it ("T4T3-DK6M-RNP7"), as the
 * API's `normalise_tracking_code` reads it.
 */
export function normaliseTrackingCode(raw: string): string {
	const compact = raw.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
	// Only a code of the confirmation page's length is regrouped; anything else is sent
	// as typed (trimmed) for the API to judge.
	if (compact.length !== 12) return raw.trim();
	return (compact.match(/.{4}/g) ?? []).join('-');
}

/** Tracking codes: letters, digits and hyphens (the API's lookup pattern). */
export const TRACKING_CODE = /^[0-9A-Za-z-]{1,40}$/;

/**
 * Dossier codes: `<agency code>-<YYMMDD>-<sequence>` (Circular 03/2025/TT-VPCP art. 13(3);
 * the API's `PUBLIC_CODE_RE`); codes issued before 25/01/2026 have the date in 8 digits.
 */
export const DOSSIER_CODE = /^[0-9A-Za-z._]{1,40}-(?:\d{6}|\d{8})-\d{4,9}$/;
/** What may be looked up at all (letters, digits, dots, underscores, hyphens). */
export const DOSSIER_CODE_CHARS = /^[0-9A-Za-z._-]{1,80}$/;
/** Procedure codes such as `1.001193`. */
export const PROCEDURE_CODE = /^[\w.-]{1,40}$/;

/** A dossier's public page, its printable receipt, and the lookup form. */
export const dossierPath = (code: string): string => `/ho-so/${encodeURIComponent(code)}`;
/**
 * The dossier code in what was typed or scanned: a receipt's Code 128 barcode holds the
 * bare code, its QR code the lookup address, so an address with `/ho-so/CODE` gives CODE.
 * Spaces are dropped. /scan.js reads decoded text the same way (tested against this).
 */
export function dossierCodeFrom(raw: string): string {
	const value = raw.trim();
	const fromUrl = value.match(/\/ho-so\/([^/?#\s]+)/);
	let code = value;
	if (fromUrl?.[1]) {
		try {
			code = decodeURIComponent(fromUrl[1]);
		} catch {
			code = fromUrl[1];
		}
	}
	return code.replace(/\s+/g, '').slice(0, 80);
}
export const receiptPath = (code: string): string => `${dossierPath(code)}/bien-nhan`;
/** The receipt as an A4 PDF (drawn by the API, served from our origin). */
export const receiptPdfPath = (code: string): string => `${receiptPath(code)}.pdf`;
export const dossierLookupPath = (code?: string): string => `/ho-so${query({ ma: code })}`;
/** Online filing of a procedure's dossier. */
export const onlineFilingPath = (procedure: string): string =>
	`/nop-truc-tuyen/${encodeURIComponent(procedure)}`;
/** The public statistics, for an agency (id) and period. */
export const statsPath = (agency?: string | number, period?: string): string =>
	`/thong-ke${query({ 'co-quan': agency === undefined ? undefined : String(agency), ky: period })}`;
/** The counter kiosk of an agency (id) and counter. */
export const kioskPath = (agency: string | number, counter?: string): string =>
	`/kiosk${query({ 'co-quan': String(agency), quay: counter })}`;
