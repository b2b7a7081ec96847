/** TokenParse is the outcome of reading a typed token: the token, or why it is not one. */
export type TokenParse = { ok: true; token: string } | { ok: false; reason: string };

/** Visible ASCII only: the token goes into an HTTP header, where spaces and accents do not fit. */
const TOKEN = /^[\x21-\x7e]+$/;

/**
 * parseToken reads what a person typed or pasted into "Access token". Surrounding spaces are
 * dropped (a paste often brings them); anything else that cannot go into an `Authorization`
 * header is refused here, before it is sent. The reason never repeats the input: it is a secret.
 */
export function parseToken(input: string): TokenParse {
  const token = input.trim();
  if (token === "") return { ok: false, reason: "Enter the access token." };
  if (!TOKEN.test(token)) {
    return { ok: false, reason: "An access token has no spaces or accented letters: check it was copied whole." };
  }
  return { ok: true, token };
}
