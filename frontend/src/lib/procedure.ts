/** Turning a procedure's API fields into what its page shows. */
import type { Channel, DossierComponent, ProcedureAgency, ProcedureDetail } from './types';

/**
 * The `<script type="application/ld+json">` element for `data`. JSON.stringify leaves
 * `<`, `>` and `&` alone, so a value containing `</script>` or `<!--` would end the
 * element early and let markup in; escaping them as \u003c etc. keeps the JSON equal.
 * U+2028/2029 are escaped too, for old parsers that treat them as line ends.
 */
export function jsonLdScript(data: unknown): string {
	const json = JSON.stringify(data)
		.replace(/</g, '\\u003c')
		.replace(/>/g, '\\u003e')
		.replace(/&/g, '\\u0026')
		.replace(/\u2028/g, '\\u2028')
		.replace(/\u2029/g, '\\u2029');
	return `<script type="application/ld+json">${json}</script>`;
}

/** Non-empty trimmed lines of a plain-text field. */
export function lines(text: string | null | undefined): string[] {
	return (text ?? '')
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter(Boolean);
}

export interface AgencyWithRoles extends Omit<ProcedureAgency, 'role' | 'role_label'> {
	roles: string[];
}

/** Each agency once, with every part it plays in the procedure. */
export function agenciesWithRoles(agencies: ProcedureAgency[]): AgencyWithRoles[] {
	const byId = new Map<number, AgencyWithRoles>();
	for (const { role: _role, role_label, ...agency } of agencies) {
		const seen = byId.get(agency.id);
		if (seen) {
			if (role_label && !seen.roles.includes(role_label)) seen.roles.push(role_label);
		} else {
			byId.set(agency.id, { ...agency, roles: role_label ? [role_label] : [] });
		}
	}
	return [...byId.values()];
}

/** Channels grouped by an equal value (time or fees), so a shared answer shows once. */
export function groupChannels<T>(
	channels: Channel[],
	value: (channel: Channel) => T
): { labels: string[]; value: T }[] {
	const groups = new Map<string, { labels: string[]; value: T }>();
	for (const channel of channels) {
		const v = value(channel);
		const key = JSON.stringify(v);
		const group = groups.get(key);
		if (group) group.labels.push(channel.kind_label);
		else groups.set(key, { labels: [channel.kind_label], value: v });
	}
	return [...groups.values()];
}

/**
 * Processing time per channel, channels with the same time together. The API's
 * `time_label` always carries a unit or says the source gives none ("Không ghi rõ
 * đơn vị — 1"), so a bare number never reaches the page.
 */
export function processingTimes(p: ProcedureDetail): { labels: string[]; value: string }[] {
	return groupChannels(
		p.channels.filter((c) => c.time_label),
		(c) => c.time_label
	);
}

/** The distinct amounts charged on any channel, smallest first. */
export function chargedAmounts(p: ProcedureDetail): number[] {
	const amounts = p.channels
		.flatMap((c) => c.fees)
		.filter((f) => !f.is_free && f.amount)
		.map((f) => f.amount as number);
	return [...new Set(amounts)].sort((a, b) => a - b);
}

/** "200.000 đồng" style amount in the given locale. */
export function formatAmount(amount: number, currency: string, locale: string): string {
	const formatted = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(amount);
	return currency === 'VND' || !currency ? `${formatted} đồng` : `${formatted} ${currency}`;
}

/** An ISO date (or date-time) as dd/mm/yyyy, or "" when there is none. */
export function formatDate(iso: string | null | undefined, locale: string): string {
	if (!iso) return '';
	const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
	if (Number.isNaN(date.getTime())) return iso;
	return new Intl.DateTimeFormat(locale, {
		day: '2-digit',
		month: '2-digit',
		year: 'numeric',
		timeZone: 'Asia/Ho_Chi_Minh'
	}).format(date);
}

/** At most `max` characters, cut at a word and marked with an ellipsis. */
export function truncate(text: string, max: number): string {
	const clean = text.replace(/\s+/g, ' ').trim();
	if (clean.length <= max) return clean;
	const cut = clean.slice(0, max - 1);
	const space = cut.lastIndexOf(' ');
	return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, '')}…`;
}

/** A meta description: what the procedure gives, where, how long and how much. */
export function metaDescription(p: ProcedureDetail): string {
	const parts = [p.name];
	if (p.field) parts.push(`Lĩnh vực: ${p.field.name}`);
	const agency = p.agencies.find((a) => a.role === 'implementing') ?? p.agencies[0];
	if (agency) parts.push(`Cơ quan thực hiện: ${agency.name}`);
	const time = p.channels.find((c) => c.time_label)?.time_label;
	if (time) parts.push(`Thời hạn: ${time}`);
	parts.push(p.has_fee ? 'Có thu phí, lệ phí' : 'Miễn phí');
	return truncate(parts.join('. '), 160);
}

/** A paper of the dossier with the heading of the case it is listed under. */
export type DossierItem = DossierComponent & { case: string };

export interface DossierLayout {
	/** The form templates to fill in (tờ khai, đơn, mẫu), first. */
	forms: DossierItem[];
	/** The other papers to bring, under their headings ("Giấy tờ phải nộp", …). */
	required: { case: string; items: DossierItem[] }[];
	/** Papers only some applicants need ("Trường hợp …" items), folded. */
	conditional: DossierItem[];
	/** Whole cases ("Trường hợp cấp lại …"): the applicant reads the one that fits. */
	cases: { case: string; items: DossierItem[] }[];
	/** Rows that only carry a note (no original, no copy), folded. */
	notes: DossierItem[];
}

const CASE_START = /^\s*(?:[-+•]\s*)?(?:trường hợp|đối với|nếu)\b/iu;
const NOTE_HEADING = /^\s*(?:lưu ý|ghi chú)\b/iu;
const FORM_START = /^\s*(?:[-+•]\s*)?(?:tờ khai|đơn|mẫu|phiếu|bản khai)\b/iu;

/** Is the paper a form to fill in (a named form, or a tờ khai / đơn / mẫu)? */
export function isForm(item: DossierComponent): boolean {
	return Boolean(item.form_name || item.form_url) || FORM_START.test(item.name);
}

/**
 * The dossier in the order an applicant needs it: the forms to fill in first, then
 * the papers to bring, then — folded — what only some cases need and the notes.
 * Nothing is dropped: every component lands in exactly one part.
 */
export function dossierLayout(dossier: ProcedureDetail['dossier']): DossierLayout {
	const layout: DossierLayout = { forms: [], required: [], conditional: [], cases: [], notes: [] };
	for (const group of dossier) {
		const items = group.components.map((c) => ({ ...c, case: group.case }));
		if (CASE_START.test(group.case)) {
			layout.cases.push({ case: group.case, items });
			continue;
		}
		const required: DossierItem[] = [];
		for (const item of items) {
			const informational = !item.originals && !item.copies;
			if (NOTE_HEADING.test(group.case) || (informational && !isForm(item))) {
				layout.notes.push(item);
			} else if (CASE_START.test(item.name)) {
				layout.conditional.push(item);
			} else if (isForm(item)) {
				layout.forms.push(item);
			} else {
				required.push(item);
			}
		}
		if (required.length > 0) {
			const same = layout.required.find((r) => r.case === group.case);
			if (same) same.items.push(...required);
			else layout.required.push({ case: group.case, items: required });
		}
	}
	return layout;
}
