/**
 * The API's JSON shapes under the names the frontend uses: aliases of the types
 * openapi-typescript generates (`src/lib/api/schema.d.ts`) from the schema
 * drf-spectacular writes (`src/lib/api/openapi.json`). Nothing here describes the
 * wire by hand; `npm run api` regenerates both after an API change.
 */
import type { components } from './api/schema';

type Schemas = components['schemas'];

/** `GET /api/v1/summary/`: the portal's name and how much it publishes. */
export type Summary = Schemas['Summary'];

/** DRF's page-number pagination envelope around `T`. */
export type Paginated<T> = Omit<Schemas['PaginatedProcedureListList'], 'results'> & {
	results: T[];
};

export type FieldRef = Schemas['FieldRef'];
export type Level = Schemas['Level'];
export type OnlineLevel = Schemas['OnlineLevelEnum'];
export type ProcedureStatus = Schemas['ProcedureStatusEnum'];

/** One row of `GET /api/v1/procedures/`. */
export type ProcedureSummary = Schemas['ProcedureList'];
/** `GET /api/v1/procedures/{code}/` (and `/preview/`). */
export type ProcedureDetail = Schemas['ProcedureDetail'];
export type Fee = Schemas['Fee'];
export type Channel = Schemas['Channel'];
export type DossierComponent = Schemas['DossierComponent'];
export type DossierCase = Schemas['DossierCase'];
export type LegalDocument = Schemas['LegalDocument'];
export type Agency = Schemas['Agency'];
/** An agency as a procedure names it, with the part it plays. */
export type ProcedureAgency = Schemas['ProcedureAgency'];
export type ProcedureLink = Schemas['ProcedureLink'];
export type Field = Schemas['Field'];

/** `GET /api/v1/procedures/{code}/where/?xa=`: where to file in the province. */
export type Where = Schemas['Where'];
export type Unit = Schemas['Unit'];
export type AppliedValue = Schemas['AppliedValue'];
/** One row of `GET /api/v1/agencies/{id}/local-procedures/`. */
export type LocalProcedureRow = Schemas['LocalProcedureRow'];
/** A centre's counters and the departments each receives for; a department's counters. */
export type Reception = Schemas['Reception'];
export type LifeEvent = Schemas['LifeEvent'];

/** `GET /api/v1/search/`. */
export type SearchResponse = Schemas['SearchResponse'];
export type SearchHit = Schemas['SearchHit'];
export type FacetValue = Schemas['FacetValue'];
export type FacetName = keyof Schemas['Facets'];
/** `GET /api/v1/search/suggest/`. */
export type SuggestResponse = Schemas['SuggestResponse'];

/** Kinds of petition (PAKN) the API accepts, in the form's order. */
export type PetitionKind = Schemas['PetitionKindEnum'];
export const PETITION_KINDS = ['procedure', 'conduct', 'suggestion'] as const satisfies readonly PetitionKind[];
export type PetitionDeadline = Schemas['Deadline'];
/** `/petitions/{code}/` and the 202 of `POST /petitions/`: what the code's holder sees. */
export type PetitionStatus = Schemas['PetitionStatus'];
/** A published petition in `/petitions/` (masked). */
export type PublicPetition = Schemas['PublicPetition'];
/** The 201 of `POST /petitions/{code}/reactions/`: the counts and the reader's signed id. */
export type ReactionCounts = Schemas['ReactionCounts'];

/* --- Satisfaction ---------------------------------------------------------------- */

/**
 * `GET /satisfaction/criteria/`: the evaluation's criteria (the portal's survey), their
 * options and the grades, in Vietnamese and English; `$lib/server/criteria.ts` reads it.
 */
export type EvaluationForm = Schemas['EvaluationForm'];
/**
 * The evaluation's most points (nine criteria, 2 each), for the confirmation page,
 * which shows the total from its address alone; src/test/fixtures.test.ts holds it
 * to the served form's `max_points`.
 */
export const EVALUATION_MAX_POINTS = 18;

/** The 201 (or replayed 200) of `POST /satisfaction/evaluations/`. */
export type EvaluationResult = Schemas['EvaluationResult'];

/** Levels of the counter kiosk, best first. */
export type CounterLevel = Schemas['CounterRatingLevelEnum'];
export const COUNTER_LEVELS = ['very_satisfied', 'satisfied', 'dissatisfied'] as const satisfies readonly CounterLevel[];

/** A share (0–1) or a mean, with its 95% interval. */
export type Share = Schemas['Interval'];
export type Mean = Schemas['Interval'];

/** `GET /stats/satisfaction/?agency=&period=`. */
export type SatisfactionStats = Schemas['SatisfactionStats'];

/* --- Dossiers -------------------------------------------------------------------- */

export type DossierTimeliness = Schemas['TimelinessEnum'];
export type DossierEvent = Schemas['PublicEvent'];
/** `GET /dossiers/{code}/`: the lookup with how long dossiers like it took. */
export type DossierLookup = Schemas['DossierLookup'];
/** The public, masked lookup (as the receipt repeats it). */
export type PublicDossier = Omit<DossierLookup, 'completion_estimate'>;
/** `GET /procedures/{code}/completion-time/`: median and 90th percentile. */
export type CompletionTime = Schemas['CompletionTime'];
export type CompletionEstimate = Schemas['Estimate'];
/** `GET /dossiers/{code}/receipt/`: the lookup plus the printable codes. */
export type DossierReceipt = Schemas['Receipt'];
/** `GET /stats/dossiers/?agency=&period=`; the rates are percentages (0–100). */
export type DossierStats = Schemas['DossierStats'];
export type Index766 = Schemas['Index766'];
/** `GET /online-filing/{code}/`: the form built from the procedure's documents. */
export type FilingForm = Schemas['FilingForm'];
/** The 201 (or replayed 200) of `POST /online-filing/{code}/`. */
export type Filed = Schemas['Filed'];

/* --- Change history and alerts -------------------------------------------------- */

/** `GET /procedures/{code}/changes/`: every published change, newest first. */
export type ProcedureHistory = Schemas['ProcedureHistory'];
export type ProcedureVersion = Schemas['Version'];
export type ProcedureChange = Schemas['Change'];

/* The form orders above must list every value of their enums, and nothing else. */
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _exhaustive: [
	Exactly<(typeof PETITION_KINDS)[number], PetitionKind>,
	Exactly<(typeof COUNTER_LEVELS)[number], CounterLevel>
] = [true, true];
void _exhaustive;
