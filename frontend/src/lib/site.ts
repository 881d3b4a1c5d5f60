/** Fixed texts of the site chrome, shown even when the API is down. */
import { vi } from './i18n/vi';

export const SITE_NAME = vi.site.name;
export const SITE_OWNER = vi.site.owner;
export const SEARCH_MAX_LENGTH = 200;
export const API_UNAVAILABLE_MESSAGE = vi.errors.maintenanceText;
