import type { GetUserInfoResponse, InfoResponse, Version } from '@sluice/argo-types';
import type { ClientContext } from './context.js';

/** The server's version, settings and who the token belongs to. */
export class InfoApi {
  constructor(readonly context: ClientContext) {}

  /** The server's build (`argo version`'s server half). */
  version(): Promise<Version> {
    return this.context.safe(() => this.context.transport.json<Version>('GET', '/api/v1/version'));
  }

  /** The server's settings: managed namespace, links, columns. */
  info(): Promise<InfoResponse> {
    return this.context.safe(() => this.context.transport.json<InfoResponse>('GET', '/api/v1/info'));
  }

  /** Who the server thinks the caller is. */
  userInfo(): Promise<GetUserInfoResponse> {
    return this.context.safe(() => this.context.transport.json<GetUserInfoResponse>('GET', '/api/v1/userinfo'));
  }
}
