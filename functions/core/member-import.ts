/**
 * Reading member files from other systems: column names in Chinese or
 * English, dates and yes/no written the ways people write them. Pure, so the
 * console and the CLI validate exactly as the API does.
 */
import { ValidationError } from "./errors.js";
import type { Gender } from "./model.js";

export const IMPORT_FIELDS = [
  "phone",
  "name",
  "gender",
  "birthday",
  "store",
  "guide",
  "tags",
  "consent",
  "joinedAt",
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Accepted column names per field (compared trimmed, lower case, without spaces, underscores or asterisks). */
export const HEADER_ALIASES: Record<ImportField, string[]> = {
  phone: [
    "手机号phone",
    "手机号",
    "手机",
    "手机号码",
    "电话",
    "联系电话",
    "phone",
    "mobile",
    "phonenumber",
    "mobilephone",
    "tel",
  ],
  name: ["姓名name", "姓名", "名字", "会员姓名", "客户姓名", "name", "fullname", "membername"],
  gender: ["性别gender", "性别", "gender", "sex"],
  birthday: ["生日birthday", "生日", "出生日期", "生日日期", "birthday", "birthdate", "dateofbirth", "dob"],
  store: ["门店store", "门店", "归属门店", "所属门店", "开卡门店", "store", "homestore", "storename", "storeid"],
  guide: ["导购guide", "导购", "专属导购", "导购账号", "guide", "guideusername"],
  tags: ["标签tags", "标签", "会员标签", "tags", "tag", "labels"],
  consent: [
    "营销短信marketingsms",
    "营销短信",
    "短信营销",
    "接受营销短信",
    "营销同意",
    "marketingsms",
    "smsconsent",
    "consent",
    "marketingconsent",
  ],
  joinedAt: [
    "入会时间joined",
    "入会时间",
    "入会日期",
    "注册时间",
    "注册日期",
    "开卡时间",
    "joinedat",
    "joined",
    "joindate",
    "signupdate",
    "createdat",
  ],
};

const canonical = (header: string) =>
  header
    .trim()
    .toLowerCase()
    .replace(/[\s_*（）()]/g, "");

export interface HeaderMap {
  columns: Partial<Record<ImportField, number>>;
  /** Columns that match no field; reported, not imported. */
  ignored: string[];
}

/** Which column holds which field; the phone and name columns are required. */
export function mapHeader(header: string[]): HeaderMap {
  const columns: HeaderMap["columns"] = {};
  const ignored: string[] = [];
  header.forEach((title, index) => {
    const field = IMPORT_FIELDS.find((candidate) => HEADER_ALIASES[candidate].includes(canonical(title)));
    if (!field) ignored.push(title);
    else if (columns[field] !== undefined)
      throw new ValidationError("header", `Two columns mean ${field}: "${header[columns[field]!]}" and "${title}"`);
    else columns[field] = index;
  });
  for (const required of ["phone", "name"] as const) {
    if (columns[required] === undefined)
      throw new ValidationError(
        "header",
        `The file needs a ${required} column (e.g. ${HEADER_ALIASES[required].slice(0, 2).join(" / ")} / ${required})`,
      );
  }
  return { columns, ignored };
}

/** 男/女, M/F, male/female; empty or 未知 is unknown. */
export function parseGender(text: string): Gender {
  const value = text.trim().toLowerCase();
  if (["男", "m", "male", "先生"].includes(value)) return "male";
  if (["女", "f", "female", "女士"].includes(value)) return "female";
  if (["", "未知", "unknown", "保密", "u"].includes(value)) return "unknown";
  throw new ValidationError("gender", `"${text}" is not a gender (男/女/male/female)`);
}

/** 是/否, yes/no, true/false, 1/0, y/n, 同意/不同意; empty means no decision. */
export function parseYesNo(text: string, field: string): boolean | undefined {
  const value = text.trim().toLowerCase();
  if (value === "") return undefined;
  if (["是", "同意", "yes", "y", "true", "1", "接受", "订阅"].includes(value)) return true;
  if (["否", "不同意", "no", "n", "false", "0", "拒绝", "退订"].includes(value)) return false;
  throw new ValidationError(field, `"${text}" is not yes or no (是/否)`);
}

/**
 * A birthday as people write it: 1990-05-20, 1990/5/20, 1990.5.20, 19900520,
 * 1990年5月20日, 05-20, 5/20, 5月20日. Validity (30 Feb…) is checked later.
 */
export function parseBirthdayText(text: string): { month: number; day: number; year?: number } | undefined {
  const value = text.trim();
  if (!value) return undefined;
  let match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(value) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (match) return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  match = /^(\d{1,2})[-/.月](\d{1,2})日?$/.exec(value);
  if (match) return { month: Number(match[1]), day: Number(match[2]) };
  throw new ValidationError("birthday", `"${text}" is not a date such as 1990-05-20 or 05-20`);
}

/** Tags separated by , ， ; ； 、 or |. */
export function splitTags(text: string): string[] {
  return text
    .split(/[,，;；、|]/)
    .map((tag) => tag.trim())
    .filter(Boolean);
}

/** A join date: YYYY-MM-DD (local day) or YYYY-MM-DD HH:mm[:ss] (local time) or ISO with zone. */
export function parseJoinedText(text: string): { date: string; time?: string } | { iso: string } | undefined {
  const value = text.trim().replace(/\//g, "-");
  if (!value) return undefined;
  if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(value) && !Number.isNaN(Date.parse(value)))
    return { iso: new Date(value).toISOString() };
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(value);
  if (!match) throw new ValidationError("joinedAt", `"${text}" is not a date such as 2024-03-01 or 2024-03-01 14:30`);
  const date = `${match[1]}-${match[2].padStart(2, "0")}-${match[3].padStart(2, "0")}`;
  if (
    Number.isNaN(Date.parse(`${date}T00:00:00Z`)) ||
    new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date
  ) {
    throw new ValidationError("joinedAt", `"${text}" is not a real date`);
  }
  return match[4] ? { date, time: `${match[4].padStart(2, "0")}:${match[5]}:${match[6] ?? "00"}` } : { date };
}
