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

export type FieldType = 'text' | 'tel' | 'email' | 'textarea' | 'checkbox';

export interface FilingField {
	name: string;
	label: string;
	required: boolean;
	type: FieldType;
	maxLength: number | null;
}

export interface FilingDocument {
	key: string;
	name: string;
	/** The case the document belongs to ("Trường hợp ..."), "" when general. */
	case: string;
	required: boolean;
	forms: { name: string; url: string | null }[];
	/** MIME types accepted; empty means any the API takes. */
	accept: string[];
	maxBytes: number;
	maxFiles: number;
}

export interface FilingSchema {
	procedure: { code: string; name: string; agency: string | null };
	/** "15 ngày làm việc", or null when the procedure publishes none. */
	processingTime: string | null;
	/** The applicant's fields, without the pledge. */
	fields: FilingField[];
	/** The pledge checkbox the applicant must tick ("confirm"). */
	confirm: { name: string; label: string };
	documents: FilingDocument[];
	maxTotalBytes: number;
}

/** Values a failed form shows again (files cannot come back). */
export interface FilingValues {
	fields: Record<string, string>;
	confirm: boolean;
	idempotency_key: string;
}

const MB = 1024 * 1024;
const DEFAULT_FIELDS: FilingField[] = [
	{ name: 'applicant_name', label: '', required: true, type: 'text', maxLength: 200 },
	{ name: 'applicant_id_number', label: '', required: true, type: 'text', maxLength: 12 },
	{ name: 'applicant_phone', label: '', required: true, type: 'tel', maxLength: 20 },
	{ name: 'applicant_email', label: '', required: true, type: 'email', maxLength: 254 },
	{ name: 'applicant_address', label: '', required: false, type: 'textarea', maxLength: 500 }
];
const TYPES = new Set<FieldType>(['text', 'tel', 'email', 'textarea', 'checkbox']);
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
		const name = str(f.name);
		if (!NAME.test(name)) continue;
		const type = TYPES.has(f.type as FieldType) ? (f.type as FieldType) : 'text';
		const label = str(f.label) || t.fields[name] || name;
		if (type === 'checkbox') {
			// The pledge: the one checkbox the contract has.
			confirm = { name, label };
			continue;
		}
		fields.push({
			name,
			label,
			required: f.required !== false,
			type,
			maxLength: typeof f.max_length === 'number' ? f.max_length : null
		});
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
			maxFiles: num(d.max_files, 1)
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

/** The visitor's values from the posted form. */
export function readValues(schema: FilingSchema, form: FormData, key: string): FilingValues {
	return {
		fields: Object.fromEntries(schema.fields.map((f) => [f.name, text(form, f.name)])),
		confirm: checked(form, schema.confirm.name),
		idempotency_key: key
	};
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
	for (const doc of schema.documents) {
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

/** The API's multipart body: the fields, the pledge, each file under its document's key. */
export function filingBody(schema: FilingSchema, values: FilingValues, files: Map<string, File[]>): FormData {
	const body = new FormData();
	for (const field of schema.fields) body.set(field.name, values.fields[field.name] ?? '');
	body.set(schema.confirm.name, values.confirm ? 'true' : 'false');
	for (const [key, list] of files) for (const file of list) body.append(key, file, file.name);
	return body;
}

/** Names the API's field errors may come under, for the form's fields. */
export function errorFields(schema: FilingSchema): string[] {
	return [...schema.fields.map((f) => f.name), schema.confirm.name, ...schema.documents.map((d) => d.key)];
}

/** The new dossier's code in the API's 201 (or replayed 200). */
export function filedCode(answer: unknown): string | null {
	const body = obj(answer);
	const code = str(body.code) || str(body.dossier_code);
	return code || null;
}
