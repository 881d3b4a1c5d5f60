/**
 * The dossier evaluation's criteria as the API serves them
 * (`GET /api/v1/satisfaction/criteria/`, the portal's survey: nine criteria, three
 * options worth 0–2 points each, four grades), in the visitor's language. The form
 * (/danh-gia) and the statistics (/thong-ke) draw from it; nothing here lists them.
 */
import type { Lang } from '$lib/i18n';
import type { EvaluationForm } from '$lib/types';
import { apiGet, type ApiOptions } from './api';

export interface CriterionView {
	/** The field the points are posted under. */
	name: string;
	label: string;
	/** Best first, as the form offers them. */
	options: { points: number; label: string }[];
}

export interface EvaluationFormView {
	maxPoints: number;
	criteria: CriterionView[];
	grades: { code: string; label: string; minTotal: number }[];
}

export async function evaluationForm(options: ApiOptions & { lang: Lang }): Promise<EvaluationFormView> {
	const form = await apiGet<EvaluationForm>('/api/v1/satisfaction/criteria/', options);
	const lang = options.lang;
	return {
		maxPoints: form.max_points,
		criteria: form.criteria.map((c) => ({
			name: c.name,
			label: c.label[lang],
			options: [...c.options]
				.sort((a, b) => b.points - a.points)
				.map((o) => ({ points: o.points, label: o.label[lang] }))
		})),
		grades: form.grades.map((g) => ({ code: g.code, label: g.label[lang], minTotal: g.min_total }))
	};
}
