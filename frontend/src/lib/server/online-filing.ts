/**
 * The online filing contract (`/api/v1/online-filing/{procedure_code}/`) in one place:
 * the form schema as the API sends it, turned into what the page draws; the posted
 * form checked against it and turned into the API's multipart body; and the API's
 * answer read for the new dossier's code. Field names and fallbacks the API may vary
 * on are all here, so a change in the contract is a change in this file.
 */
import { messages, type Lang } from '$lib/i18n';
import type { FieldErrors } from './api';
import { checked, text } from './forms';
import {
	isAsked,
	isRequired,
	textFields,
	uploads,
	type FieldType,
	type FilingDocument,
	type FilingEForm,
	type FilingField,
	type FilingSchema,
	type FilingStep,
	type FilingValues
} from '$lib/filing';

export * from '$lib/filing';

const MB = 1024 * 1024;
const plain = { hint: null, choices: [], group: null, requiredWhen: null };
const DEFAULT_FIELDS: FilingField[] = [
	{ name: 'applicant_name', label: '', required: true, type: 'text', maxLength: 200, ...plain },
	{ name: 'applicant_id_number', label: '', required: true, type: 'text', maxLength: 12, ...plain },
	{ name: 'applicant_phone', label: '', required: true, type: 'tel', maxLength: 20, ...plain },
	{ name: 'applicant_email', label: '', required: true, type: 'email', maxLength: 254, ...plain },
	{ name: 'applicant_address', label: '', required: false, type: 'textarea', maxLength: 500, ...plain }
];
const TYPES = new Set<FieldType>(['text', 'tel', 'email', 'textarea', 'checkbox', 'radio', 'date', 'select']);
/** An e-form field's own name, without its document's key. */
const EFORM_FIELD = /^doc-\d+-/;
const EXTENSIONS: Record<string, RegExp> = {
	'application/pdf': /\.pdf$/i,
	'image/jpeg': /\.jpe?g$/i,
	'image/png': /\.png$/i
};
/** Field and document keys the form may use as ids and names. */
const NAME = /^[A-Za-z][\w-]{0,60}$/;

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null ? (v as Json) : {});
const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const num = (v: unknown, fallback: number): number =>
	typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback;

/**
 * A field as the page draws it. The API labels in Vietnamese; the English site
 * uses its own labels for the fields it knows (and the API's for the rest).
 */
function parseField(f: Json, lang: Lang): FilingField | null {
	const t = messages[lang].filing;
	const name = str(f.name);
	if (!NAME.test(name)) return null;
	const type = TYPES.has(f.type as FieldType) ? (f.type as FieldType) : 'text';
	const own = name.replace(EFORM_FIELD, '');
	const local = EFORM_FIELD.test(name) ? t.eformFields[own] : t.fields[name];
	const label = (lang === 'en' ? local || str(f.label) : str(f.label) || local) || name;
	const hint = lang === 'en' ? (t.hints[own] ?? str(f.hint)) : str(f.hint) || t.hints[own] || '';
	const when = obj(f.required_when);
	return {
		name,
		label,
		required: f.required !== false,
		type,
		maxLength: typeof f.max_length === 'number' ? f.max_length : null,
		hint: hint || null,
		choices: (Array.isArray(f.choices) ? f.choices : [])
			.map(obj)
			.map((c) => {
				const value = str(c.value);
				const label = lang === 'en' ? (t.choices[value] ?? str(c.label)) : str(c.label) || t.choices[value] || value;
				return { value, label: label || value };
			})
			.filter((c) => c.value !== ''),
		group: str(f.group) || null,
		requiredWhen: str(when.field) ? { field: str(when.field), value: str(when.value) } : null
	};
}

