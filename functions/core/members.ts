/** Member rules: what a valid enrolment is, independent of storage. */
import { ValidationError } from "./errors.js";
import { CHANNELS, GENDERS, type Birthday, type Channel, type Gender, type Member } from "./model.js";
import { normalisePhone } from "./phone.js";
import { oneOf, requiredText } from "./validate.js";

export interface EnrolmentInput {
  phone: string;
  name: string;
  gender?: Gender | null;
  birthday?: { month: number; day: number; year?: number | null } | null;
  homeStoreId?: string | null;
  guideId?: string | null;
  channel?: Channel | null;
  marketingSmsConsent?: boolean | null;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A birthday: month and day required (29 Feb allowed), year optional and plausible. */
export function parseBirthday(input: EnrolmentInput["birthday"], today: string): Birthday | undefined {
  if (input == null) return undefined;
  const { month, day, year } = input;
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new ValidationError("birthday.month", "birthday.month must be 1–12");
  if (!Number.isInteger(day) || day < 1 || day > DAYS_IN_MONTH[month - 1]) {
    throw new ValidationError("birthday.day", `birthday.day must be a day of month ${month}`);
  }
  if (year == null) return { month, day };
  const thisYear = Number(today.slice(0, 4));
  if (!Number.isInteger(year) || year < thisYear - 120 || year > thisYear) {
    throw new ValidationError("birthday.year", `birthday.year must be between ${thisYear - 120} and ${thisYear}`);
  }
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) {
    throw new ValidationError("birthday.day", `${year} has no 29 February`);
  }
  return { month, day, year };
}

/** A member from validated enrolment input; the store and guide are checked by the caller. */
export function newMember(
  input: EnrolmentInput,
  context: { id: string; merchantId: string; memberCode: string; now: string; homeStoreId: string; defaultChannel: Channel },
): Member {
  const phone = normalisePhone(input.phone);
  const name = requiredText("name", input.name, 40);
  const gender = input.gender == null ? "unknown" : oneOf("gender", input.gender, GENDERS);
  const channel = input.channel == null ? context.defaultChannel : oneOf("channel", input.channel, CHANNELS);
  const birthday = parseBirthday(input.birthday, context.now);
  return {
    id: context.id,
    merchantId: context.merchantId,
    phone,
    name,
    gender,
    birthday,
    homeStoreId: context.homeStoreId,
    guideId: input.guideId ?? undefined,
    channel,
    memberCode: context.memberCode,
    marketingSms: input.marketingSmsConsent == null ? undefined : { granted: input.marketingSmsConsent, at: context.now, channel },
    joinedAt: context.now,
    updatedAt: context.now,
  };
}

/** Member codes: 10 readable characters (≈50 bits), so they cannot be guessed. */
export const MEMBER_CODE_LENGTH = 10;

/** Normalise a scanned or typed member code: upper case, no spaces or dashes. */
export function normaliseMemberCode(input: string): string {
  return input.trim().toUpperCase().replace(/[\s-]/g, "");
}
