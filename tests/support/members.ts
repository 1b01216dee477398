/** Member helpers for tests. */
import { gql, ok, type Credentials } from "./api.js";
import type { TestServer } from "./server.js";

export const MEMBER_FIELDS =
  `id phone phoneMasked name gender birthday { month day year } homeStoreId guideId ` +
  `channel memberCode cardPayload tags version marketingSms { granted at channel } ` +
  `joinedAt`;

let counter = 0;
/** A fresh, valid mainland mobile number. */
export function phone(): string {
  counter++;
  return `139${String(process.pid % 1000).padStart(3, "0")}${String(counter).padStart(5, "0")}`;
}

export async function enrol(server: TestServer, credentials: Credentials, input: Record<string, unknown>) {
  const result = await ok(
    gql(
      server,
      `mutation($input: RegisterMemberInput!) { registerMember(input: $input) { created member { ${MEMBER_FIELDS} } } }`,
      { input: { phone: phone(), name: "测试会员", ...input } },
      credentials,
    ),
  );
  return result.registerMember.member;
}
