// A local OpenID provider for IntroProgram's development and tests. Never for production.
//
// One process, several issuers on one loopback port, each under its own path: an ID-porten-like issuer for
// participants (claims pid, acr, amr, locale) and one issuer per municipality for staff (email, preferred_username,
// amr). A TestID-like page lets a person pick whom to sign in as. Built on the npm package oidc-provider (MIT).
//
// Configuration: a JSON file named by TEST_IDP_CONFIG (see README.md beside this file), or the same JSON in
// TEST_IDP_CONFIG_JSON. The port: TEST_IDP_PORT, else the file's "port", else 5010.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import Provider from 'oidc-provider';

const config = JSON.parse(process.env.TEST_IDP_CONFIG_JSON
  ?? fs.readFileSync(process.env.TEST_IDP_CONFIG ?? new URL('./idp.json', import.meta.url), 'utf8'));
const host = config.host ?? '127.0.0.1';
const port = Number(process.env.TEST_IDP_PORT ?? config.port ?? 5010);
const base = `http://${host}:${port}`;
// Test switches on the sign-in page that make the provider misbehave (see tamperIdToken). Only the tests turn them on.
const allowTampering = process.env.TEST_IDP_ALLOW_TAMPERING === '1' || config.allowTampering === true;

const ACR_LEVELS = ['idporten-loa-substantial', 'idporten-loa-high', 'idporten-loa-low'];

// The people signed in so far, by the opaque subject the provider hands out (never the national id itself).
const subjects = new Map();

function subjectFor(issuerName, person) {
  const key = person.pid ? `pid:${person.pid}` : `email:${person.email.toLowerCase()}`;
  const sub = crypto.createHash('sha256').update(`${issuerName}|${key}|${person.tamper ?? ''}|${person.locale ?? ''}`).digest('base64url').slice(0, 32);
  subjects.set(sub, person);
  return sub;
}

function signingKey() {
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' });
  const kid = crypto.createHash('sha256').update(jwk.n).digest('base64url').slice(0, 16);
  return { privateKey, jwk: { ...jwk, kid, alg: 'RS256', use: 'sig' } };
}

const escape = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title, body) {
  return `<!doctype html><html lang="nb"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escape(title)}</title><style>
body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
fieldset{border:1px solid #bbb;margin:1rem 0;padding:.5rem 1rem}label{display:block;margin:.3rem 0}
button{font-size:1.1rem;padding:.5rem 1.5rem;background:#0062ba;color:#fff;border:0;border-radius:4px}
.note{color:#555;font-size:.9rem}</style></head><body>${body}</body></html>`;
}

function interactionPage(issuer, uid, details) {
  const hint = details.params.login_hint ?? '';
  if (issuer.kind === 'idporten') {
    const people = (config.people ?? []).map((p, i) => `<label><input type="radio" name="choice" value="${escape(p.pid)}"${i === 0 ? ' checked' : ''}> ${escape(p.name)} (${escape(p.label ?? 'testperson')})</label>`).join('');
    return page('TestID – velg testperson', `<h1>TestID (lokal)</h1>
<p class="note">Lokal testinnlogging som ligner ID-porten. Bare syntetiske fødselsnumre.</p>
<form method="post" action="${escape(issuer.path)}/interaction/${escape(uid)}">
<fieldset><legend>Testperson</legend>${people}
<label><input type="radio" name="choice" value="other"${people ? '' : ' checked'}> Annet fødselsnummer:</label>
<label>Fødselsnummer <input name="pid" inputmode="numeric" autocomplete="off"></label></fieldset>
<fieldset><legend>Sikkerhetsnivå (acr)</legend>${ACR_LEVELS.map((a, i) => `<label><input type="radio" name="acr" value="${a}"${i === 0 ? ' checked' : ''}> ${a}</label>`).join('')}</fieldset>
<label>Språk (locale) <select name="locale"><option>nb</option><option>nn</option><option>en</option><option>se</option></select></label>
${tamperField()}<p><button type="submit">Logg inn</button></p></form>`);
  }
  const users = (issuer.users ?? []).map((u, i) => `<label><input type="radio" name="choice" value="${escape(u)}"${i === 0 && !hint ? ' checked' : ''}> ${escape(u)}</label>`).join('');
  return page(`${issuer.title ?? issuer.name} – pålogging`, `<h1>${escape(issuer.title ?? issuer.name)} (lokal)</h1>
<p class="note">Lokal testinnlogging for kommunens ansatte.</p>
<form method="post" action="${escape(issuer.path)}/interaction/${escape(uid)}">
<fieldset><legend>Bruker</legend>${users}
<label><input type="radio" name="choice" value="other"${!users || hint ? ' checked' : ''}> Annen e-postadresse:</label>
<label>E-post <input name="email" type="email" value="${escape(hint)}" autocomplete="off"></label></fieldset>
<fieldset><legend>Autentiseringsmetode (amr)</legend>
<label><input type="radio" name="amr" value="pwd mfa" checked> passord og tofaktor (pwd, mfa)</label>
<label><input type="radio" name="amr" value="pwd"> bare passord (pwd)</label></fieldset>
${tamperField()}<p><button type="submit">Logg inn</button></p></form>`);
}

