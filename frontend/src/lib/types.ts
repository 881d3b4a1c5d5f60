/** Shapes of the portal API's JSON answers, as the frontend reads them. */

/** `GET /api/v1/summary/`: the portal's name and how much it publishes. */
export interface Summary {
	name: string;
	counts: {
		procedures: number;
		fields: number;
		agencies: number;
		/** Present once the feedback app publishes petitions. */
		petitions?: number;
	};
}

/** DRF's page-number pagination envelope. */
export interface Paginated<T> {
	count: number;
	next: string | null;
	previous: string | null;
	results: T[];
}

export interface FieldRef {
	name: string;
	slug: string;
}

export interface Level {
	slug: string;
	label: string;
}

export type OnlineLevel = 'none' | 'partial' | 'full';
export type ProcedureStatus = 'in_force' | 'replaced' | 'abolished';

/** One row of `GET /api/v1/procedures/`. */
export interface ProcedureSummary {
	code: string;
	name: string;
	url: string;
	field: FieldRef | null;
	levels: Level[];
	online_level: OnlineLevel;
	online_level_label: string;
	has_fee: boolean;
	status: ProcedureStatus;
	popularity: number;
	last_published_at: string | null;
}

export interface Fee {
	amount: number | null;
	currency: string;
	description: string;
	is_free: boolean;
	exemptions: string;
}

export interface Channel {
	kind: string;
	kind_label: string;
	processing_time: number | null;
	time_unit: string;
	time_text: string;
	fees: Fee[];
	description: string;
}

export interface DossierComponent {
	name: string;
	originals: number;
	copies: number;
	form_name: string;
	form_url: string | null;
	notes: string;
}

export interface DossierCase {
	case: string;
	components: DossierComponent[];
}

export interface LegalDocument {
	title: string;
	number: string;
	/** ISO date, or "" when unknown. */
	issued: string;
	url: string;
}

export interface Agency {
	id: number;
	name: string;
	short_name: string;
	code: string | null;
	level: string;
	level_label: string;
	parent: number | null;
	address: string;
	phone: string;
	email: string;
	opening_hours: string;
	map_url: string;
	procedure_count?: number;
}

/** An agency as a procedure names it, with the part it plays. */
export interface ProcedureAgency extends Agency {
	role: string;
	role_label: string;
}

export interface ProcedureLink {
	code: string;
	name: string;
	url: string;
}

export interface Field {
	id: number;
	name: string;
	slug: string;
	description: string;
	procedure_count: number;
}

export interface LifeEvent {
	id: number;
	name: string;
	slug: string;
	description: string;
	procedure_count: number;
}

/** `GET /api/v1/procedures/{code}/`. */
export interface ProcedureDetail extends ProcedureSummary {
	title: string;
	status_label: string;
	procedure_kind: string;
	applicants: string;
	reception_address: string;
	/** Each step as HTML the API has sanitised. */
	steps: string[];
	channels: Channel[];
	dossier: DossierCase[];
	requirements: string;
	results: { name: string; code: string }[];
	legal_basis: LegalDocument[];
	agencies: ProcedureAgency[];
	related_procedures: ProcedureLink[];
	related_text: string;
	life_events: LifeEvent[];
	decision_number: string;
	replaced_by: ProcedureLink | null;
	source_url: string;
	json_ld: Record<string, unknown>;
	/** True when the portal takes this procedure's dossiers online (`/online-filing/`). */
	online_filing?: boolean;
}

export type FacetName = 'field' | 'agency' | 'level' | 'online' | 'has_fee';

export interface FacetValue {
	value: string;
	label: string;
	count: number;
}

export interface SearchHit {
	code: string;
	name: string;
	url: string;
	field: FieldRef | null;
	levels: Level[];
	online_level: OnlineLevel;
	has_fee: boolean;
	/** HTML whose only markup is <mark>; the API has escaped everything else. */
	snippet: string;
}

/** `GET /api/v1/search/`. */
export interface SearchResponse {
	count: number;
	page: number;
	page_size: number;
	results: SearchHit[];
	facets: Partial<Record<FacetName, FacetValue[]>>;
	suggestion: string | null;
	degraded: boolean;
}

/** `GET /api/v1/search/suggest/`. */
export interface SuggestResponse {
	suggestions: ProcedureLink[];
}

/** Kinds of petition (PAKN) the API accepts (`feedback.models.PetitionKind`). */
export const PETITION_KINDS = ['procedure', 'conduct', 'suggestion'] as const;
export type PetitionKind = (typeof PETITION_KINDS)[number];

export interface PetitionDeadline {
	name: string;
	/** ISO date. */
	due: string;
	done_at: string | null;
	on_time: boolean | null;
	working_days_left: number | null;
}

