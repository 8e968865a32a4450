/** Fingerprints of policy text: what the change history keeps instead of the text itself. */

/** Return the hex SHA-256 of a text. */
export async function digestOf(text) {
  const bytes = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Return a short fingerprint (8 hex digits of SHA-256) of each sentence's text, in order. */
export async function sentenceFingerprints(sentences) {
  return Promise.all(sentences.map(async (sentence) => (await digestOf(sentence.text)).slice(0, 8)));
}
