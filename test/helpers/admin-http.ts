// Signing in to the admin page and posting its forms over real HTTP, as a browser would.

/** A form POST as a browser sends it; redirects are not followed, so the answer itself is seen. */
export function postForm(url: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  });
}

export async function adminSession(url: string, password: string): Promise<{ cookie: string; csrf: string }> {
  const signIn = await postForm(`${url}/admin/sign-in`, { password });
  const cookie = signIn.headers.getSetCookie().find((c) => c.startsWith('bridge_admin='))?.split(';')[0];
  if (!cookie) throw new Error(`no session cookie (sign-in answered ${signIn.status})`);
  const page = await (await fetch(`${url}/admin`, { headers: { cookie } })).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
  if (!csrf) throw new Error('no CSRF token on the admin page');
  return { cookie, csrf };
}

/** Posts an admin form and returns the admin page shown after the redirect. */
export async function postAdminForm(url: string, pathname: string, session: { cookie: string; csrf: string }, form: Record<string, string>): Promise<{ status: number; page: string }> {
  const answer = await postForm(`${url}${pathname}`, { _csrf: session.csrf, ...form }, { cookie: session.cookie });
  const page = await (await fetch(`${url}/admin`, { headers: { cookie: session.cookie } })).text();
  return { status: answer.status, page };
}
