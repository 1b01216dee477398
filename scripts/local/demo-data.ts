/** Realistic-looking demo people: Chinese names, +86 mobiles, birthdays. Deterministic for a seed. */

const SURNAMES =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱";
const GIVEN_FEMALE = [
  "静",
  "丽",
  "芳",
  "敏",
  "婷",
  "雪",
  "慧",
  "颖",
  "琳",
  "欣",
  "怡",
  "佳",
  "梦",
  "诗",
  "雨",
  "晓",
  "思",
  "悦",
  "玥",
  "晨",
  "嘉",
  "可",
  "心",
  "子涵",
  "若曦",
  "梓萱",
  "语桐",
  "一诺",
  "欣怡",
  "雨桐",
];
const GIVEN_MALE = [
  "伟",
  "强",
  "磊",
  "洋",
  "勇",
  "军",
  "杰",
  "涛",
  "明",
  "超",
  "鹏",
  "浩",
  "宇",
  "轩",
  "博",
  "俊",
  "辉",
  "斌",
  "晨",
  "凯",
  "子轩",
  "浩然",
  "宇航",
  "俊杰",
  "博文",
  "一鸣",
  "天佑",
  "思远",
  "嘉豪",
  "梓豪",
];
const PREFIXES = [
  "130",
  "131",
  "132",
  "133",
  "135",
  "136",
  "137",
  "138",
  "139",
  "150",
  "151",
  "152",
  "155",
  "156",
  "157",
  "158",
  "159",
  "166",
  "177",
  "180",
  "181",
  "186",
  "187",
  "188",
  "189",
  "199",
];

/** A small seeded PRNG (mulberry32), so the same seed gives the same people. */
export function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    chance: (p: number) => next() < p,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
  };
}

export interface DemoPerson {
  name: string;
  gender: "female" | "male";
  phone: string;
  birthday: { month: number; day: number; year?: number };
  marketingSmsConsent: boolean;
  /** Days before today the person joined. */
  joinedDaysAgo: number;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function demoPeople(count: number, seed: number): DemoPerson[] {
  const rng = random(seed);
  const phones = new Set<string>();
  const people: DemoPerson[] = [];
  while (people.length < count) {
    const gender = rng.next() < 0.6 ? "female" : "male";
    const name = rng.pick([...SURNAMES]) + rng.pick(gender === "female" ? GIVEN_FEMALE : GIVEN_MALE);
    const phone = `+86${rng.pick(PREFIXES)}${String(rng.int(0, 99_999_999)).padStart(8, "0")}`;
    if (phones.has(phone)) continue;
    phones.add(phone);
    const month = rng.int(1, 12);
    const day = rng.int(1, DAYS[month - 1]);
    people.push({
      name,
      gender,
      phone,
      birthday: rng.next() < 0.7 ? { month, day, year: rng.int(1965, 2006) } : { month, day },
      marketingSmsConsent: rng.next() < 0.75,
      joinedDaysAgo: rng.int(0, 720),
    });
  }
  return people;
}
