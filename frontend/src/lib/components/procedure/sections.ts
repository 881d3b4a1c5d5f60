/**
 * The procedure page's sections, in the order people look for them: each with its
 * anchor, its heading, whether this procedure has anything to show there, and the
 * component that shows it. The page and its table of contents both follow this list,
 * so reordering the page is reordering it.
 */
import type { Component } from 'svelte';
import type { Messages } from '$lib/i18n';
import { agenciesWithRoles, lines, processingTimes } from '$lib/procedure';
import type { FollowState } from '$lib/follow';
import type { CompletionTime, ProcedureDetail, ProcedureHistory, Where } from '$lib/types';
import Applicants from './Applicants.svelte';
import ChangeHistory from './ChangeHistory.svelte';
import Contacts from './Contacts.svelte';
import Documents from './Documents.svelte';
import Feedback from './Feedback.svelte';
import Fees from './Fees.svelte';
import LegalBasis from './LegalBasis.svelte';
import MoreInfo from './MoreInfo.svelte';
import ProcessingTimes from './ProcessingTimes.svelte';
import Related from './Related.svelte';
import Requirements from './Requirements.svelte';
import Results from './Results.svelte';
import Steps from './Steps.svelte';
import WhereToApply from './WhereToApply.svelte';

/** "Was this page useful?": thanked after sending, or failed to send. */
export interface Useful {
	thanks: boolean;
	failed: boolean;
	key: string;
}

/** "Where do I go?" in the province: the API's answer, or its message for a bad commune. */
export interface LocalAnswer {
	where: Where;
	error: string;
}

/** What every section component is given. */
export interface SectionProps {
	procedure: ProcedureDetail;
	/** The anchor of its heading (the table of contents links to it). */
	id: string;
	label: string;
	useful?: Useful;
	/** How long its dossiers really took (null: too few, or not read). */
	completion?: CompletionTime | null;
	local?: LocalAnswer | null;
	/** Its published changes (null: not read; undefined: a preview). */
	history?: ProcedureHistory | null;
	/** "Follow this procedure" (not in a preview). */
	follow?: FollowState;
}

interface SectionSpec {
	id: string;
	label: (t: Messages['procedure']) => string;
	show: (p: ProcedureDetail, preview: boolean, extra?: Pick<SectionProps, 'completion'>) => boolean;
	component: Component<SectionProps>;
}

const always = () => true;

export const SECTIONS: SectionSpec[] = [
	{ id: 'ket-qua', label: (t) => t.results, show: (p) => p.results.length > 0, component: Results },
	{
		id: 'doi-tuong',
		label: (t) => t.applicants,
		show: (p) => lines(p.applicants).length > 0,
		component: Applicants
	},
	{
		id: 'dieu-kien',
		label: (t) => t.requirements,
		show: (p) => lines(p.requirements).length > 0,
		component: Requirements
	},
	{ id: 'noi-nop', label: (t) => t.where, show: always, component: WhereToApply },
	{
		id: 'thoi-han',
		label: (t) => t.howLong,
		show: (p, _preview, extra) => processingTimes(p).length > 0 || Boolean(extra?.completion?.overall),
		component: ProcessingTimes
	},
	{ id: 'phi', label: (t) => t.howMuch, show: (p) => p.channels.length > 0, component: Fees },
	{
		id: 'ho-so',
		label: (t) => t.dossier,
		show: (p) => p.dossier.some((group) => group.components.length > 0),
		component: Documents
	},
	{ id: 'trinh-tu', label: (t) => t.steps, show: (p) => p.steps.length > 0, component: Steps },
	{
		id: 'can-cu',
		label: (t) => t.legalBasis,
		show: (p) => p.legal_basis.length > 0,
		component: LegalBasis
	},
	{
		id: 'co-quan',
		label: (t) => t.agencies,
		show: (p) => agenciesWithRoles(p.agencies).length > 0,
		component: Contacts
	},
	{
		id: 'lien-quan',
		label: (t) => t.related,
		show: (p) => p.related_procedures.length > 0 || lines(p.related_text).length > 0,
		component: Related
	},
	{ id: 'thong-tin-khac', label: (t) => t.moreInfo, show: always, component: MoreInfo },
	// Changes since publication and following them: a draft has neither.
	{
		id: 'lich-su-thay-doi',
		label: (t) => t.changeHistory,
		show: (_p, preview) => !preview,
		component: ChangeHistory
	},
	// An editor's draft gets no feedback links: the procedure may not exist yet.
	{
		id: 'y-kien',
		label: (t) => t.feedbackHeading,
		show: (_p, preview) => !preview,
		component: Feedback
	}
];

/**
 * Is a part long enough to fold on a phone? More than three items or about two
 * screens of text (markup left out of the count).
 */
export function isLong(items: string[]): boolean {
	const chars = items.reduce((n, item) => n + item.replace(/<[^>]*>/g, '').length, 0);
	return items.length > 3 || chars > 1200;
}

/** The sections this procedure has something for, with their headings in `t`. */
export function sectionsOf(
	p: ProcedureDetail,
	preview: boolean,
	t: Messages['procedure'],
	extra: Pick<SectionProps, 'completion'> = {}
) {
	return SECTIONS.filter((s) => s.show(p, preview, extra)).map((s) => ({
		id: s.id,
		label: s.label(t),
		component: s.component
	}));
}
