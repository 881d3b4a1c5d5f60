/**
 * The API's committed OpenAPI schema (`$lib/api/openapi.json`) as a validator, so
 * the answers tests serve are the answers the real API gives: `checkResponse` is
 * called by the stub API for every JSON answer it sends, `validate` by the fixture
 * tests. A mismatch is recorded; `test/setup.ts` fails the test that served it.
 *
 * OpenAPI 3.0 is not quite JSON Schema: `nullable: true` becomes `anyOf […, null]`,
 * and an object that lists its properties gets `additionalProperties: false`
 * (a serializer writes exactly its fields), so a fixture with a key the API does
 * not send fails too. Formats (date-time, uri…) come from ajv-formats.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import spec from '$lib/api/openapi.json';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Node = { [key: string]: Json };

const REF = '#/components/schemas/';
const ID = 'openapi';

/** The OpenAPI 3.0 schema object `node` as JSON Schema (draft 7) for Ajv. */
function toJsonSchema(node: Json): Json {
	if (Array.isArray(node)) return node.map(toJsonSchema);
	if (node === null || typeof node !== 'object') return node;
	const out: Node = {};
	for (const [key, value] of Object.entries(node)) {
		if (key === 'nullable') continue;
		if (key === '$ref' && typeof value === 'string' && value.startsWith(REF)) {
			out.$ref = `${ID}#/definitions/${value.slice(REF.length)}`;
		} else if (key === 'properties' && value && typeof value === 'object' && !Array.isArray(value)) {
			out.properties = Object.fromEntries(
				Object.entries(value).map(([name, schema]) => [name, toJsonSchema(schema)])
			);
		} else {
			out[key] = toJsonSchema(value);
		}
	}
	if (out.properties && !('additionalProperties' in out)) out.additionalProperties = false;
	return node.nullable === true ? { anyOf: [out, { type: 'null' }] } : out;
}

// ajv-formats is CommonJS: its function is the default export's default under Vite.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
	addFormatsModule) as typeof addFormatsModule;

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
// A PDF's "binary" body is never JSON; accept the keyword, check nothing.
ajv.addFormat('binary', true);
ajv.addSchema({ $id: ID, definitions: toJsonSchema(spec.components.schemas as unknown as Json) });

const compiled = new Map<string, ValidateFunction>();

function validator(key: string, schema: Json): ValidateFunction {
	let fn = compiled.get(key);
	if (!fn) {
		fn = ajv.compile(toJsonSchema(schema) as object);
		compiled.set(key, fn);
	}
	return fn;
}

const describe = (errors: ErrorObject[] | null | undefined): string[] =>
	(errors ?? []).map(
		(e) =>
			`${e.instancePath || '(root)'} ${e.message ?? ''}${
				e.keyword === 'additionalProperties'
					? `: "${(e.params as { additionalProperty: string }).additionalProperty}"`
					: ''
			}`
	);

/** Problems of `value` as the component `name` (e.g. "ProcedureDetail"); [] when it fits. */
export function validate(name: string, value: unknown): string[] {
	if (!(name in spec.components.schemas)) return [`no component "${name}" in the schema`];
	const fn = validator(`component:${name}`, { $ref: `${REF}${name}` });
	return fn(value) ? [] : describe(fn.errors);
}

interface Operation {
	responses?: Record<string, { content?: Record<string, { schema?: Json }> }>;
}

/** The schema's paths as patterns, literal segments before parameters. */
const routes = Object.entries(spec.paths as unknown as Record<string, Record<string, Operation>>)
	.map(([template, operations]) => ({
		template,
		operations,
		params: (template.match(/\{/g) ?? []).length,
		pattern: new RegExp(
			`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`
		)
	}))
	.sort((a, b) => a.params - b.params);

/** The response schema the API documents for this request and status, if any. */
export function responseSchema(
	method: string,
	path: string,
	status: number
): { key: string; schema: Json } | null {
	const pathname = new URL(path, 'http://stub.invalid').pathname;
	const route = routes.find((r) => r.pattern.test(pathname));
	const response = route?.operations[method.toLowerCase()]?.responses?.[String(status)];
	const schema = response?.content?.['application/json']?.schema;
	if (!route || schema === undefined) return null;
	return { key: `${method} ${route.template} ${status}`, schema };
}

const violations: string[] = [];

/**
 * Check an answer the stub API sends against what the real API documents for the
 * same request and status (error answers, which the schema does not describe,
 * and paths it does not have are left alone); mismatches wait for `takeViolations`.
 */
export function checkResponse(method: string, path: string, status: number, body: unknown): void {
	const documented = responseSchema(method, path, status);
	if (!documented) return;
	const fn = validator(documented.key, documented.schema);
	if (!fn(body)) {
		violations.push(`${documented.key} (served for ${path}): ${describe(fn.errors).join('; ')}`);
	}
}

/** The mismatches recorded since the last call (and forget them). */
export function takeViolations(): string[] {
	return violations.splice(0);
}