/** `/petitions/{code}/` and the 202 of `POST /petitions/`: what the code's holder sees. */
export interface PetitionStatus {
	tracking_code: string;
	kind: PetitionKind;
	kind_label: string;
	status: string;
	status_label: string;
	title: string;
	agency: { id: number; name: string } | null;
	procedure: { code: string; title: string } | null;
	submitted_at: string;
	accepted_at: string | null;
	rejected_at: string | null;
	reject_reason: string;
	answered_at: string | null;
	published_at: string | null;
	deadlines: PetitionDeadline[];
	answer: string | null;
	likes: number;
	dislikes: number;
}

/** A published petition in `/petitions/` (masked). */
export interface PublicPetition {
	tracking_code: string;
	kind: PetitionKind;
	kind_label: string;
	title: string;
	body: string;
	agency: { id: number; name: string } | null;
	procedure: { code: string; title: string } | null;
	submitted_at: string;
	answered_at: string | null;
	published_at: string | null;
	answer: string;
	likes: number;
	dislikes: number;
}

/* --- Satisfaction (feedback/satisfaction.py) --------------------------------------- */

/** The nine criteria of Circular 01/2018, 0–2 points each (`feedback.models.EVALUATION_CRITERIA`). */
export const EVALUATION_CRITERIA = [
	'total_time',
	'agency_time',
	'contacts',
	'agencies_contacted',
	'one_stop',
	'publicly_posted',
	'attitude',
	'feedback_handling',
	'online_quality'
] as const;
export type EvaluationCriterion = (typeof EVALUATION_CRITERIA)[number];
export const EVALUATION_MAX_POINTS = 2 * EVALUATION_CRITERIA.length;

/** The 201 (or replayed 200) of `POST /satisfaction/evaluations/`. */
export interface EvaluationResult {
	id: number;
	created_at: string;
	total: number;
	grade: string;
	grade_label: string;
}

/** Levels of the counter kiosk (`feedback.models.CounterLevel`), best first. */
export const COUNTER_LEVELS = ['very_satisfied', 'satisfied', 'dissatisfied'] as const;
export type CounterLevel = (typeof COUNTER_LEVELS)[number];

/** A share with its 95% interval (Wilson), both as fractions 0–1. */
export interface Share {
	value: number | null;
	ci95: [number, number] | null;
}

/** A mean with its 95% interval. */
export interface Mean {
	value: number | null;
	ci95: [number, number] | null;
}

/** `GET /stats/satisfaction/?agency=&period=`. */
export interface SatisfactionStats {
	period: string;
	agency: number | null;
	counter: {
		responses: number;
		levels: Record<CounterLevel, number>;
		share_satisfied: Share;
	};
	evaluations: {
		responses: number;
		max_points: number;
		mean_total: Mean;
		share_satisfied: Share;
		criteria: Record<EvaluationCriterion, Mean>;
		grades: Record<string, number>;
	};
	pages: { responses: number; share_useful: Share };
}

/* --- Dossiers (dossiers/api) ------------------------------------------------------- */

export type DossierTimeliness =
	| 'early'
	| 'on_time'
	| 'late'
	| 'pending_within'
	| 'pending_overdue'
	| 'rejected'
	| 'withdrawn';

export interface DossierEvent {
	kind: string;
	label: string;
	occurred_at: string;
	agency: string | null;
	note: string;
}

/** `GET /dossiers/{code}/`: the public, masked lookup. */
export interface PublicDossier {
	code: string;
	procedure: { code: string; title: string } | null;
	agency: string;
	channel: string;
	/** Masked: "Nguyễn V. A." */
	applicant: string;
	status: string;
	status_label: string;
	received_at: string;
	/** ISO date. */
	promised_at: string;
	/** ISO date: the promised date pushed back by supplement waits. */
	deadline: string;
	resolved_at: string | null;
	timeliness: DossierTimeliness;
	agencies: string[];
	history: DossierEvent[];
}

/** `GET /dossiers/{code}/receipt/`: the lookup plus the printable codes. */
export interface DossierReceipt extends PublicDossier {
	/** Code 128 of the dossier code, an SVG document made by the API. */
	barcode_svg: string;
	/** QR code of `lookup_url`, an SVG document made by the API. */
	qr_svg: string;
	lookup_url: string;
	evaluation_url: string;
}

/** `GET /stats/dossiers/?agency=&period=`; the rates are percentages (0–100). */
export interface DossierStats {
	period: string;
	agency: string | null;
	received: number;
	received_new: number;
	carried_over: number;
	received_online: number;
	resolved: number;
	resolved_early: number;
	resolved_on_time: number;
	resolved_late: number;
	rejected: number;
	withdrawn: number;
	pending: number;
	pending_within: number;
	pending_overdue: number;
	on_time_rate: number | null;
	online_share: number | null;
}
