import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// `node build` reads HOST, PORT, ORIGIN (and PROTOCOL_HEADER/HOST_HEADER behind
		// a proxy) from the environment; see README.md.
		adapter: adapter({ out: 'build', precompress: true }),
		// Scripts stay strict: SvelteKit puts a nonce on its own inline start-up script.
		// Styles allow 'unsafe-inline' because the client router's live region and
		// Svelte transitions set style attributes, which no nonce or hash can cover.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
