// Signing in to the admin page and posting its forms over real HTTP, as a browser would.
export async function adminSession(url: string, password: string): Promise<{ cookie: string; csrf: string }> {
  const signIn = await fetch(`${url}/admin/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ password }).toString(),
  });
  const cookie = signIn.headers.getSetCookie().find((c) => c.startsWith('bridge_admin='))?.split(';')[0];
  if (!cookie) throw new Error(`no session cookie (sign-in answered ${signIn.status})`);
  const page = await (await fetch(`${url}/admin`, { headers: { cookie } })).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
  if (!csrf) throw new Error('no CSRF token on the admin page');
  return { cookie, csrf };
}

/** Posts an admin form and returns the admin page shown after the redirect. */
export async function postAdminForm(url: string, pathname: string, session: { cookie: string; csrf: string }, form: Record<string, string>): Promise<{ status: number; page: string }> {
  const answer = await fetch(`${url}${pathname}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie },
    body: new URLSearchParams({ _csrf: session.csrf, ...form }).toString(),
  });
  const page = await (await fetch(`${url}/admin`, { headers: { cookie: session.cookie } })).text();
  return { status: answer.status, page };
}