function tamperField() {
  if (!allowTampering) return '';
  return `<label>Test: <select name="tamper"><option value="">ingen</option><option value="aud">feil aud</option>
<option value="nonce">feil nonce</option><option value="foreign">token fra en annen utsteder</option></select></label>`;
}

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function makeIssuer(issuer) {
  const path = `/${issuer.name}`;
  const url = `${base}${path}`;
  const key = signingKey();
  const clients = (issuer.clients ?? []).map((c) => ({
    token_endpoint_auth_method: 'client_secret_post',
    grant_types: ['authorization_code'],
    response_types: ['code'],
    ...c,
  }));
  const providerClients = clients.map(({ callback_prefix: _prefix, ...c }) => c);
  const claims = issuer.kind === 'idporten'
    // amr and auth_time go with the openid scope, so every ID token carries them (as ID-porten's and Entra ID's do).
    ? { openid: ['sub', 'pid', 'locale', 'amr', 'auth_time'], profile: ['name'], acr: null, sid: null }
    : { openid: ['sub', 'amr', 'auth_time'], email: ['email', 'preferred_username'], profile: ['name'], acr: null, sid: null };
  const provider = new Provider(url, {
    clients: providerClients,
    jwks: { keys: [key.jwk] },
    claims,
    conformIdTokenClaims: false,
    acrValues: issuer.kind === 'idporten' ? ACR_LEVELS : [],
    extraClientMetadata: { properties: ['frontchannel_logout_uri'] },
    pkce: { required: () => true },
    cookies: {
      keys: [crypto.randomBytes(32).toString('base64url')],
      names: { session: `${issuer.name}_session`, interaction: `${issuer.name}_interaction`, resume: `${issuer.name}_resume` },
    },
    features: {
      devInteractions: { enabled: false },
      pushedAuthorizationRequests: { enabled: true },
      rpInitiatedLogout: { enabled: true, logoutSource: (ctx, form) => logoutPage(ctx, form, issuer) },
    },
    interactions: { url: (ctx, interaction) => `${path}/interaction/${interaction.uid}` },
    findAccount: (ctx, sub) => {
      const person = subjects.get(sub);
      if (!person) return undefined;
      return {
        accountId: sub,
        claims: () => (person.pid
          ? { sub, pid: person.pid, locale: person.locale ?? 'nb', name: person.name }
          : { sub, email: person.email, preferred_username: person.email, name: person.email }),
      };
    },
    // Consent is implied: the person is the data subject and the client is the municipality's own service.
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) {
        const existing = await ctx.oidc.provider.Grant.find(grantId);
        if (existing) return existing;
      }
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope(ctx.oidc.params.scope ?? 'openid');
      await grant.save();
      return grant;
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = page('Feil', `<h1>Feil</h1><p>${escape(out.error)}: ${escape(out.error_description)}</p>`);
    },
  });
  // Every ID token names its session (sid), as ID-porten's do, so a client can match a front-channel logout to it.
  provider.Client.prototype.includeSid = () => true;
  // A client may name a callback prefix: any address of that prefix followed by a four-digit municipality number is
  // accepted, so tests can make municipalities of their own ("callback_prefix" in the configuration; tests only).
  const prefixes = new Map(clients.filter((c) => c.callback_prefix).map((c) => [c.client_id, c.callback_prefix]));
  const exact = provider.Client.prototype.redirectUriAllowed;
  provider.Client.prototype.redirectUriAllowed = function redirectUriAllowed(value) {
    const prefix = prefixes.get(this.clientId);
    return exact.call(this, value)
      || (prefix !== undefined && value.startsWith(prefix) && /^[0-9]{4}$/.test(value.slice(prefix.length)));
  };
  const callback = provider.callback();

  async function handle(req, res, rest) {
    const interaction = rest.match(/^\/interaction\/([A-Za-z0-9_-]+)$/);
    if (interaction) {
      const details = await provider.interactionDetails(req, res);
      if (req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(interactionPage({ ...issuer, path }, details.uid, details));
        return;
      }
      const form = await readForm(req);
      const choice = form.get('choice');
      const tamper = allowTampering ? (form.get('tamper') || undefined) : undefined;
      let person;
      let acr;
      let amr;
      if (issuer.kind === 'idporten') {
        const pid = choice && choice !== 'other' ? choice : (form.get('pid') ?? '').trim();
        if (!/^[0-9]{11}$/.test(pid)) {
          res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
          res.end(page('Feil', '<p>Fødselsnummeret må ha 11 sifre.</p>'));
          return;
        }
        const known = (config.people ?? []).find((p) => p.pid === pid);
        person = { pid, name: known?.name ?? 'Testperson', locale: form.get('locale') || 'nb', tamper };
        acr = ACR_LEVELS.includes(form.get('acr')) ? form.get('acr') : ACR_LEVELS[0];
        amr = [acr === 'idporten-loa-high' ? 'BankID' : 'MinID'];
      } else {
        const email = (choice && choice !== 'other' ? choice : (form.get('email') ?? '')).trim();
        if (!email.includes('@')) {
          res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
          res.end(page('Feil', '<p>Skriv en e-postadresse.</p>'));
          return;
        }
        person = { email, tamper };
        amr = (form.get('amr') || 'pwd mfa').split(' ').filter(Boolean);
      }
      const accountId = subjectFor(issuer.name, person);
      await provider.interactionFinished(req, res, { login: { accountId, acr, amr } }, { mergeWithLastSubmission: false });
      return;
    }
    if (rest === '/token' && req.method === 'POST' && allowTampering) {
      interceptTokenResponse(res, issuer);
    }
    req.originalUrl = req.url;
    req.url = rest || '/';
    callback(req, res);
  }

  return { ...issuer, path, url, key, provider, handle };
}

