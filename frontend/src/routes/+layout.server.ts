/** Every page learns the interface language chosen in `hooks.server.ts`. */
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({ lang: locals.lang });
