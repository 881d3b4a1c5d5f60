/**
 * The interface's languages. Vietnamese is the default; English covers the site's own
 * texts (procedure content stays Vietnamese). The choice lives in the `lang` cookie,
 * read in `hooks.server.ts`, and reaches components through Svelte context.
 */
import { getContext, hasContext, setContext } from 'svelte';
import { en } from './en';
import { vi, type Messages } from './vi';

export type { Messages };
export const LANGS = ['vi', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'vi';
export const LANG_COOKIE = 'lang';

export const messages: Record<Lang, Messages> = { vi, en };

export function isLang(value: unknown): value is Lang {
	return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/** The language a `lang` cookie value asks for, or Vietnamese. */
export function langFrom(value: string | null | undefined): Lang {
	return isLang(value) ? value : DEFAULT_LANG;
}

export interface I18n {
	readonly lang: Lang;
	readonly t: Messages;
}

const KEY = Symbol('i18n');

/** Share the current language with every component below (called by the root layout). */
export function setI18n(getLang: () => Lang): void {
	setContext<I18n>(KEY, {
		get lang() {
			return getLang();
		},
		get t() {
			return messages[getLang()];
		}
	});
}

/** The current language and its texts; Vietnamese outside a layout (e.g. in tests). */
export function useI18n(): I18n {
	if (hasContext(KEY)) return getContext<I18n>(KEY);
	return { lang: DEFAULT_LANG, t: messages[DEFAULT_LANG] };
}

/** A context map for `render(Component, { context })` in tests. */
export function i18nContext(lang: Lang): Map<symbol, I18n> {
	return new Map([[KEY, { lang, t: messages[lang] }]]);
}
