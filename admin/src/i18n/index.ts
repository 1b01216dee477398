/**
 * Polyglot translations: zh-CN by default, English on request. zh-CN holds every
 * key English does (tests/unit/i18n-keys.test.ts), so English is loaded only
 * when someone switches to it and stays out of the console's first load.
 */
import polyglotI18nProvider from "ra-i18n-polyglot";
import type { TranslationMessages } from "react-admin";
import { zhCN } from "./zh-CN";

export const DEFAULT_LOCALE = "zh-CN";

const chinese = zhCN as unknown as TranslationMessages;
const loadEnglish = () => import("./en").then((module) => module.en as unknown as TranslationMessages);

export const i18nProvider = polyglotI18nProvider(
  (locale) => (locale === "en" ? loadEnglish() : chinese),
  DEFAULT_LOCALE,
  [
    { locale: "zh-CN", name: "中文" },
    { locale: "en", name: "English" },
  ],
);
