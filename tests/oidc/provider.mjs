// A real OpenID provider for the tests: npm's oidc-provider (OpenID Certified), on a loopback port.
// usage: node provider.mjs PORT   with OIDC_CLIENTS (JSON array of clients), OIDC_ACCOUNTS (JSON: login -> claims) and
// OIDC_MAILBOX (the mailbox a client-credentials token may open: its "email" claim, which Dovecot's oauth2 passdb reads).
// Any password is accepted (devInteractions): the login form has "login" and "password", then a consent page.
import Provider from 'oidc-provider';

const port = Number(process.argv[2]);
const clients = JSON.parse(process.env.OIDC_CLIENTS ?? '[]');
const accounts = JSON.parse(process.env.OIDC_ACCOUNTS ?? '{}');
const mailbox = process.env.OIDC_MAILBOX;

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients,
  features: {
    devInteractions: { enabled: true },
    introspection: { enabled: true, allowedPolicy: async () => true },
    clientCredentials: { enabled: true },
    rpInitiatedLogout: { enabled: true },
    backchannelLogout: { enabled: true },
    revocation: { enabled: true },
  },
  scopes: ['openid', 'offline_access', 'mail.read', 'mail.send'],
  extraTokenClaims: async (ctx, token) => (token.kind === 'ClientCredentials' && mailbox ? { email: mailbox } : undefined),
  pkce: { required: () => true },
  conformIdTokenClaims: false,
  // roles and stores come without a scope, as Entra ID's app roles do
  claims: {
    openid: ['sub', 'roles', 'stores'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name'],
  },
  findAccount: async (ctx, id) => ({
    accountId: id,
    claims: async () => ({ sub: id, ...(accounts[id] ?? {}) }),
  }),
  cookies: { keys: ['klantcentraal-test-provider'] },
  // The app under test listens on loopback, which the provider's SSRF guard refuses for back-channel logout calls.
  fetch: (url, options) => fetch(url, { ...options, dispatcher: undefined }),
});

provider.listen(port, '127.0.0.1', () => console.log(`provider listening on ${port}`));

provider.on('backchannel.error', (ctx, err, client) => console.error(`backchannel logout to ${client.clientId} failed: ${err.message} ${err.cause?.message ?? ""} ${err.cause?.code ?? ""}`));
