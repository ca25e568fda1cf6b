import * as client from "openid-client";
import type { Config } from "../../platform/config.js";

export interface OidcStart {
  url: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** Single sign-on through OpenID Connect (authorisation code with PKCE), by openid-client. */
export class OidcSignIn {
  #configuration: Promise<client.Configuration> | undefined;

  constructor(private readonly settings: NonNullable<Config["oidc"]>) {}

  get providerName(): string {
    return this.settings.providerName;
  }

  #discover(): Promise<client.Configuration> {
    this.#configuration ??= client
      .discovery(
        new URL(this.settings.issuerUrl),
        this.settings.clientId,
        this.settings.clientSecret,
        undefined,
        this.settings.allowHttp ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((err: unknown) => {
        this.#configuration = undefined; // try discovery again next time
        throw err;
      });
    return this.#configuration;
  }

  async start(redirectUri: string): Promise<OidcStart> {
    const configuration = await this.#discover();
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: "openid email profile",
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: "S256",
      state,
      nonce,
    });
    return { url: url.href, state, nonce, codeVerifier };
  }

  /** Exchanges the code for tokens and returns the email address the provider vouches for. */
  async finish(callbackUrl: URL, started: Omit<OidcStart, "url">): Promise<string | null> {
    const configuration = await this.#discover();
    const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: started.codeVerifier,
      expectedState: started.state,
      expectedNonce: started.nonce,
    });
    const claims = tokens.claims();
    // Entra ID puts the sign-in address in the ID token (email, or preferred_username when no
    // email claim is issued); other providers give it only from the userinfo endpoint.
    let email = claims?.email ?? claims?.preferred_username;
    if (typeof email !== "string" && claims?.sub) {
      const userInfo = await client.fetchUserInfo(configuration, tokens.access_token, claims.sub);
      email = userInfo.email ?? userInfo.preferred_username;
    }
    return typeof email === "string" ? email.trim().toLowerCase() : null;
  }
}