function logoutPage(ctx, form, issuer) {
  // Front-channel logout: every other client this browser session signed in to gets an iframe to its logout address.
  const session = ctx.oidc.session;
  const frames = [];
  for (const [clientId, authorization] of Object.entries(session?.authorizations ?? {})) {
    const client = issuer.clients?.find((c) => c.client_id === clientId);
    if (client?.frontchannel_logout_uri && authorization.sid) {
      const target = new URL(client.frontchannel_logout_uri);
      target.searchParams.set('iss', `${base}/${issuer.name}`);
      target.searchParams.set('sid', authorization.sid);
      frames.push(`<iframe src="${escape(target.href)}" title="logout" hidden></iframe>`);
    }
  }
  const formWithYes = form.replace('</form>', '<input type="hidden" name="logout" value="yes"></form>');
  ctx.type = 'html';
  ctx.body = page('Logg ut', `<h1>Logg ut</h1>${frames.join('')}${formWithYes}
<p><button type="submit" form="op.logoutForm">Logg ut</button></p>`);
}

// The test switches: the provider's ID token is replaced by one signed again with a wrong audience, a wrong nonce, or
// by another issuer (its own key and name), so the tests can show that the app refuses each.
function interceptTokenResponse(res, issuer) {
  const end = res.end.bind(res);
  res.end = (chunk, ...args) => {
    try {
      const body = JSON.parse(Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk));
      if (body.id_token) {
        const [h, p] = body.id_token.split('.');
        const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
        const payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
        const tamper = subjects.get(payload.sub)?.tamper;
        if (tamper) {
          let signer = issuers.get(issuer.name);
          if (tamper === 'aud') payload.aud = 'another-client';
          if (tamper === 'nonce') payload.nonce = crypto.randomBytes(16).toString('base64url');
          if (tamper === 'foreign') {
            signer = [...issuers.values()].find((i) => i.name !== issuer.name) ?? signer;
            payload.iss = signer.url;
          }
          const newHeader = Buffer.from(JSON.stringify({ ...header, kid: signer.key.jwk.kid })).toString('base64url');
          const newPayload = Buffer.from(JSON.stringify(payload)).toString('base64url');
          const signature = crypto.sign('RSA-SHA256', Buffer.from(`${newHeader}.${newPayload}`), signer.key.privateKey).toString('base64url');
          body.id_token = `${newHeader}.${newPayload}.${signature}`;
          const text = JSON.stringify(body);
          res.setHeader('content-length', Buffer.byteLength(text));
          return end(text, ...args);
        }
      }
    } catch {
      // Not a JSON token response: pass it on unchanged.
    }
    return end(chunk, ...args);
  };
}

const issuers = new Map((config.issuers ?? []).map((i) => [i.name, makeIssuer(i)]));

const server = http.createServer(async (req, res) => {
  try {
    const path = new URL(req.url, base).pathname;
    if (path === '/' || path === '/health') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end([...issuers.values()].map((i) => i.url).join('\n') + '\n');
      return;
    }
    const name = path.split('/')[1];
    const issuer = issuers.get(name);
    if (!issuer) {
      res.writeHead(404);
      res.end();
      return;
    }
    await issuer.handle(req, res, req.url.slice(issuer.path.length));
  } catch (error) {
    if (!res.headersSent) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
    }
    res.end(`error: ${error.message}\n`);
  }
});

server.listen(port, host, () => {
  console.log(`test-idp listening on ${base} with issuers: ${[...issuers.values()].map((i) => i.url).join(', ')}`);
});
