/**
 * The generated types are the committed schema's: openapi-typescript run again on
 * `openapi.json` must write `schema.d.ts` as committed. (Whether `openapi.json` is
 * the backend's current schema is checked on the Python side, tests/portal/test_openapi.py.)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));
const CLI = fileURLToPath(new URL('../../../node_modules/openapi-typescript/bin/cli.js', import.meta.url));

it('schema.d.ts is what openapi-typescript makes of openapi.json (else: npm run api:types)', () => {
	const dir = mkdtempSync(join(tmpdir(), 'openapi-ts-'));
	try {
		const out = join(dir, 'schema.d.ts');
		execFileSync(process.execPath, [CLI, here('./openapi.json'), '--output', out], {
			stdio: 'pipe'
		});
		const fresh = readFileSync(out, 'utf8');
		const committed = readFileSync(here('./schema.d.ts'), 'utf8');
		expect(
			committed === fresh,
			'src/lib/api/schema.d.ts is out of date with openapi.json: run `npm run api:types` in frontend/ and commit it'
		).toBe(true);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}, 60_000);