function parseEForm(raw: unknown, lang: Lang): FilingEForm | null {
	if (raw === null || typeof raw !== 'object') return null;
	const e = obj(raw);
	const fields = (Array.isArray(e.fields) ? e.fields : [])
		.map(obj)
		.map((f) => parseField(f, lang))
		.filter((f): f is FilingField => f !== null && f.type !== 'checkbox');
	if (fields.length === 0) return null;
	const form = str(e.form);
	const t = messages[lang].filing;
	return { form, title: (lang === 'en' ? t.eformTitles[form] : '') || str(e.title) || t.eformTitles[form] || form, fields };
}

/** The API's schema as the page uses it; unknown or odd entries are dropped. */
export function parseSchema(raw: unknown, lang: Lang): FilingSchema {
	const t = messages[lang].filing;
	const body = obj(raw);
	const procedure = obj(body.procedure);
	const time = obj(body.processing_time);
	const amount = time.amount ?? time.value;
	const processingTime =
		amount !== undefined && amount !== null ? `${String(amount)} ${str(time.unit)}`.trim() : null;

	const rawFields = Array.isArray(body.applicant_fields) ? body.applicant_fields.map(obj) : [];
	let confirm = { name: 'confirm', label: t.confirm };
	const fields: FilingField[] = [];
	for (const f of rawFields) {
		const field = parseField(f, lang);
		if (field === null) continue;
		if (field.type === 'checkbox') {
			// The pledge: the one checkbox the contract has.
			confirm = { name: field.name, label: lang === 'en' ? t.confirm : str(f.label) || t.confirm };
			continue;
		}
		if ((field.type === 'radio' || field.type === 'select') && field.choices.length === 0) continue;
		fields.push(field);
	}
	const documents: FilingDocument[] = (Array.isArray(body.documents) ? body.documents : [])
		.map(obj)
		.map((d) => ({
			key: str(d.key) || str(d.code) || str(d.id),
			name: str(d.name) || str(d.label),
			case: str(d.case),
			required: d.required !== false,
			forms: (Array.isArray(d.forms) ? d.forms : []).map(obj).map((f) => ({
				name: str(f.name) || str(f.title),
				url: typeof f.url === 'string' && /^(https?:\/\/|\/)/.test(f.url) ? f.url : null
			})),
			accept: (Array.isArray(d.accept) ? d.accept : []).filter(
				(a): a is string => typeof a === 'string'
			),
			maxBytes: num(d.max_bytes, 5 * MB),
			maxFiles: num(d.max_files, 1),
			eform: parseEForm(d.eform, lang)
		}))
		.filter((d) => NAME.test(d.key) && d.name);

	return {
		procedure: {
			code: str(procedure.code),
			name: str(procedure.name) || str(procedure.title),
			agency: str(obj(procedure.agency).name) || null
		},
		processingTime,
		fields: fields.length > 0 ? fields : DEFAULT_FIELDS.map((f) => ({ ...f, label: t.fields[f.name] ?? f.name })),
		confirm,
		documents,
		maxTotalBytes: num(body.max_total_bytes, 20 * MB)
	};
}

/** "5 MB" */
export const size = (bytes: number): string =>
	bytes >= MB ? `${Math.round((bytes / MB) * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`;

/** "PDF, JPEG, PNG" */
export const typeNames = (accept: string[]): string =>
	accept.map((m) => (m.split('/')[1] ?? m).toUpperCase()).join(', ');

/** The fields' first values: the applicant's own radio starts on its first choice (a person files). */
export function initialFields(schema: FilingSchema): Record<string, string> {
	return Object.fromEntries(
		textFields(schema).map((f) => [
			f.name,
			f.type === 'radio' && !EFORM_FIELD.test(f.name) ? (f.choices[0]?.value ?? '') : ''
		])
	);
}

/** The visitor's values from the posted form. */
export function readValues(schema: FilingSchema, form: FormData, key: string, step: FilingStep = 'details'): FilingValues {
	return {
		fields: Object.fromEntries(textFields(schema).map((f) => [f.name, text(form, f.name)])),
		confirm: checked(form, schema.confirm.name),
		idempotency_key: key,
		step
	};
}

