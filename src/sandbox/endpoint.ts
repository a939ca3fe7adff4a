/**
 * @module The contract between the SDK transport (`src/aws/sandbox-transport.ts`) and the sandbox.
 * The sandbox never imports the SDK: it receives a decoded call and returns the output object the
 * SDK would have produced (Date for timestamps, Uint8Array for blobs), or throws a
 * `SandboxServiceError` that the transport turns into the client's real service exception.
 */

export type SandboxService = 'sso-admin' | 'identitystore' | 'organizations' | 'iam' | 'sts' | 'account';

export interface SandboxCall {
  service: SandboxService;
  /** The operation name without `Command` (`ListInstances`). */
  operation: string;
  input: Record<string, unknown>;
  /** Access key id the request was signed with; the sandbox maps it to a principal and account. */
  accessKeyId: string;
  /** The signing region of the request (for sso-admin and identitystore: where the call went). */
  region: string;
}

/** An AWS error as the wire would carry it. */
export class SandboxServiceError extends Error {
  /** The error code / SDK error name (`ThrottlingException`, `NoSuchEntityException`). */
  readonly code: string;
  readonly httpStatusCode: number;
  /** Modeled members copied onto the exception (`Reason`, `ResourceType`, `RetryAfterSeconds`, …). */
  readonly fields: Record<string, unknown>;
  constructor(code: string, message: string, httpStatusCode: number, fields: Record<string, unknown> = {}) {
    super(message);
    this.name = 'SandboxServiceError';
    this.code = code;
    this.httpStatusCode = httpStatusCode;
    this.fields = fields;
  }
}

/** What the transport talks to. One endpoint serves every service, region and account. */
export interface SandboxEndpoint {
  handle(call: SandboxCall): Promise<Record<string, unknown>>;
}
