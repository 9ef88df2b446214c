// Gatehouse's organization overview: signs the admin in with keycloak-js and does everything
// through the management API with the admin's token. Text from the server is only ever set as
// text (el() below), never parsed as HTML.
'use strict';

const main = document.getElementById('main');
const VIEW_KEY = 'gatehouse-overview-view';
let config;
let keycloak;
let view;

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => {
    if (name.startsWith('on')) {
      node.addEventListener(name.substring(2), value);
    } else if (value !== undefined && value !== null && value !== false) {
      node.setAttribute(name, value === true ? '' : value);
    }
  });
  children.flat(Infinity).forEach(child => node.append(child instanceof Node ? child : document.createTextNode(child ?? '')));
  return node;
}

function when(value) {
  if (value === null || value === undefined) {
    return '—';
  }
  return new Date(typeof value === 'number' ? value : Date.parse(value)).toLocaleString();
}

function label(text, kind) {
  return el('span', { class: 'label ' + (kind || '') }, text);
}

function table(headers, rows, empty) {
  if (rows.length === 0) {
    return el('p', { class: 'muted' }, empty);
  }
  return el('table', {}, el('thead', {}, el('tr', {}, headers.map(h => el('th', {}, h)))),
    el('tbody', {}, rows.map(cells => el('tr', {}, cells.map(c => el('td', { class: 'wrap' }, c))))));
}

class ApiError extends Error {
}

// A name from the address as one path segment of an API call: '.' and '..' would climb out of it.
function segment(name) {
  if (name === '.' || name === '..') {
    throw new ApiError('"' + name + '" is not a name.');
  }
  return encodeURIComponent(name);
}

// The page's address for a realm's organization list or one organization.
function viewUrl(realm, org) {
  return '?realm=' + encodeURIComponent(realm) + (org ? '&org=' + encodeURIComponent(org) : '');
}

