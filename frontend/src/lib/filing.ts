/**
 * The online filing form's shapes and the pure helpers the page and the server share
 * (the server's side of the contract is `$lib/server/online-filing`).
 */

export type FieldType = 'text' | 'tel' | 'email' | 'textarea' | 'checkbox' | 'radio' | 'date' | 'select';

export interface FilingField {
	name: string;
	label: string;
	required: boolean;
	type: FieldType;
	maxLength: number | null;
	hint: string | null;
	/** A radio's or a select's options. */
	choices: { value: string; label: string }[];
	/** "organisation": asked of organisations only (drawn in their own fieldset). */
	group: string | null;
	/** Required when another field has this value (an organisation's details). */
	requiredWhen: { field: string; value: string } | null;
}

/** An interactive national e-form, filled in on the page instead of uploaded. */
export interface FilingEForm {
	form: string;
	title: string;
	/** Named `<document key>-<field>`, e.g. `doc-4-child_name`. */
	fields: FilingField[];
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
	eform: FilingEForm | null;
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

/**
 * The two steps: "details" (what is typed: the applicant, the organisation, the
 * e-forms) and "confirm" (those values shown back, the files and the pledge).
 */
export type FilingStep = 'details' | 'confirm';

/** Values a form shows again (files cannot come back). */
export interface FilingValues {
	fields: Record<string, string>;
	confirm: boolean;
	idempotency_key: string;
	step: FilingStep;
}

/** Every typed field: the applicant's, then each e-form's. */
export function textFields(schema: FilingSchema): FilingField[] {
	return [...schema.fields, ...schema.documents.flatMap((d) => d.eform?.fields ?? [])];
}

/** The documents that take files (not the e-forms). */
export const uploads = (schema: FilingSchema): FilingDocument[] => schema.documents.filter((d) => !d.eform);

/** Whether a field must be filled in, given what else was typed. */
export function isRequired(field: FilingField, values: Record<string, string>): boolean {
	if (field.requiredWhen) return values[field.requiredWhen.field] === field.requiredWhen.value;
	return field.required;
}

/** Whether a field is asked at all (an organisation's details are not asked of a person). */
export function isAsked(field: FilingField, values: Record<string, string>): boolean {
	return !field.requiredWhen || values[field.requiredWhen.field] === field.requiredWhen.value;
}


/** A value as the confirmation shows it: a choice by its label, a date as DD/MM/YYYY. */
export function shownValue(field: FilingField, value: string): string {
	if (field.type === 'radio' || field.type === 'select') return field.choices.find((c) => c.value === value)?.label ?? value;
	const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (field.type === 'date' && iso) return `${iso[3]}/${iso[2]}/${iso[1]}`;
	return value;
}
