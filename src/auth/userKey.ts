/** The key a user's state is kept under, from the Teams user's tenant and object id. */
import type { UserRef } from './types';

/** The key a user's state is kept under. */
export function userKey(user: UserRef): string {
  return `${user.tenantId}/${user.userId}`.toLowerCase();
}