// Which view the admin asked for. The client may redirect only to the page's bare address, so the
// sign-in round trip drops the query: what the address asked for is kept in this tab's storage and
// taken back only on return from the sign-in (a code and state in the fragment).
function requestedView() {
  if (location.search) {
    const query = new URLSearchParams(location.search);
    const asked = { realm: query.get('realm') || config.loginRealm, org: query.get('org') };
    sessionStorage.setItem(VIEW_KEY, JSON.stringify(asked));
    return asked;
  }
  const stored = /[#&]state=/.test(location.hash) ? sessionStorage.getItem(VIEW_KEY) : null;
  return stored ? JSON.parse(stored) : { realm: config.loginRealm, org: null };
}

async function api(method, path, body) {
  await keycloak.updateToken(30);
  const response = await fetch('/admin/realms/' + segment(view.realm) + '/gatehouse' + path, {
    method,
    headers: { Authorization: 'Bearer ' + keycloak.token, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body)
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new ApiError((json && (json.message || json.error)) || ('The server answered ' + response.status + '.'));
  }
  return json;
}

function alertBox(error) {
  return el('div', { class: 'alert', role: 'alert' }, error.message);
}

function secretBox(title, values) {
  const box = el('div', { class: 'secret', 'data-secret': true },
    el('strong', {}, title),
    el('p', {}, 'Shown only now. Copy it and hand it over; Gatehouse keeps only a hash.'));
  values.forEach(([name, value]) => {
    const code = el('code', { 'data-value': name }, value);
    const copy = el('button', {
      type: 'button', class: 'secondary', 'data-copy': name, onclick: async () => {
        await navigator.clipboard.writeText(value);
        copy.textContent = 'Copied';
      }
    }, 'Copy ' + name);
    box.append(el('div', {}, code, copy));
  });
  return box;
}

async function orgList() {
  const orgs = await api('GET', '/orgs?max=100');
  main.replaceChildren(
    el('h1', {}, 'Organizations'),
    el('p', { class: 'muted' }, 'Onboard a new customer in the admin console: Configure → gatehouse-onboarding → Create item.'),
    el('div', { class: 'card' }, table(['Name', 'Domains', 'External ID'], orgs.map(org => [
      el('a', { href: viewUrl(view.realm, org.id) }, org.name),
      org.domains.map(d => d.name).join(', '),
      org.externalId || '—'
    ]), 'No organizations yet.')));
}

async function orgPage(id) {
  const org = await api('GET', '/orgs/' + segment(id));
  const base = '/orgs/' + segment(id);
  document.title = org.name + ' · Gatehouse';
  const sections = {
    connections: el('section', { class: 'card', id: 'connections' }),
    directories: el('section', { class: 'card', id: 'directories' }),
    links: el('section', { class: 'card', id: 'setup-links' }),
    members: el('section', { class: 'card', id: 'members' }),
    invitations: el('section', { class: 'card', id: 'invitations' }),
    support: el('section', { class: 'card', id: 'support-account' }),
    webhooks: el('section', { class: 'card', id: 'webhooks' }),
    activity: el('section', { class: 'card', id: 'activity' })
  };
  main.replaceChildren(
    el('h1', { id: 'org-name' }, org.name),
    el('p', { class: 'muted' }, 'alias ' + org.alias + (org.externalId ? ' · external ID ' + org.externalId : '')),
    el('section', { class: 'card', id: 'facts' }, el('h2', {}, 'Settings'), facts(org)),
    el('section', { class: 'card', id: 'domains' }, el('h2', {}, 'Domains'),
      table(['Domain', 'Status'], org.domains.map(d => [d.name,
        d.verified ? label('Verified', 'ok') : label('Not verified', 'warn')]), 'No domains.')),
    ...Object.values(sections));
  const renderers = {
    connections: () => connections(sections.connections, base),
    directories: () => directories(sections.directories, base),
    links: () => setupLinks(sections.links, base),
    members: () => members(sections.members, base),
    invitations: () => invitations(sections.invitations, base),
    support: () => supportAccount(sections.support, base),
    webhooks: () => webhooks(sections.webhooks, id),
    activity: () => activity(sections.activity, base)
  };
  await Promise.all(Object.entries(renderers).map(([name, render]) =>
    render().catch(error => sections[name].replaceChildren(alertBox(error)))));
}

function facts(org) {
  const p = org.policies;
  const rows = [
    ['Require SSO', p.ssoRequired ? 'on' : 'off'],
    ['MFA for users who don\'t use SSO', p.mfaForNonSsoUsers ? 'on' : 'off'],
    ['Automatic membership by email domain', p.autoJoinByDomain ? 'on' : 'off'],
    ['Default role', p.defaultRole],
    ['Subdomains allowed', p.allowSubdomains ? 'yes' : 'no'],
    ['Only verified domains', p.requireVerifiedDomains ? 'yes' : 'no'],
    ['SCIM delete deactivates', p.scimDeleteDeactivates ? 'yes' : 'no'],
    ...Object.entries(org.attributes || {}).map(([name, values]) => [name, values.join(', ')])
  ];
  return el('dl', { class: 'facts' }, rows.map(([name, value]) => [el('dt', {}, name), el('dd', {}, value)]));
}

async function connections(section, base) {
  const list = await api('GET', base + '/connections');
  section.replaceChildren(el('h2', {}, 'SSO connections'), table(['Connection', 'Type', 'Status', 'State', 'Last passed test', 'Last sign-in', 'Last error'],
    list.map(c => [c.id, c.type.toUpperCase(), c.enabled ? label('Enabled', 'ok') : label('Disabled', 'bad'),
      [connectionState(c.state), ' ', stateButton(section, base, c)], when(c.lastPassedTestAt),
      when(c.lastLoginAt), c.lastError ? [label('Error', 'bad'), ' ', when(c.lastErrorAt), ': ', c.lastError] : '—']),
    'No connection yet. Send the customer\'s IT admin a setup link with the sso intent.'));
  if (list.length > 0) {
    section.append(ssoNotice(base));
  }
}

// A draft signs no one in until a Test connection passes; inactive is stopped by an admin.
function connectionState(state) {
  return state === 'active' ? label('Active', 'ok') : state === 'draft' ? label('Draft: not tested yet', 'warn') : label('Inactive', 'bad');
}

// Stops an active connection or starts an inactive one; a draft is activated by its first passing test.
function stateButton(section, base, c) {
  if (c.state === 'draft') {
    return '';
  }
  const target = c.state === 'active' ? 'inactive' : 'active';
  return el('button', {
    type: 'button', class: 'secondary', 'data-state-of': c.id, onclick: async () => {
      try {
        await api('PUT', base + '/connections/' + encodeURIComponent(c.id) + '/state', { state: target });
        await connections(section, base);
      } catch (error) {
        section.append(alertBox(error));
      }
    }
  }, target === 'active' ? 'Activate' : 'Deactivate');
}

// Sends again the email that tells members who sign in with a password to connect their account to SSO.
function ssoNotice(base) {
  const result = el('span', { class: 'muted', id: 'sso-notice-result', role: 'status' });
  const button = el('button', {
    type: 'button', class: 'secondary', id: 'send-sso-notice', onclick: async () => {
      if (!confirm('Email every member who signs in with a password that this organization now signs in with SSO, with a link to connect their account?')) {
        return;
      }
      button.disabled = true;
      try {
        const sent = await api('POST', base + '/sso-notice');
        result.textContent = 'Mailed ' + sent.mailed + ' member(s)' + (sent.failed ? '; ' + sent.failed + ' could not be mailed' : '') + '.';
      } catch (error) {
        result.replaceChildren(alertBox(error));
      } finally {
        button.disabled = false;
      }
    }
  }, 'Email members to connect their accounts');
  return el('p', {}, button, ' ', result);
}

async function directories(section, base, created) {
  const list = await api('GET', base + '/scim-directories');
  const name = el('input', { type: 'text', name: 'name', placeholder: 'Okta', 'aria-label': 'Directory name' });
  const form = el('form', {
    class: 'inline', onsubmit: async event => {
      event.preventDefault();
      try {
        const directory = await api('POST', base + '/scim-directories', { name: name.value || undefined });
        await directories(section, base, secretBox('SCIM directory "' + directory.name + '" created',
          [['base URL', directory.baseUrl], ['token', directory.token]]));
      } catch (error) {
        section.append(alertBox(error));
      }
    }
  }, name, el('button', { type: 'submit', class: 'primary', id: 'create-directory' }, 'Create SCIM directory'));
  section.replaceChildren(el('h2', {}, 'SCIM directories'), created || '', table(['Name', 'Base URL', 'Tokens', 'Last sync', 'Last error', ''],
    list.map(d => [d.name, d.baseUrl, String(d.tokens.length), when(d.lastSyncAt),
      d.lastError ? [label('Error', 'bad'), ' ', d.lastError] : '—',
      el('button', {
        type: 'button', class: 'danger', onclick: async () => {
          if (confirm('Delete the directory "' + d.name + '"? Its tokens stop working at once.')) {
            await api('DELETE', base + '/scim-directories/' + encodeURIComponent(d.id));
            await directories(section, base);
          }
        }
      }, 'Delete')]),
    'No SCIM directory yet.'), form);
}

async function setupLinks(section, base, created) {
  const list = await api('GET', base + '/setup-links');
  const intents = ['domain', 'sso', 'scim'].map(intent =>
    el('label', {}, el('input', { type: 'checkbox', name: 'intent', value: intent, checked: true }), ' ' + intent));
  const ttl = el('select', { name: 'ttl', 'aria-label': 'Valid for' },
    el('option', { value: '86400', selected: true }, 'valid for 24 hours'),
    el('option', { value: '259200' }, 'valid for 3 days'),
    el('option', { value: '604800' }, 'valid for 7 days'));
  const form = el('form', {
    class: 'inline', onsubmit: async event => {
      event.preventDefault();
      const chosen = [...form.querySelectorAll('input[name=intent]:checked')].map(box => box.value);
      try {
        const link = await api('POST', base + '/setup-links', { intents: chosen, ttlSeconds: Number(ttl.value) });
        await setupLinks(section, base, secretBox('Setup link for ' + link.intents.join(', ') + ', until ' + when(link.expiresAt),
          [['link', link.url]]));
      } catch (error) {
        section.append(alertBox(error));
      }
    }
  }, ...intents, ttl, el('button', { type: 'submit', class: 'primary', id: 'create-setup-link' }, 'Create setup link'));
  section.replaceChildren(el('h2', {}, 'Setup links'),
    el('p', { class: 'muted' }, 'A one-time link for the customer\'s IT admin to prove its domains, connect its IdP and create SCIM directories.'),
    created || '', table(['Intents', 'State', 'Created', 'Expires', 'Used', ''],
      list.map(l => [l.intents.join(', '), label(l.state, l.state === 'ACTIVE' ? 'ok' : ''), when(l.createdAt), when(l.expiresAt), when(l.usedAt),
        l.state === 'ACTIVE' ? el('button', {
          type: 'button', class: 'danger', onclick: async () => {
            await api('DELETE', base + '/setup-links/' + encodeURIComponent(l.id));
            await setupLinks(section, base);
          }
        }, 'Revoke') : '']),
      'No setup link yet.'), form);
}

async function members(section, base) {
  const list = await api('GET', base + '/members?max=100');
  section.replaceChildren(el('h2', {}, 'Members'), table(['Username', 'Email', 'Roles', 'Membership', 'Status'],
    list.map(m => [m.username, m.email || '—', m.roles.length ? m.roles.map(r => label(r)) : '—',
      m.membershipType === 'MANAGED' ? 'managed (SSO or SCIM)' : 'unmanaged',
      m.enabled ? label('Enabled', 'ok') : label('Disabled', 'bad')]),
    'No members yet.'));
}

async function invitations(section, base) {
  const list = await api('GET', base + '/invitations');
  section.replaceChildren(el('h2', {}, 'Invited admins'), table(['Email', 'State', 'Invited', 'By', 'Expires', 'Accepted', 'Became admin', ''],
    list.map(i => [i.email, label(i.state, i.state === 'PENDING' || i.state === 'ACCEPTED' ? 'ok' : 'bad'), when(i.invitedAt),
      i.invitedBy || '—', when(i.expiresAt), when(i.acceptedAt), i.becameAdmin ? label('admin', 'ok') : '—',
      i.id && i.state !== 'ACCEPTED' ? el('button', {
        type: 'button', class: 'danger', 'data-revoke': i.email, onclick: async () => {
          if (confirm('Revoke the invitation of ' + i.email + '? Its emailed link stops working at once.')) {
            try {
              await api('DELETE', base + '/invitations/' + encodeURIComponent(i.id));
              await invitations(section, base);
            } catch (error) {
              section.append(alertBox(error));
            }
          }
        }
      }, 'Revoke') : '']),
    'No admin invited. List admins to invite on the onboarding item in the admin console.'));
}

async function supportAccount(section, base) {
  const button = el('button', {
    type: 'button', class: 'secondary', id: 'create-support-account', onclick: async () => {
      try {
        const account = await api('POST', base + '/support-account');
        const box = secretBox('Support account "' + account.username + '" created',
          [['password', account.password], ['TOTP secret', account.totpSecret], ['otpauth URI', account.otpauthUri]]);
        box.append(el('img', { src: 'data:image/png;base64,' + account.qrCode, alt: 'QR code of the TOTP secret', width: 180, height: 180 }));
        section.replaceChildren(el('h2', {}, 'Support account'), box);
      } catch (error) {
        section.append(alertBox(error));
      }
    }
  }, 'Create support account');
  section.replaceChildren(el('h2', {}, 'Support account'),
    el('p', { class: 'muted' }, 'A break-glass account (support.<alias>): exempt from Require SSO, with a generated password and TOTP. '
      + 'Store both in your vault; its sign-ins appear in the activity log. An organization has one.'), button);
}

// The webhook endpoints that receive this organization's events (its own and the realm-wide ones),
// their health, and each one's newest delivery attempts.
async function webhooks(section, orgId) {
  const endpoints = await api('GET', '/webhooks?organizationId=' + encodeURIComponent(orgId));
  const health = e => !e.enabled
    ? label(e.disabledReason === 'failing' ? 'Disabled: failed for 5 days' : 'Disabled', 'bad')
    : e.failingSince ? [label('Failing', 'warn'), ' since ', when(e.failingSince)] : label('Healthy', 'ok');
  section.replaceChildren(el('h2', {}, 'Webhooks'), table(['Endpoint', 'Events', 'Health', 'Last success'],
    endpoints.map(e => [e.url, (e.organizationId ? 'this organization' : 'whole realm') + ': ' + (e.types.length ? e.types.join(', ') : 'all types'),
      health(e), when(e.lastSuccessAt)]),
    'No webhook endpoint receives this organization\'s events. Create one with POST /webhooks.'));
  for (const e of endpoints) {
    const log = await api('GET', '/webhooks/' + segment(e.id) + '/deliveries?max=5');
    section.append(el('h3', {}, 'Newest deliveries to ' + e.url), table(['Time', 'Event', 'Attempt', 'Status', 'Latency', 'Outcome'],
      log.map(a => [when(a.attemptedAt), a.type, String(a.attempt), a.statusCode === null ? '—' : String(a.statusCode),
        a.latencyMillis + ' ms', label(a.outcome, a.outcome === 'delivered' ? 'ok' : 'bad')]), 'Nothing delivered yet.'));
  }
}

async function activity(section, base) {
  const list = await api('GET', base + '/activity?max=20');
  section.replaceChildren(el('h2', {}, 'Activity'), table(['Time', 'What', 'Outcome', 'Who', 'Subject', 'Detail'],
    list.map(a => [when(a.time), a.kind, label(a.outcome, a.outcome === 'SUCCESS' ? 'ok' : 'bad'), a.actor || '—', a.subject || '—', a.detail || '—']),
    'Nothing has happened yet.'));
}

async function start() {
  config = await (await fetch('config.json')).json();
  view = requestedView();
  keycloak = new Keycloak({ url: config.serverUrl, realm: config.loginRealm, clientId: config.clientId });
  await keycloak.init({ onLoad: 'login-required', pkceMethod: 'S256', checkLoginIframe: false, redirectUri: config.redirectUri });
  history.replaceState(null, '', viewUrl(view.realm, view.org));
  document.getElementById('realm').textContent = 'realm ' + view.realm;
  document.getElementById('console-link').href = config.console + encodeURIComponent(view.realm);
  document.getElementById('orgs-link').href = viewUrl(view.realm);
  document.getElementById('sign-out').addEventListener('click', () => keycloak.logout({ redirectUri: config.redirectUri }));
  try {
    await (view.org ? orgPage(view.org) : orgList());
  } catch (error) {
    main.replaceChildren(alertBox(error));
  }
}

start();
