/**
 * The citizens' journeys in Debian's Chromium (never a downloaded browser), one spec
 * file a journey. tests/e2e/test_browser.py starts the real stack and runs them in
 * stages, doing the officials' part between them:
 *
 *   npx playwright test --project=before    search, petition, filing, filing errors
 *   npx playwright test --project=after     tracking, kiosk, dossiers, evaluation,
 *                                           unknown dossier
 *   npx playwright test --project=stats     the statistics, counting what "after" did
 *   npx playwright test --project=where     "where do I go?" in the sample province,
 *                                           run by tests/e2e/test_where.py on its own
 *   npx playwright test --project=limits    the rate limit and the evaluation window,
 *                                           run with tight limits set by the pytest side
 *   npx playwright test --project=alerts    change history and "follow this procedure",
 *                                           run by tests/e2e/test_alerts.py on its own
 *   npx playwright test --project=pii-before / pii-publish / pii-after
 *                                           the personal data journey (issue 12), run by
 *                                           tests/e2e/test_personal_data.py on its own
 *
 * Screenshots of every page (and of a failure) go to E2E_OUT; a JSON report of the
 * run to E2E_REPORT, which the pytest side reads to name the journeys that failed.
 */
import { defineConfig } from '@playwright/test';
import { join } from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS, PHONE } from './e2e/lib.mjs';

const OUT = process.env.E2E_OUT || join(import.meta.dirname, 'test-results', 'e2e');

export default defineConfig({
	testDir: 'e2e',
	// One browser at a time: the machine is small and the after stage counts what
	// the journeys before it did.
	workers: 1,
	fullyParallel: false,
	retries: 0,
	forbidOnly: true,
	timeout: 180_000,
	expect: { timeout: 10_000 },
	outputDir: join(OUT, 'failures'),
	reporter: [['list'], ['json', { outputFile: process.env.E2E_REPORT || join(OUT, 'report.json') }]],
	use: {
		baseURL: (process.env.E2E_BASE_URL || 'http://127.0.0.1:3000').replace(/\/+$/, ''),
		browserName: 'chromium',
		headless: true,
		viewport: PHONE,
		actionTimeout: 15_000,
		navigationTimeout: 30_000,
		screenshot: 'only-on-failure',
		trace: 'off',
		video: 'off',
		launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS }
	},
	projects: [
		{ name: 'before', testDir: 'e2e/before' },
		{ name: 'after', testDir: 'e2e/after', testIgnore: /stats\.spec\.ts$/ },
		// Run on its own once "after" is done (not as its dependant, which a failure there
		// would skip): it counts what the after stage's journeys did.
		{ name: 'stats', testDir: 'e2e/after', testMatch: /stats\.spec\.ts$/ },
		// "Where do I go?" in the sample province (issue 18), run by tests/e2e/test_where.py.
		{ name: 'where', testDir: 'e2e/where' },
		// After "stats", with one petition a day a phone and no evaluation window.
		{ name: 'limits', testDir: 'e2e/limits' },
		// Change history and following a procedure (issue 19), run by tests/e2e/test_alerts.py.
		{ name: 'alerts', testDir: 'e2e/alerts' },
		{ name: 'pii-before', testDir: 'e2e/pii', testMatch: /send\.spec\.ts$/ },
		{ name: 'pii-publish', testDir: 'e2e/pii', testMatch: /publish\.spec\.ts$/ },
		{ name: 'pii-after', testDir: 'e2e/pii', testMatch: /public\.spec\.ts$/ }
	]
});
