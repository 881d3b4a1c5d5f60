// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Lang } from '$lib/i18n';

declare global {
	namespace App {
		interface Error {
			message: string;
			/** Set when the page failed because the portal API could not answer. */
			apiUnavailable?: boolean;
		}
		interface Locals {
			/** The interface language, from the `lang` cookie. */
			lang: Lang;
		}
	}
}

export {};
