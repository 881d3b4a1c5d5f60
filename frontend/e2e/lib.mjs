// Shared by the journeys (playwright.config.ts, e2e/helpers.ts), the smoke script and
// the frontend benchmark (bench.mjs): Debian's Chromium and its flags (never a
// downloaded browser), the viewports, contexts with the interface language set by
// cookie, and axe-core (WCAG 2.1 A/AA).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export function launch() {
	return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** A browser context whose interface language is set by cookie, as /ngon-ngu does. */
export async function newContext(browser, base, lang, options = {}) {
	const ctx = await browser.newContext({ viewport: PHONE, ...options });
	await ctx.addCookies([{ name: 'lang', value: lang, url: base }]);
	ctx.setDefaultTimeout(15_000);
	ctx.setDefaultNavigationTimeout(30_000);
	return ctx;
}

/**
 * axe-core on the page as it is now (WCAG 2.1 A and AA rules). Injected through the
 * DevTools protocol, so it needs a context with JavaScript enabled; the page's own
 * scripts and CSP are not involved.
 */
export async function runAxe(page) {
	await page.evaluate(AXE_SOURCE);
	const result = await page.evaluate(
		(tags) =>
			// @ts-expect-error injected above
			window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
		AXE_TAGS
	);
	return result.violations.map((v) => ({
		id: v.id,
		impact: v.impact,
		help: v.help,
		helpUrl: v.helpUrl,
		nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target.join(' '), summary: n.failureSummary }))
	}));
}
