/** Members as CSV rows, the same for the console's export and the CLI. */
import type { Member } from "./model.js";
import { maskPhone } from "./phone.js";

export const EXPORT_HEADER = [
  "会员码 Member code",
  "手机号 Phone",
  "姓名 Name",
  "性别 Gender",
  "生日 Birthday",
  "门店 Store",
  "导购 Guide",
  "标签 Tags",
  "营销短信 Marketing SMS",
  "入会时间 Joined",
  "渠道 Channel",
];

const GENDER: Record<string, string> = { female: "女", male: "男", unknown: "" };

/** What a row reads of a member: the core's record, or the API's (where an absent field is null). */
export type ExportedMember = Pick<
  Member,
  "memberCode" | "phone" | "name" | "gender" | "homeStoreId" | "tags" | "joinedAt" | "channel"
> & {
  birthday?: { month: number; day: number; year?: number | null } | null;
  guideId?: string | null;
  marketingSms?: { granted: boolean } | null;
};

/** One CSV row per member; times in the merchant's time zone; phones masked when asked. */
export function memberCsvRow(
  member: ExportedMember,
  names: { store: (id: string) => string | undefined; guide: (id: string) => string | undefined },
  timeZone: string,
  masked = false,
): string[] {
  const birthday = member.birthday
    ? [
        member.birthday.year,
        String(member.birthday.month).padStart(2, "0"),
        String(member.birthday.day).padStart(2, "0"),
      ]
        .filter(Boolean)
        .join("-")
    : "";
  const joined = new Intl.DateTimeFormat("sv-SE", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(member.joinedAt));
  return [
    member.memberCode,
    masked ? maskPhone(member.phone) : member.phone,
    member.name,
    GENDER[member.gender] ?? "",
    birthday,
    names.store(member.homeStoreId) ?? member.homeStoreId,
    member.guideId ? (names.guide(member.guideId) ?? member.guideId) : "",
    member.tags.join("、"),
    member.marketingSms == null ? "" : member.marketingSms.granted ? "是" : "否",
    joined,
    member.channel,
  ];
}
