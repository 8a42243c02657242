// The consent page of the simulated /oauth2/authorize step. Plain HTML, no scripts.

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface ConsentRequest {
  clientId: string;
  redirectUri: string;
  scope: string;
  state: string;
}

export function consentPage(request: ConsentRequest): string {
  const hidden = (name: string, value: string) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
  const scopes = request.scope.split(/[\s+]+/).filter(Boolean).map(escapeHtml).join(' ');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Simulated Netatmo — authorize</title></head>
<body style="font-family: sans-serif; max-width: 32rem; margin: 2rem auto;">
<h1>Simulated Netatmo</h1>
<p>This is the local Netatmo simulator, not the real Netatmo.</p>
<p id="question">Allow <strong>${escapeHtml(request.clientId)}</strong> to access <strong>${scopes}</strong>?</p>
<form method="post" action="/oauth2/authorize">
${hidden('client_id', request.clientId)}
${hidden('redirect_uri', request.redirectUri)}
${hidden('scope', request.scope)}
${hidden('state', request.state)}
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form>
</body></html>
`;
}

export function errorPage(message: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Simulated Netatmo — error</title></head>
<body style="font-family: sans-serif; max-width: 32rem; margin: 2rem auto;">
<h1>Simulated Netatmo</h1><p role="alert">${escapeHtml(message)}</p></body></html>
`;
}
