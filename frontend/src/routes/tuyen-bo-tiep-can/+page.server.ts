/** The accessibility statement: fixed text, no data and no JavaScript. */
export const csr = false;
