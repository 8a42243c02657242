// Text scrubbing for what leaves the bridge for a bug report (recent log lines, error messages in
// the diagnostics bundle). Log objects are already redacted by key name (logger.ts); this catches
// secrets that ended up inside TEXT: token-shaped strings, bearer headers, key=value pairs with a
// secret name, e-mail addresses. It errs on the side of removing: a bug report loses a little
// detail rather than carry a token. Pure and bounded (linear regular expressions only).

const REPLACEMENTS: readonly [RegExp, string][] = [
  // Authorization headers and bearer tokens in any form.
  [/\b(Bearer|Basic)\s+[^\s"',;]+/gi, '$1 [redacted]'],
  // secret-named keys in JSON or query strings: "refreshToken":"…", access_token=…, client_secret: …
  [/("?(?:access|refresh|id|auth|lan)?_?token"?|"?client_?secret"?|"?password(?:Hash)?"?|"?passphrase"?|"?secret"?|"?api_?key"?)(\s*[:=]\s*)"?[^\s"&,;}]{6,}"?/gi, '$1$2"[redacted]"'],
  // OAuth authorization codes in addresses (…?state=…&code=…); a plain "code" key is an error code.
  [/([?&]code=)[^&\s"]+/g, '$1[redacted]'],
  // JSON Web Tokens.
  [/\beyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]*/g, '[redacted-jwt]'],
  // Netatmo's token shape: <24 hex user id>|<32 hex>.
  [/\b[0-9a-f]{24}\|[0-9a-f]{16,}\b/gi, '[redacted-token]'],
  // Long hex runs (LAN tokens, hashes, keys); Netatmo ids are 24 hex and stay.
  [/\b[0-9a-f]{32,}\b/gi, '[redacted-hex]'],
  // Long base64 / base64url runs with both letters and digits (keys, salts, opaque tokens).
  [/(?<![\w+/-])(?=[\w+/-]*\d)(?=[\w+/-]*[A-Za-z])[A-Za-z0-9+/_-]{40,}={0,2}/g, '[redacted-b64]'],
  // scrypt password hashes as stored ("scrypt$…").
  [/\bscrypt\$[^\s"]+/g, '[redacted-hash]'],
  // E-mail addresses.
  [/[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+/g, '[redacted-email]'],
];

export function scrubText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of REPLACEMENTS) out = out.replace(pattern, replacement);
  return out;
}