/** The first step's own checks: what is required is there (the API checks the rest). */
export function checkDetails(schema: FilingSchema, values: FilingValues, lang: Lang): FieldErrors {
	const t = messages[lang].filing;
	const errors: FieldErrors = {};
	for (const field of textFields(schema)) {
		if (isRequired(field, values.fields) && !(values.fields[field.name] ?? '').trim()) {
			errors[field.name] = [t.fieldMissing];
		}
	}
	return errors;
}

/** The chosen files of each document (an empty file input sends one nameless, empty part). */
export function readFiles(schema: FilingSchema, form: FormData): Map<string, File[]> {
	return new Map(
		schema.documents.map((d) => [
			d.key,
			form
				.getAll(d.key)
				.filter((f): f is File => typeof f !== 'string' && (f.size > 0 || f.name !== ''))
		])
	);
}

/**
 * The checks the API makes too, made first so that no one uploads megabytes for a
 * form that will come back: required documents, types, sizes, the pledge.
 */
export function checkFiling(
	schema: FilingSchema,
	values: FilingValues,
	files: Map<string, File[]>,
	lang: Lang
): FieldErrors {
	const t = messages[lang].filing;
	const errors: FieldErrors = {};
	let total = 0;
	for (const doc of uploads(schema)) {
		const list = files.get(doc.key) ?? [];
		const problems: string[] = [];
		if (doc.required && list.length === 0) problems.push(t.fileMissing);
		for (const file of list.slice(0, doc.maxFiles + 1)) {
			total += file.size;
			const typed =
				doc.accept.length === 0 ||
				doc.accept.includes(file.type) ||
				doc.accept.some((m) => EXTENSIONS[m]?.test(file.name));
			if (!typed) problems.push(t.fileType(file.name));
			else if (file.size > doc.maxBytes) problems.push(t.fileSize(file.name, size(doc.maxBytes)));
		}
		if (list.length > doc.maxFiles) problems.push(t.tooManyFiles(doc.maxFiles));
		if (problems.length > 0) errors[doc.key] = problems;
	}
	if (total > schema.maxTotalBytes && Object.keys(errors).length === 0) {
		errors.form = [t.tooLarge(size(schema.maxTotalBytes))];
	}
	if (!values.confirm) errors[schema.confirm.name] = [t.confirmMissing];
	return errors;
}

/** The typed fields as the API takes them (an organisation's only when one files). */
function fieldsBody(schema: FilingSchema, values: FilingValues): FormData {
	const body = new FormData();
	for (const field of textFields(schema)) {
		if (isAsked(field, values.fields)) body.set(field.name, values.fields[field.name] ?? '');
	}
	return body;
}

/** What the first step sends to `?check=fields`: the typed fields alone. */
export const checkBody = fieldsBody;

/** The API's multipart body: the fields, the pledge, each file under its document's key. */
export function filingBody(schema: FilingSchema, values: FilingValues, files: Map<string, File[]>): FormData {
	const body = fieldsBody(schema, values);
	body.set(schema.confirm.name, values.confirm ? 'true' : 'false');
	for (const [key, list] of files) for (const file of list) body.append(key, file, file.name);
	return body;
}

/** Names the API's field errors may come under, for the form's fields. */
export function errorFields(schema: FilingSchema): string[] {
	return [...textFields(schema).map((f) => f.name), schema.confirm.name, ...schema.documents.map((d) => d.key)];
}

/** The step that shows these errors: the first, when any is about a typed field. */
export function stepOf(schema: FilingSchema, errors: FieldErrors): FilingStep {
	const typed = new Set(textFields(schema).map((f) => f.name));
	return Object.keys(errors).some((key) => typed.has(key)) ? 'details' : 'confirm';
}

/** The new dossier's code in the API's 201 (or replayed 200). */
export function filedCode(answer: unknown): string | null {
	const body = obj(answer);
	const code = str(body.code) || str(body.dossier_code);
	return code || null;
}
