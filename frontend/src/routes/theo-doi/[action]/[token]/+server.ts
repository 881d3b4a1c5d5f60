/**
 * The links of the alert e-mails: confirm a follow, stop one, stop them all
 * (`/theo-doi/xac-nhan|bo-theo-doi|bo-theo-doi-tat-ca/{token}`). The API's page is
 * passed on: opening the link shows a button, pressing it (a POST) acts.
 */
import { tokenPageResponse } from '$lib/server/alerts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => tokenPageResponse(event);
export const POST: RequestHandler = (event) => tokenPageResponse(event);
