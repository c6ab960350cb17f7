/**
 * An error whose text is only its message. Decap shows a failed request as
 * `String(error)`, which for an ordinary error begins with "Error: " and for its API
 * errors with "API_ERROR: "; the project's messages are Vietnamese and complete.
 */
export class MessageError extends Error {
  override toString(): string {
    return this.message;
  }
}
