// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Error {
			message: string;
			/** Set when the page failed because the portal API could not answer. */
			apiUnavailable?: boolean;
		}
	}
}

export {};
