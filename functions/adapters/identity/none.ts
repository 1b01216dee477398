/** The identity provider of functions that manage no sign-ins (the jobs and webhook Lambdas): every call refuses. */
import type { IdentityProvider } from "./port.js";

const refuse = async (): Promise<never> => {
  throw new Error("This function manages no sign-ins");
};

export const noIdentity: IdentityProvider = {
  createUser: refuse,
  setRole: refuse,
  setEnabled: refuse,
  deleteUser: refuse,
};
