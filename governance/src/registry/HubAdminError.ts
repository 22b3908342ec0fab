/**
 * A registry change that cannot be made as asked (unknown agency, duplicate id, malformed
 * coordinate). The message says what to do; the `agency` command prints it as it is.
 */
export class HubAdminError extends Error {
  override name = 'HubAdminError';
}
