/**
 * Vitest setup for every test file: a test whose stub API served an answer that
 * does not match the API's OpenAPI schema fails, naming the answer and the mismatch
 * (src/test/openapi.ts). Fixtures that drift from the API cannot pass.
 */
import { afterEach } from 'vitest';
import { takeViolations } from './openapi';

afterEach(() => {
	const violations = takeViolations();
	if (violations.length > 0) {
		throw new Error(
			`the stub API served answers the real API would not give (src/lib/api/openapi.json):\n  ${violations.join('\n  ')}`
		);
	}
});
