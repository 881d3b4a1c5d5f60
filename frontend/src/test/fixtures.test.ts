/**
 * The test fixtures are the API's answers: each checked against its component of
 * the committed OpenAPI schema, and the check shown to catch what drift looks like
 * (a field gone, a field the API never sends, a wrong type, a value off its enum).
 */
import { describe, expect, it } from 'vitest';
import { EVALUATION_MAX_POINTS } from '$lib/types';
import { AGENCY, CRITERIA, DETAIL, FIELDS, HO_TICH, LIFE_EVENTS, SEARCH, SUMMARY } from './fixtures';
import { checkResponse, takeViolations, validate } from './openapi';

describe('the fixtures match the API schema', () => {
	it.each<[string, unknown]>([
		['Summary', SUMMARY],
		['ProcedureDetail', DETAIL],
		['SearchResponse', SEARCH],
		['Agency', AGENCY],
		['EvaluationForm', CRITERIA],
		...HO_TICH.slice(0, 3).map((p): [string, unknown] => ['ProcedureList', p]),
		...FIELDS.map((f): [string, unknown] => ['Field', f]),
		...LIFE_EVENTS.map((e): [string, unknown] => ['LifeEvent', e])
	])('%s', (component, value) => {
		expect(validate(component, value)).toEqual([]);
	});
});

it('the confirmation page’s most points are the served form’s', () => {
	expect(EVALUATION_MAX_POINTS).toBe(CRITERIA.max_points);
	expect(CRITERIA.criteria.reduce((n, c) => n + c.max_points, 0)).toBe(CRITERIA.max_points);
});

describe('a fixture that drifts fails', () => {
	it('names a field the API sends and the fixture lacks', () => {
		const { petitions: _gone, ...counts } = SUMMARY.counts;
		expect(validate('Summary', { ...SUMMARY, counts })).toEqual([
			"/counts must have required property 'petitions'"
		]);
	});

	it('names a field the API never sends', () => {
		expect(validate('ProcedureDetail', { ...DETAIL, fee_note: 'miễn phí' })).toEqual([
			'(root) must NOT have additional properties: "fee_note"'
		]);
	});

	it('names a wrong type, a value off its enum and a null where none is allowed', () => {
		const channel = { ...DETAIL.channels[0], processing_time: '5' };
		const problems = validate('ProcedureDetail', {
			...DETAIL,
			online_level: 'some',
			levels: null,
			channels: [channel]
		});
		expect(problems).toEqual(
			expect.arrayContaining([
				'/online_level must be equal to one of the allowed values',
				'/levels must be array',
				'/channels/0/processing_time must be number'
			])
		);
	});

	it('is caught when the stub API serves it, by request and status', () => {
		checkResponse('GET', '/api/v1/summary/', 200, { name: SUMMARY.name });
		checkResponse('GET', `/api/v1/procedures/${DETAIL.code}/`, 200, DETAIL);
		// Errors are not in the schema: a problem+json 404 is left alone.
		checkResponse('GET', '/api/v1/procedures/0.000000/', 404, { title: 'Not found' });
		expect(takeViolations()).toEqual([
			"GET /api/v1/summary/ 200 (served for /api/v1/summary/): (root) must have required property 'counts'"
		]);
	});
});
