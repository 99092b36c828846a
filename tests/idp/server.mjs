// A real OpenID Connect provider for the sign-in tests (oidc-provider), on 127.0.0.1 only.
// PORT: where to listen. IDP_ACCOUNTS: JSON {login: {claims}} of the people who can sign in
// (any password). IDP_CLIENTS: JSON [{client_id, client_secret, redirect_uris}].
// Consent is granted at once (first-party clients); the login is the provider's own
// interaction form. ID tokens live 120 seconds, so a test can outwait one.
import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const accounts = JSON.parse(process.env.IDP_ACCOUNTS || '{}');
const clients = JSON.parse(process.env.IDP_CLIENTS || '[]');
const PNR = 'https://id.oidc.se/claim/personalIdentityNumber';

const configuration = {
  clients: clients.map((c) => ({
    ...c,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
  })),
  claims: {
    openid: ['sub', 'tid', PNR],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name'],
  },
  scopes: ['openid', 'email', 'profile'],
  ttl: { IdToken: 120, AccessToken: 600, AuthorizationCode: 300, Interaction: 600, Session: 600, Grant: 600 },
  cookies: { keys: ['iop-test-idp-cookie-key'] },
  features: { devInteractions: { enabled: true } },
  async findAccount(ctx, id) {
    const claims = accounts[id];
    if (!claims) return undefined;
    return { accountId: id, async claims() { return { sub: claims.sub || id, ...claims }; } };
  },
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile');
    grant.addOIDCClaims(['sub', 'tid', PNR, 'email', 'email_verified', 'name', 'given_name', 'family_name']);
    await grant.save();
    return grant;
  },
};

const provider = new Provider(`http://127.0.0.1:${port}`, configuration);
provider.listen(port, '127.0.0.1', () => {
  console.log(`idp listening on http://127.0.0.1:${port}`);
});
